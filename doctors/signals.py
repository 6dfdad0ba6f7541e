"""Keep `Doctor.updated_at` honest about everything a listing shows.

The directory caches each doctor's card under the doctor's `updated_at` (and
the filter lists under the latest one), so a change that a card shows but
that does not save the doctor row (their languages, the name of their
specialty or of a language) touches the doctors concerned.
"""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from doctors.models import DELETIONS_KEY, Doctor, Language, Specialty


def _touch(doctors) -> None:
    doctors.update(updated_at=timezone.now())


@receiver(m2m_changed, sender=Doctor.languages.through)
def languages_changed(sender, instance, action, reverse, pk_set, **kwargs):
    # From the doctor's side, as the admin and the import edit them (the
    # change history cannot follow edits from the language's side either).
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        _touch(Doctor.objects.filter(pk=instance.pk))


@receiver(post_save, sender=Specialty)
def specialty_saved(sender, instance, created, **kwargs):
    if not created:
        _touch(Doctor.objects.filter(specialty=instance))


@receiver(post_save, sender=Language)
def language_saved(sender, instance, created, **kwargs):
    if not created:
        _touch(Doctor.objects.filter(languages=instance))


@receiver(pre_delete, sender=Language)
def language_deleted(sender, instance, **kwargs):
    _touch(Doctor.objects.filter(languages=instance))


@receiver(post_delete, sender=Doctor)
def doctor_deleted(sender, instance, **kwargs):
    """A deleted listing leaves no newer `updated_at` behind: count it."""
    try:
        cache.incr(DELETIONS_KEY)
    except ValueError:  # not in the cache yet
        cache.add(DELETIONS_KEY, 1, None)
