import hashlib
import json
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET

from doctors.models import MODES, Doctor, clean_query, directory_facets, directory_version

PAGE_SIZE = 12
MAX_PAGE = 500
PAGE_SECONDS = 600
CARD_SECONDS = 24 * 3600


def cards(doctors: list) -> list[str]:
    """Each doctor's card as HTML, from the cache when this version of the
    listing (its `updated_at`, which doctors/signals.py keeps current) was
    already drawn in this language; the rest are drawn and kept, in one
    round trip each way."""
    language = get_language()
    keys = [f"doctors:card:{language}:{d.pk}:{d.updated_at.timestamp()}" for d in doctors]
    found = cache.get_many(keys)
    missing = [d for key, d in zip(keys, doctors, strict=True) if key not in found]
    if missing:
        prefetch_related_objects(missing, "languages")
        drawn = {
            key: render_to_string("doctors/_card.html", {"doctor": d})
            for key, d in zip(keys, doctors, strict=True)
            if key not in found
        }
        cache.set_many(drawn, CARD_SECONDS)
        found.update(drawn)
    return [mark_safe(found[key]) for key in keys]  # noqa: S308  (our own rendered template)


def options(choices, chosen: str):
    """`<option>`s for a filter list, the chosen one selected (drawn here
    rather than in a template loop: forty cities cost a template a lot)."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == chosen else "", label) for value, label in choices),
    )


def _page_number(raw: str) -> int:
    try:
        return min(max(int(raw), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


@require_GET
def doctor_list(request):
    """The directory: free text (relevance order), city, specialty, language
    and consultation mode.

    The page's content is kept whole in the cache under the directory's
    latest change, the language and the query, so a repeated search costs one
    indexed query; a new one is built by directory_body."""
    q = clean_query(request.GET.get("q", ""))
    city = clean_query(request.GET.get("city", ""))
    specialty = clean_query(request.GET.get("specialty", ""))
    language = clean_query(request.GET.get("language", ""))
    mode = clean_query(request.GET.get("mode", ""))
    mode = mode if mode in MODES else ""

    filters = {"city": city, "specialty": specialty, "language": language, "mode": mode}
    number = _page_number(request.GET.get("page"))
    key = (
        "doctors:page:"
        + hashlib.sha256(
            json.dumps([directory_version(), get_language(), q, filters, number]).encode()
        ).hexdigest()
    )
    body = cache.get(key)
    if body is None:
        body = directory_body(q, filters, number)
        cache.set(key, body, PAGE_SECONDS)
    return render(request, "doctors/doctor_list.html", {"body": mark_safe(body)})  # noqa: S308


def language_in_query(q: str, filters: dict, languages: list[dict]) -> tuple[str, dict]:
    """A word of the search that names a language doctors speak ("kannada",
    "कन्नड़") becomes the language filter, and the rest stays the search: the
    listings' text index does not hold languages, the filter's index does."""
    if filters["language"] or not q:
        return q, filters
    names = {}
    for lang in languages:
        for name in (lang["slug"], lang["name"], gettext(lang["name"])):
            names[name.casefold()] = lang["slug"]
    words = q.split()
    for i, word in enumerate(words):
        slug = names.get(word.casefold())
        if slug is not None:
            return " ".join(words[:i] + words[i + 1 :]), {**filters, "language": slug}
    return q, filters


def directory_body(q: str, filters: dict, number: int) -> str:
    """The search form and one page of results. Pages are fetched one row
    beyond the page to know whether another follows, so no request counts
    the whole table."""
    q, filters = language_in_query(q, filters, directory_facets()["languages"])
    start = (number - 1) * PAGE_SIZE
    if q:
        rows = Doctor.objects.ranked_page(q, filters=filters, start=start, count=PAGE_SIZE + 1)
    else:
        doctors = Doctor.objects.search(**filters)
        rows = list(doctors.order_by("name", "pk")[start : start + PAGE_SIZE + 1])

    chosen = {k: v for k, v in (("q", q), *filters.items()) if v}
    found = directory_facets()  # cached: the same lists as above
    context = {
        "cards": cards(rows[:PAGE_SIZE]),
        "page_number": number,
        "has_next": len(rows) > PAGE_SIZE,
        "first_shown": start + 1,
        "last_shown": start + len(rows[:PAGE_SIZE]),
        "q": q,
        **filters,
        "query_string": urlencode(chosen),
        "filtered": bool(chosen),
        "city_options": options(((c, c) for c in found["cities"]), filters["city"]),
        "specialty_options": options(
            ((s["slug"], gettext(s["name"])) for s in found["specialties"]), filters["specialty"]
        ),
        "language_options": options(
            ((lang["slug"], gettext(lang["name"])) for lang in found["languages"]),
            filters["language"],
        ),
        "mode_options": options(MODES.items(), filters["mode"]),
    }
    return render_to_string("doctors/_directory.html", context)


@require_GET
def doctor_detail(request, slug):
    doctor = get_object_or_404(
        Doctor.objects.listed().select_related("specialty").prefetch_related("languages"),
        slug=slug,
    )
    return render(request, "doctors/doctor_detail.html", {"doctor": doctor})
