from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Max
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from doctors.models import MODES, Doctor, Language, Specialty, clean_query

PAGE_SIZE = 12
MAX_PAGE = 500
FACETS_SECONDS = 600


def facets() -> dict:
    """The cities, specialties and languages offered in the filters, cached
    under the directory's latest change (an indexed MAX), so an edit in the
    admin shows at once; a deletion shows within FACETS_SECONDS."""
    latest = Doctor.objects.aggregate(latest=Max("updated_at"))["latest"]
    key = f"doctors:facets:{latest.isoformat() if latest else 'empty'}"
    found = cache.get(key)
    if found is None:
        listed = Doctor.objects.listed()
        found = {
            "cities": list(listed.order_by("city").values_list("city", flat=True).distinct()),
            "specialties": list(
                Specialty.objects.filter(doctors__listed=True)
                .distinct()
                .order_by("name")
                .values("slug", "name")
            ),
            "languages": list(
                Language.objects.filter(doctors__listed=True)
                .distinct()
                .order_by("name")
                .values("slug", "name")
            ),
        }
        cache.set(key, found, FACETS_SECONDS)
    return found


def _page_number(raw: str) -> int:
    try:
        return min(max(int(raw), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


@require_GET
def doctor_list(request):
    """The directory: free text (relevance order), city, specialty, language
    and consultation mode. Pages are fetched one row beyond the page to know
    whether another follows, so no request counts the whole table."""
    q = clean_query(request.GET.get("q", ""))
    city = clean_query(request.GET.get("city", ""))
    specialty = clean_query(request.GET.get("specialty", ""))
    language = clean_query(request.GET.get("language", ""))
    mode = clean_query(request.GET.get("mode", ""))
    mode = mode if mode in MODES else ""

    filters = {"city": city, "specialty": specialty, "language": language, "mode": mode}
    number = _page_number(request.GET.get("page"))
    start = (number - 1) * PAGE_SIZE
    if q:
        rows = Doctor.objects.ranked_page(q, filters=filters, start=start, count=PAGE_SIZE + 1)
    else:
        doctors = Doctor.objects.search(**filters).prefetch_related("languages")
        rows = list(doctors.order_by("name", "pk")[start : start + PAGE_SIZE + 1])

    chosen = {k: v for k, v in (("q", q), *filters.items()) if v}
    context = {
        "doctors": rows[:PAGE_SIZE],
        "page_number": number,
        "has_next": len(rows) > PAGE_SIZE,
        "first_shown": start + 1,
        "last_shown": start + len(rows[:PAGE_SIZE]),
        "q": q,
        "city": city,
        "specialty": specialty,
        "language": language,
        "mode": mode,
        "modes": MODES.items(),
        "query_string": urlencode(chosen),
        "filtered": bool(chosen),
        **facets(),
    }
    return render(request, "doctors/doctor_list.html", context)


@require_GET
def doctor_detail(request, slug):
    doctor = get_object_or_404(
        Doctor.objects.listed().select_related("specialty").prefetch_related("languages"),
        slug=slug,
    )
    return render(request, "doctors/doctor_detail.html", {"doctor": doctor})
