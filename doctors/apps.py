from django.apps import AppConfig


class DoctorsConfig(AppConfig):
    name = "doctors"
    verbose_name = "Doctors directory"

    def ready(self):
        from doctors import signals  # noqa: F401  (connects the receivers)
