from django.apps import AppConfig


class WalksConfig(AppConfig):
    name = "walks"
    verbose_name = "Walking diary"

    def ready(self):
        from walks import signals  # noqa: F401  (connects the cache invalidation)
