import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from simple_history.models import HistoricalRecords


class Specialty(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialties"

    def __str__(self):
        return self.name


class Language(models.Model):
    """A language doctors speak with patients (admin-managed list)."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{5,22}[0-9]$",
    _("Enter a phone number with digits, spaces or dashes, e.g. +91 11 4055 5555."),
)
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_SIDE = 600


def validate_photo(image) -> None:
    if image.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo can be at most 5 MB."))
    try:
        with Image.open(image) as picture:
            picture.verify()
            kind = picture.format
    except (OSError, Image.DecompressionBombError, ValueError):
        raise ValidationError(_("This file is not a photo we can read.")) from None
    finally:
        image.seek(0)
    if kind not in ("JPEG", "PNG", "WEBP"):
        raise ValidationError(_("Upload a JPEG, PNG or WebP photo."))


def photo_path(doctor, filename: str) -> str:
    return f"doctors/{doctor.slug}-{secrets.token_hex(4)}.jpg"


MAX_QUERY_LENGTH = 100
MODES = {"in_clinic": _("In the clinic"), "video": _("Video consultation")}


def clean_query(value: str) -> str:
    # Drop control characters (NUL breaks PostgreSQL) and cap the length.
    return "".join(ch for ch in value if ch.isprintable()).strip()[:MAX_QUERY_LENGTH]


class DoctorQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(listed=True)

    def search(
        self, *, q: str = "", city: str = "", specialty: str = "", language: str = "",
        mode: str = "",
    ):  # fmt: skip
        """Listed doctors matching a free-text query and the filters (the
        directory page and the API share it)."""
        q, city, specialty = clean_query(q), clean_query(city), clean_query(specialty)
        language, mode = clean_query(language), clean_query(mode)
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
        if language:
            doctors = doctors.filter(languages__slug=language)
        if mode in MODES:
            doctors = doctors.filter(**{mode: True})
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
    # Version 2: how to reach them. All optional, so older listings stay valid.
    phone = models.CharField(_("phone"), max_length=24, blank=True, validators=[phone_validator])
    address = models.TextField(_("address"), blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="doctors")
    in_clinic = models.BooleanField(_("sees patients in the clinic"), default=True)
    video = models.BooleanField(_("offers video consultations"), default=False)
    opening_hours = models.TextField(
        _("opening hours"), blank=True, help_text=_('As text, e.g. "Mon-Sat 10:00-14:00".')
    )
    photo = models.ImageField(
        _("photo"), upload_to=photo_path, blank=True, validators=[validate_photo],
        help_text=_("JPEG, PNG or WebP, up to 5 MB; resized to 600 pixels."),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DoctorQuerySet.as_manager()
    # Who changed what and when (admin: History, with revert).
    history = HistoricalRecords(m2m_fields=[languages], excluded_fields=["created_at"])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years_experience__lte=80), name="doctor_experience_sane"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """A new photo is resized and re-encoded (dropping its metadata) before
        it goes to storage, which may be object storage in production."""
        if self.photo and not self.photo._committed:
            with Image.open(self.photo) as picture:
                picture = ImageOps.exif_transpose(picture).convert("RGB")
                picture.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
                out = io.BytesIO()
                picture.save(out, "JPEG", quality=85, optimize=True)
            self.photo.save(self.photo.name, ContentFile(out.getvalue()), save=False)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("doctors:detail", args=[self.slug])

    @property
    def consultation_modes(self) -> list[str]:
        return [mode for mode, offered in (("in_clinic", self.in_clinic), ("video", self.video))
                if offered]  # fmt: skip

    @property
    def language_names(self) -> list[str]:
        return [language.name for language in self.languages.all()]  # prefetched by callers

    @property
    def patients_label(self) -> str:
        return f"{self.patients_served}+ patients" if self.patients_served else ""

    @property
    def experience_label(self) -> str:
        n = self.years_experience
        return "1 year" if n == 1 else f"{n} years"
