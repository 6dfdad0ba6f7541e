from django.apps import AppConfig


class WalksConfig(AppConfig):
    name = "walks"
    verbose_name = "Walking diary"

    def ready(self):
        from django.db.models.signals import post_delete

        from walks.models import ImportJob
        from walks.services.imports import delete_stored_file

        # A job deleted with its account (or by the expiry sweep) takes the
        # upload it still holds with it.
        post_delete.connect(delete_stored_file, sender=ImportJob, dispatch_uid="import-file")
