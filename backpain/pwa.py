"""The installable app: web manifest, service worker and offline page.

The worker must be served from the site root to control every page (scope
"/"), so it is a template rendered here rather than a file under /static/;
it names the static files by their hashed URLs, and its cache version is a
hash of those names, so a deployment with changed files replaces the caches.
"""

import functools
import hashlib
import json

from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

THEME_COLOUR = "#1d4f73"
SHELL_STATIC = [
    "vendor/bootstrap/css/bootstrap.min.css",
    "vendor/bootstrap/js/bootstrap.bundle.min.js",
    "css/app.css",
    "js/theme.js",
    "js/app.js",
    "js/queue.js",
    "js/offline.js",
    "img/favicon.svg",
    "img/icon-192.png",
]
# Pages kept for offline use: the two forms that can save an entry offline.
OFFLINE_PAGES = ["/walks/new/", "/checkins/new/"]
# The offline page, and its two "saved on this phone" forms.
OFFLINE_SHELL = ["/offline/", "/offline/?saved=walk", "/offline/?saved=checkin"]


@functools.cache
def shell_urls() -> tuple[str, ...]:
    return tuple(static(path) for path in SHELL_STATIC)


@functools.cache
def cache_version() -> str:
    return hashlib.sha256("|".join(shell_urls()).encode()).hexdigest()[:12]


@require_GET
def manifest(request):
    data = {
        "name": _("Walk Well for back pain"),
        "short_name": "Walk Well",
        "description": _("A walking plan for lower back pain that builds up safely."),
        "id": "/",
        "start_url": "/?source=app",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "lang": get_language(),
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def service_worker(request):
    response = render(
        request,
        "pwa/sw.js",
        {
            "queue_js": static("js/queue.js"),
            # Our own static URLs and paths only: safe to place in the script.
            "config": json.dumps(
                {
                    "version": cache_version(),
                    "shell": [*shell_urls(), *OFFLINE_SHELL],
                    "offlinePages": OFFLINE_PAGES,
                    "offlineUrl": "/offline/",
                }
            ),
        },
        content_type="application/javascript; charset=utf-8",
    )
    # Browsers check for a new worker at most daily anyway; never let a
    # proxy keep an old one.
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline(request):
    # The service worker keeps this page for every patient on the device:
    # it names nobody (see base.html's offline_shell).
    # Nor does it say whose it is: the worker fills in the account it holds
    # pages for when it serves this page offline (templates/pwa/sw.js).
    return render(request, "pwa/offline.html", {"offline_shell": True, "device_account": ""})
