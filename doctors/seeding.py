"""The languages and back-pain specialties a fresh directory starts with.
Added when missing (matched by slug or name); an existing row is never changed."""

from django.db.models import Q

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
