"""Full-text search for the directory, on the engine in use.

SQLite: an FTS5 table (name, title, qualifications, city, clinic, specialty)
kept in step with doctors_doctor by triggers. PostgreSQL: a GIN index on the
same text as a tsvector, and a trigram index on the name (pg_trgm) so a
misspelt name still finds the doctor.
"""

from django.db import migrations

FIELDS = "name, title, qualifications, city, clinic, specialty"
ROW = (
    "new.id, new.name, new.title, new.qualifications, new.city, new.clinic, "
    "(SELECT name FROM doctors_specialty WHERE id = new.specialty_id)"
)

SQLITE = [
    f"""CREATE VIRTUAL TABLE doctors_doctor_fts USING fts5(
        {FIELDS}, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')""",
    f"""CREATE TRIGGER doctors_doctor_fts_insert AFTER INSERT ON doctors_doctor BEGIN
        INSERT INTO doctors_doctor_fts(rowid, {FIELDS}) VALUES ({ROW});
    END""",
    f"""CREATE TRIGGER doctors_doctor_fts_update AFTER UPDATE ON doctors_doctor BEGIN
        DELETE FROM doctors_doctor_fts WHERE rowid = old.id;
        INSERT INTO doctors_doctor_fts(rowid, {FIELDS}) VALUES ({ROW});
    END""",
    """CREATE TRIGGER doctors_doctor_fts_delete AFTER DELETE ON doctors_doctor BEGIN
        DELETE FROM doctors_doctor_fts WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER doctors_specialty_fts_rename AFTER UPDATE OF name ON doctors_specialty BEGIN
        UPDATE doctors_doctor_fts SET specialty = new.name
        WHERE rowid IN (SELECT id FROM doctors_doctor WHERE specialty_id = new.id);
    END""",
    f"""INSERT INTO doctors_doctor_fts(rowid, {FIELDS})
        SELECT d.id, d.name, d.title, d.qualifications, d.city, d.clinic, s.name
        FROM doctors_doctor d JOIN doctors_specialty s ON s.id = d.specialty_id""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS doctors_specialty_fts_rename",
    "DROP TRIGGER IF EXISTS doctors_doctor_fts_delete",
    "DROP TRIGGER IF EXISTS doctors_doctor_fts_update",
    "DROP TRIGGER IF EXISTS doctors_doctor_fts_insert",
    "DROP TABLE IF EXISTS doctors_doctor_fts",
]

# The same expression as doctors.models.PG_DOCUMENT, so the planner uses the index.
PG_DOCUMENT = (
    "to_tsvector('simple'::regconfig, name || ' ' || title || ' ' || qualifications"
    " || ' ' || city || ' ' || clinic)"
)
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX doctor_search_gin ON doctors_doctor USING GIN ({PG_DOCUMENT})",
    "CREATE INDEX doctor_name_trgm ON doctors_doctor USING GIN (name gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS doctor_name_trgm", "DROP INDEX IF EXISTS doctor_search_gin"]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("doctors", "0003_doctor_history")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
