"""The languages and back-pain specialties a fresh directory starts with.
Added when missing (matched by slug or name); an existing row is never changed."""

from django.db.models import Q
from django.utils.translation import gettext_noop

from doctors.models import Language, Specialty

LANGUAGES = (
    ("english", "English"), ("hindi", "Hindi"), ("kannada", "Kannada"), ("telugu", "Telugu"),
    ("tamil", "Tamil"), ("bengali", "Bengali"), ("marathi", "Marathi"),
    ("malayalam", "Malayalam"), ("gujarati", "Gujarati"), ("urdu", "Urdu"),
    ("punjabi", "Punjabi"), ("odia", "Odia"),
)  # fmt: skip

SPECIALTIES = (
    ("physiotherapist", "Physiotherapist"),
    ("orthopaedic-surgeon", "Orthopaedic surgeon"),
    ("spine-surgeon", "Spine surgeon"),
    ("pain-medicine", "Pain medicine"),
    ("rheumatologist", "Rheumatologist"),
    ("general-physician", "General Physician"),
)


# Marked for translation, so the directory shows the seeded names (and the
# listings' own) in the reader's language; a name typed in the admin is
# shown as typed. The database keeps the English name.
TRANSLATED_NAMES = (
    gettext_noop("English"),
    gettext_noop("Hindi"),
    gettext_noop("Kannada"),
    gettext_noop("Telugu"),
    gettext_noop("Tamil"),
    gettext_noop("Bengali"),
    gettext_noop("Marathi"),
    gettext_noop("Malayalam"),
    gettext_noop("Gujarati"),
    gettext_noop("Urdu"),
    gettext_noop("Punjabi"),
    gettext_noop("Odia"),
    gettext_noop("Physiotherapist"),
    gettext_noop("Orthopaedic surgeon"),
    gettext_noop("Spine surgeon"),
    gettext_noop("Pain medicine"),
    gettext_noop("Rheumatologist"),
    gettext_noop("General Physician"),
    gettext_noop("General Practitioner"),
    gettext_noop("Internal Medicine"),
)


def _add_missing(model, rows) -> int:
    added = 0
    for slug, name in rows:
        if not model.objects.filter(Q(slug=slug) | Q(name__iexact=name)).exists():
            model.objects.create(slug=slug, name=name)
            added += 1
    return added


def seed_choices() -> tuple[int, int]:
    """(languages added, specialties added)."""
    return _add_missing(Language, LANGUAGES), _add_missing(Specialty, SPECIALTIES)
