"""Keep the cache of assessed weeks honest when entries or the plan change.

Bulk operations (QuerySet.update, bulk_create) send no signals: code that
uses them for diary rows must call services.invalidate_progress itself.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from walks.models import EARLIEST_DATE, CheckIn, Plan, Walk
from walks.services import invalidate_progress


def _account_deletion(origin) -> bool:
    return isinstance(origin, get_user_model())


@receiver(post_save, sender=Walk)
@receiver(post_save, sender=CheckIn)
def entry_saved(sender, instance, **kwargs):
    invalidate_progress(instance.user_id, instance.earliest_affected_date)
    instance._stored_date = instance.date


@receiver(post_delete, sender=Walk)
@receiver(post_delete, sender=CheckIn)
def entry_deleted(sender, instance, origin=None, **kwargs):
    if _account_deletion(origin):
        return  # the whole account is being deleted; the cache goes with it
    invalidate_progress(instance.user_id, instance.earliest_affected_date)


@receiver(post_save, sender=Plan)
@receiver(post_delete, sender=Plan)
def plan_changed(sender, instance, origin=None, **kwargs):
    if _account_deletion(origin):
        return
    invalidate_progress(instance.user_id, EARLIEST_DATE)
