"""The table behind the "limits" cache (rate-limit counters shared by every
worker; settings.CACHES). createcachetable makes it for each database cache
in the settings and does nothing when CACHE_URL points elsewhere."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_profile_language")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
