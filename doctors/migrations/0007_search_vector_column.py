"""PostgreSQL: keep each listing's search words in a stored tsvector column.

0004 indexed the expression, so finding matches was fast, but every matched
row still had its tsvector rebuilt (to check the match and again to rank it):
about 20 microseconds a row, most of a second for a common word at 100,000
listings. A generated column is computed once per write. SQLite is unchanged
(its FTS5 table already stores the words).
"""

from django.db import migrations

DOCUMENT = (
    "to_tsvector('simple'::regconfig, name || ' ' || title || ' ' || qualifications"
    " || ' ' || city || ' ' || clinic)"
)
FORWARD = [
    f"ALTER TABLE doctors_doctor ADD COLUMN search_vector tsvector"
    f" GENERATED ALWAYS AS ({DOCUMENT}) STORED",
    "CREATE INDEX doctor_search_vector ON doctors_doctor USING GIN (search_vector)",
    "DROP INDEX IF EXISTS doctor_search_gin",
]
BACKWARD = [
    f"CREATE INDEX doctor_search_gin ON doctors_doctor USING GIN ({DOCUMENT})",
    "DROP INDEX IF EXISTS doctor_search_vector",
    "ALTER TABLE doctors_doctor DROP COLUMN IF EXISTS search_vector",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("doctors", "0006_mode_indexes")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
