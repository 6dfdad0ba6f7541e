from django.db import models
from django.db.models import Q
from django.urls import reverse


class Specialty(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialties"

    def __str__(self):
        return self.name


MAX_QUERY_LENGTH = 100


def clean_query(value: str) -> str:
    # Drop control characters (NUL breaks PostgreSQL) and cap the length.
    return "".join(ch for ch in value if ch.isprintable()).strip()[:MAX_QUERY_LENGTH]


class DoctorQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(listed=True)

    def search(self, *, q: str = "", city: str = "", specialty: str = ""):
        """Listed doctors matching a free-text query and the two filters
        (the directory page and the API share it)."""
        q, city, specialty = clean_query(q), clean_query(city), clean_query(specialty)
        doctors = self.listed().select_related("specialty")
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
        return doctors


class Doctor(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, related_name="doctors")
    title = models.CharField(
        "listing title",
        max_length=160,
        help_text='As shown in listings, e.g. "General Physician/ Internal Medicine Specialist".',
    )
    years_experience = models.PositiveSmallIntegerField("years of experience")
    qualifications = models.CharField(max_length=255)
    city = models.CharField(max_length=80, db_index=True)
    clinic = models.CharField(max_length=160)
    patients_served = models.PositiveIntegerField(
        null=True, blank=True, help_text='Shown as "125+ patients". Leave empty if unknown.'
    )
    listed = models.BooleanField(
        default=True, help_text="Unlisted doctors are hidden from patients."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DoctorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years_experience__lte=80), name="doctor_experience_sane"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("doctors:detail", args=[self.slug])

    @property
    def patients_label(self) -> str:
        return f"{self.patients_served}+ patients" if self.patients_served else ""

    @property
    def experience_label(self) -> str:
        n = self.years_experience
        return "1 year" if n == 1 else f"{n} years"
