"""A trigram index of doctors' names on SQLite, so a misspelt name
("Chandal") still finds the doctor ("Chandel"), as pg_trgm does on
PostgreSQL (migration 0004). SQLite's FTS5 `trigram` tokenizer (3.34+)
indexes every three-letter run of each name; doctors.models ranks names by
how many of the query's runs they share. Nothing to do on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE doctors_doctor_names USING fts5(name, tokenize = 'trigram')",
    """CREATE TRIGGER doctors_doctor_names_insert AFTER INSERT ON doctors_doctor BEGIN
        INSERT INTO doctors_doctor_names(rowid, name) VALUES (new.id, new.name);
    END""",
    """CREATE TRIGGER doctors_doctor_names_update AFTER UPDATE OF name ON doctors_doctor BEGIN
        DELETE FROM doctors_doctor_names WHERE rowid = old.id;
        INSERT INTO doctors_doctor_names(rowid, name) VALUES (new.id, new.name);
    END""",
    """CREATE TRIGGER doctors_doctor_names_delete AFTER DELETE ON doctors_doctor BEGIN
        DELETE FROM doctors_doctor_names WHERE rowid = old.id;
    END""",
    "INSERT INTO doctors_doctor_names(rowid, name) SELECT id, name FROM doctors_doctor",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS doctors_doctor_names_delete",
    "DROP TRIGGER IF EXISTS doctors_doctor_names_update",
    "DROP TRIGGER IF EXISTS doctors_doctor_names_insert",
    "DROP TABLE IF EXISTS doctors_doctor_names",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("doctors", "0007_search_vector_column")]

    operations = [migrations.RunPython(run(SQLITE), run(SQLITE_DROP))]
