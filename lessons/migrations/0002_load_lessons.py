from django.db import migrations


def load(apps, schema_editor):
    from lessons.content import LESSONS

    Lesson = apps.get_model("lessons", "Lesson")
    for lesson in LESSONS:
        # Never overwrite a lesson an admin has already changed.
        Lesson.objects.get_or_create(
            week=lesson["week"],
            defaults={k: lesson[k] for k in ("slug", "title", "body", "action")},
        )


class Migration(migrations.Migration):
    dependencies = [("lessons", "0001_lessons")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
