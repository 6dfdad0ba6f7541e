from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from doctors.models import Doctor, Specialty

PAGE_SIZE = 12
MAX_QUERY_LENGTH = 100


def _clean(value: str) -> str:
    # Drop control characters (NUL breaks PostgreSQL) and cap the length.
    return "".join(ch for ch in value if ch.isprintable()).strip()[:MAX_QUERY_LENGTH]


@require_GET
def doctor_list(request):
    q = _clean(request.GET.get("q", ""))
    city = _clean(request.GET.get("city", ""))
    specialty = _clean(request.GET.get("specialty", ""))

    listed = Doctor.objects.listed()
    doctors = listed.select_related("specialty")
    if q:
        doctors = doctors.filter(
            Q(name__icontains=q)
            | Q(specialty__name__icontains=q)
            | Q(title__icontains=q)
            | Q(qualifications__icontains=q)
            | Q(city__icontains=q)
            | Q(clinic__icontains=q)
        )
    if city:
        doctors = doctors.filter(city__iexact=city)
    if specialty:
        doctors = doctors.filter(specialty__slug=specialty)

    page = Paginator(doctors.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    filters = {k: v for k, v in (("q", q), ("city", city), ("specialty", specialty)) if v}
    context = {
        "page_obj": page,
        "doctors": page.object_list,
        "q": q,
        "city": city,
        "specialty": specialty,
        "cities": listed.order_by("city").values_list("city", flat=True).distinct(),
        "specialties": Specialty.objects.filter(doctors__listed=True).distinct().order_by("name"),
        "query_string": urlencode(filters),
        "filtered": bool(filters),
    }
    return render(request, "doctors/doctor_list.html", context)


@require_GET
def doctor_detail(request, slug):
    doctor = get_object_or_404(Doctor.objects.listed().select_related("specialty"), slug=slug)
    return render(request, "doctors/doctor_detail.html", {"doctor": doctor})
