from django.db import migrations


def load(apps, schema_editor):
    from lessons.content import load_lessons

    load_lessons(apps.get_model("lessons", "Lesson"))


class Migration(migrations.Migration):
    dependencies = [("lessons", "0001_lessons")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
