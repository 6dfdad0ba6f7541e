"""Keep the cache of assessed weeks honest when entries or the plan change.

Bulk operations (QuerySet.update, bulk_create) send no signals: code that
uses them for diary rows must call weekcache.invalidate_progress itself.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from walks.models import EARLIEST_DATE, CheckIn, Plan, Walk, as_date
from walks.weekcache import invalidate_progress


def _earliest_affected(instance):
    """The entry's date, or the date it had before, whichever is earlier."""
    dates = [as_date(instance.date)]
    stored = getattr(instance, "_stored_date", None)
    if stored is not None:
        dates.append(as_date(stored))
    return min(dates)


def _account_deletion(origin) -> bool:
    return isinstance(origin, get_user_model())


@receiver(post_save, sender=Walk)
@receiver(post_save, sender=CheckIn)
def entry_saved(sender, instance, **kwargs):
    invalidate_progress(instance.user_id, _earliest_affected(instance))
    instance._stored_date = as_date(instance.date)


@receiver(post_delete, sender=Walk)
@receiver(post_delete, sender=CheckIn)
def entry_deleted(sender, instance, origin=None, **kwargs):
    if _account_deletion(origin):
        return  # the whole account is being deleted; the cache goes with it
    invalidate_progress(instance.user_id, _earliest_affected(instance))


@receiver(post_save, sender=Plan)
@receiver(post_delete, sender=Plan)
def plan_changed(sender, instance, origin=None, **kwargs):
    if _account_deletion(origin):
        return
    invalidate_progress(instance.user_id, EARLIEST_DATE)
