import io
import re
import secrets

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import RegexValidator
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext, ngettext
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
        return gettext(self.name)  # the seeded names are in the catalogue (doctors/seeding.py)


class Language(models.Model):
    """A language doctors speak with patients (admin-managed list)."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return gettext(self.name)


phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{5,22}[0-9]$",
    _("Enter a phone number with digits, spaces or dashes, e.g. +91 11 4055 5555."),
)
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_SIDE = 600
# Decoding a picture needs about 4 bytes a pixel whatever its file size: a
# 17 KB PNG of 12000 x 12000 pixels would take over 500 MB to resize.
PHOTO_MAX_PIXELS = 40_000_000


def validate_photo(image) -> None:
    if image.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo can be at most 5 MB."))
    try:
        with Image.open(image) as picture:  # reads the header; nothing decoded yet
            width, height = picture.size
            if width * height > PHOTO_MAX_PIXELS:
                raise ValidationError(
                    _("The photo is %(mp)d megapixels; at most %(max)d can be used.")
                    % {"mp": width * height // 1_000_000, "max": PHOTO_MAX_PIXELS // 1_000_000}
                )
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


# PostgreSQL only: the stored, GIN-indexed words of each listing (name, title,
# qualifications, city, clinic), see migrations/0007_search_vector_column.py.
PG_DOCUMENT = "doctors_doctor.search_vector"


def fts5_query(q: str) -> str:
    """Each word of the patient's query as a quoted prefix term, all required
    (FTS5 syntax, so nothing they type can be read as an operator)."""
    words = re.findall(r"\w+", q)
    return " ".join('"' + word.replace('"', "") + '"*' for word in words[:8])


NAME_SIMILARITY = 0.5  # share of a word's trigrams a name must have (pg_trgm's default is 0.6)
NAME_CANDIDATES = 200


def trigrams(text: str) -> set[str]:
    """The three-letter runs of each word, as SQLite's trigram tokenizer
    indexes them (case-folded)."""
    found = set()
    for word in re.findall(r"\w+", text.casefold()):
        found.update(word[i : i + 3] for i in range(len(word) - 2))
    return found


def similar_names(q: str) -> list[int]:
    """Ids of doctors whose name shares most of the query's trigrams, best
    first: SQLite's answer to a misspelt name (PostgreSQL uses pg_trgm)."""
    wanted = trigrams(q)
    if not wanted:
        return []
    expression = " OR ".join('"' + t.replace('"', "") + '"' for t in sorted(wanted))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, name FROM doctors_doctor_names WHERE doctors_doctor_names MATCH %s"
            " ORDER BY rank LIMIT %s",
            [expression, NAME_CANDIDATES],
        )
        rows = cursor.fetchall()
    scored = []
    for pk, name in rows:
        share = len(wanted & trigrams(name)) / len(wanted)
        if share >= NAME_SIMILARITY:
            scored.append((-share, name, pk))
    return [pk for _share, _name, pk in sorted(scored)]


# A language spoken by at least this share of listed doctors is filtered by
# walking the name index (see DoctorQuerySet.search).
COMMON_LANGUAGE_SHARE = 0.02
FACETS_SECONDS = 600


DELETIONS_KEY = "doctors:deletions"


def directory_version() -> str:
    """The directory's latest change: cached pages, lists and counts are kept
    under it, so an edit shows at once. An indexed MAX of `updated_at`
    (doctors/signals.py keeps it current for languages and specialties),
    and a count of deletions, which change no row, kept in the cache."""
    latest = Doctor.objects.aggregate(latest=models.Max("updated_at"))["latest"]
    stamp = latest.isoformat() if latest else "empty"
    return f"{stamp}:{cache.get(DELETIONS_KEY, 0)}"


def directory_facets() -> dict:
    """The cities, specialties and languages offered in the filters (with how
    many listed doctors speak each language, and how many are listed),
    cached under the directory's version, so an edit shows at once."""
    key = f"doctors:facets:{directory_version()}"
    found = cache.get(key)
    if found is None:
        listed = Doctor.objects.listed()
        spoken = models.Count("doctors", filter=Q(doctors__listed=True))
        found = {
            "cities": list(listed.order_by("city").values_list("city", flat=True).distinct()),
            "specialties": list(
                Specialty.objects.filter(doctors__listed=True)
                .distinct()
                .order_by("name")
                .values("slug", "name")
            ),
            "languages": list(
                Language.objects.annotate(n=spoken)
                .filter(n__gt=0)
                .order_by("name")
                .values("slug", "name", "n")
            ),  # fmt: skip
            "listed": listed.count(),  # once per change of the directory
        }
        cache.set(key, found, FACETS_SECONDS)
    return found


def language_is_common(slug: str) -> bool:
    """Whether `slug` is spoken by many listed doctors (counts from the
    cached filter lists)."""
    found = directory_facets()
    speakers = next((lang["n"] for lang in found["languages"] if lang["slug"] == slug), 0)
    return speakers >= COMMON_LANGUAGE_SHARE * max(found["listed"], 1)


class DoctorQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(listed=True)

    def matching(self, q: str):
        """Doctors whose name, title, qualifications, city, clinic or
        specialty match `q`, with `relevance` for ordering: FTS5 on SQLite,
        a GIN-indexed tsvector plus trigram similarity of the name on
        PostgreSQL. Both use an index: no scan of the whole table."""
        if connection.vendor == "postgresql":
            vector_match = RawSQL(  # noqa: S611  (constant SQL; the query goes in as a parameter)
                f"{PG_DOCUMENT} @@ plainto_tsquery('simple'::regconfig, %s)"
                " OR %s <%% doctors_doctor.name",
                [q, q],
                output_field=models.BooleanField(),
            )
            # Ids, not a subquery: with constants PostgreSQL can OR three
            # indexes together (a subquery in the OR made it scan every row).
            specialty_ids = list(
                Specialty.objects.filter(name__icontains=q).values_list("id", flat=True)
            )
            relevance = RawSQL(  # noqa: S611
                f"ts_rank({PG_DOCUMENT}, plainto_tsquery('simple'::regconfig, %s))"
                " + word_similarity(%s, doctors_doctor.name)",
                [q, q],
                output_field=models.FloatField(),
            )
            return self.filter(Q(vector_match) | Q(specialty_id__in=specialty_ids)).annotate(
                relevance=relevance
            )
        expression = fts5_query(q)
        if not expression:  # nothing searchable, e.g. only punctuation
            return self.none().annotate(relevance=Value(0.0))
        ids = RawSQL(
            "SELECT rowid FROM doctors_doctor_fts WHERE doctors_doctor_fts MATCH %s",
            [expression],
        )
        # No per-row relevance here (a correlated FTS lookup per match would
        # grow with the square of the matches): see ranked_page.
        return self.filter(id__in=ids).annotate(relevance=Value(0.0))

    def ranked_page(self, q: str, *, filters: dict, start: int, count: int) -> list:
        """One page of listed doctors matching `q` and `filters` (city,
        specialty, language, mode), best matches first (languages not
        fetched: the caller prefetches them if it shows them)."""
        ids = self.ranked_ids(q, filters=filters, start=start, count=count)
        found = self.model.objects.listed().filter(pk__in=ids).select_related("specialty")
        found = {doctor.pk: doctor for doctor in found}
        return [found[pk] for pk in ids if pk in found]

    def ranked_ids(self, q: str, *, filters: dict, start: int, count: int) -> list[int]:
        """The ids behind ranked_page. On SQLite one joined query lets the
        FTS5 index find and rank (bm25) the matches; on PostgreSQL the
        `relevance` from `matching` orders the queryset."""
        if connection.vendor != "sqlite":
            found = self.search(q=q, **filters).order_by("-relevance", "name", "pk")
            return list(found.values_list("pk", flat=True)[start : start + count])
        expression = fts5_query(clean_query(q))
        if not expression:
            return []
        ids = self._fts_ids(expression, filters=filters, start=start, count=count)
        if ids or start:
            return ids
        # Nothing matches word for word: perhaps a misspelt name.
        similar = similar_names(clean_query(q))
        if not similar:
            return []
        kept = set(
            self.model.objects.search(q="", **filters)
            .filter(pk__in=similar)
            .values_list("pk", flat=True)
        )
        return [pk for pk in similar if pk in kept][:count]

    def _fts_ids(self, expression: str, *, filters: dict, start: int, count: int) -> list[int]:
        where, params = ["f.doctors_doctor_fts MATCH %s", "d.listed"], [expression]
        city, specialty = (
            clean_query(filters.get("city", "")),
            clean_query(filters.get("specialty", "")),
        )
        language, mode = clean_query(filters.get("language", "")), filters.get("mode", "")
        if city:
            where.append("d.city = %s")
            params.append(city)
        if specialty:
            where.append("d.specialty_id IN (SELECT id FROM doctors_specialty WHERE slug = %s)")
            params.append(specialty)
        if language:
            where.append(
                "EXISTS (SELECT 1 FROM doctors_doctor_languages dl JOIN doctors_language l"
                " ON l.id = dl.language_id WHERE dl.doctor_id = d.id AND l.slug = %s)"
            )
            params.append(language)
        if mode in MODES:
            where.append({"in_clinic": "d.in_clinic", "video": "d.video"}[mode])
        sql = (
            "SELECT d.id FROM doctors_doctor_fts f JOIN doctors_doctor d ON d.id = f.rowid"  # noqa: S608
            " WHERE " + " AND ".join(where) + " ORDER BY f.rank, d.name LIMIT %s OFFSET %s"
        )  # fixed fragments only; every value is a parameter
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, count, start])
            return [row[0] for row in cursor.fetchall()]

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
            doctors = doctors.matching(q)
        if city:
            doctors = doctors.filter(city=city)  # the indexed column, as offered in the list
        if specialty:
            doctors = doctors.filter(specialty__slug=specialty)
        if language:
            if language_is_common(language):
                # Spoken by many: walk the name index and test each doctor,
                # a page fills after a few dozen rows.
                doctors = doctors.filter(
                    Exists(
                        Doctor.languages.through.objects.filter(
                            doctor_id=OuterRef("pk"), language__slug=language
                        )
                    )
                )
            else:  # spoken by few: join from the language, sort the few
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
        # Partial indexes over listed doctors: the directory's pages walk them
        # in name order and stop after one page (SQLite cannot use an index
        # on `listed` itself, which Django writes as a bare boolean test).
        indexes = [
            models.Index(fields=["name"], condition=Q(listed=True), name="doctor_listed_name"),
            models.Index(
                fields=["city", "name"], condition=Q(listed=True), name="doctor_listed_city"
            ),
            models.Index(
                fields=["specialty", "name"], condition=Q(listed=True), name="doctor_listed_spec"
            ),
            models.Index(fields=["updated_at"], name="doctor_updated_at"),
            # ?mode=: one small index per mode, in name order.
            models.Index(
                fields=["name"], condition=Q(listed=True, video=True), name="doctor_video_name"
            ),
            models.Index(
                fields=["name"], condition=Q(listed=True, in_clinic=True), name="doctor_clinic_name"
            ),
        ]
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
        if not self.patients_served:
            return ""
        return _("%(count)s+ patients") % {"count": self.patients_served}

    @property
    def experience_label(self) -> str:
        n = self.years_experience
        return ngettext("%(count)s year", "%(count)s years", n) % {"count": n}
