"""The installable app's files: manifest, service worker, offline page (issue 16)."""

import json

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_the_manifest_has_what_install_needs(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert (data["start_url"], data["scope"], data["display"]) == (
        "/?source=app",
        "/",
        "standalone",
    )
    assert data["short_name"] == "Walk Well" and data["theme_color"] == "#1d4f73"
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in data["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_the_service_worker_is_served_from_the_root_and_never_cached(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    config = json.loads(body.split("const CONFIG = ")[1].split(";\n")[0])
    assert "/offline/" in config["shell"] and "/static/js/offline.js" in config["shell"]
    assert config["offlinePages"] == ["/walks/new/", "/checkins/new/"]
    assert len(config["version"]) == 12
    assert 'importScripts("/static/js/queue.js")' in body


def test_the_offline_page_works_without_login(client):
    page = client.get("/offline/").content.decode()
    assert "You are offline" in page
    saved = client.get("/offline/?saved=walk").content.decode()
    assert "Saved on this phone; it will be sent when you are back online." in saved


def test_every_page_links_the_manifest_and_sets_the_theme_before_paint(client, patient_client):
    for page in (client.get("/tips/"), patient_client.get("/")):
        head = page.content.decode().split("</head>")[0]
        assert '<link rel="manifest" href="/manifest.webmanifest">' in head
        assert "/static/js/theme.js" in head


def test_the_walk_and_checkin_forms_can_keep_an_entry_offline(patient_client):
    walk = patient_client.get("/walks/new/").content.decode()
    assert 'data-offline-kind="walk"' in walk and 'id="offline-saved"' in walk
    assert 'data-offline-kind="checkin"' in patient_client.get("/checkins/new/").content.decode()


def test_the_offline_page_kept_on_the_device_names_nobody(patient_client, patient):
    page = patient_client.get("/offline/").content.decode()
    assert patient.get_username() not in page
    assert "Account (" in patient_client.get("/tips/").content.decode()


def test_the_offline_page_gives_no_call_to_walk_it_cannot_stand_behind(client):
    """The offline page is kept for everyone on the device and cannot know
    today's advice: it says so, and offers logging without a primary button."""
    page = client.get("/offline/").content.decode()
    assert 'id="offline-guidance"' in page
    assert 'class="btn btn-primary" href="/walks/new/"' not in page
    assert 'class="btn btn-outline-primary" href="/walks/new/"' in page
