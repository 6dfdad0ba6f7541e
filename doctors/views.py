from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from doctors.models import MODES, Doctor, Language, Specialty, clean_query

PAGE_SIZE = 12


@require_GET
def doctor_list(request):
    q = clean_query(request.GET.get("q", ""))
    city = clean_query(request.GET.get("city", ""))
    specialty = clean_query(request.GET.get("specialty", ""))
    language = clean_query(request.GET.get("language", ""))
    mode = clean_query(request.GET.get("mode", ""))
    mode = mode if mode in MODES else ""

    listed = Doctor.objects.listed()
    doctors = Doctor.objects.search(
        q=q, city=city, specialty=specialty, language=language, mode=mode
    ).prefetch_related("languages")

    page = Paginator(doctors.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    chosen = (("q", q), ("city", city), ("specialty", specialty), ("language", language),
              ("mode", mode))  # fmt: skip
    filters = {k: v for k, v in chosen if v}
    context = {
        "page_obj": page,
        "doctors": page.object_list,
        "q": q,
        "city": city,
        "specialty": specialty,
        "language": language,
        "mode": mode,
        "languages": Language.objects.filter(doctors__listed=True).distinct().order_by("name"),
        "modes": MODES.items(),
        "cities": listed.order_by("city").values_list("city", flat=True).distinct(),
        "specialties": Specialty.objects.filter(doctors__listed=True).distinct().order_by("name"),
        "query_string": urlencode(filters),
        "filtered": bool(filters),
    }
    return render(request, "doctors/doctor_list.html", context)


@require_GET
def doctor_detail(request, slug):
    doctor = get_object_or_404(
        Doctor.objects.listed().select_related("specialty").prefetch_related("languages"),
        slug=slug,
    )
    return render(request, "doctors/doctor_detail.html", {"doctor": doctor})
