from django.db import migrations


def load(apps, schema_editor):
    from outcomes.loading import load_shipped

    load_shipped(
        apps.get_model("outcomes", "Questionnaire"),
        apps.get_model("outcomes", "Item"),
        apps.get_model("outcomes", "Option"),
    )


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_questionnaires")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
