"""Backend-specific full-text structures: GIN + pg_trgm on PostgreSQL, an FTS5 table on SQLite."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

POSTGRES_SQL = [
    "CREATE INDEX search_doc_vector_gin ON search_productsearchdocument USING gin (search_vector)",
    "CREATE INDEX search_doc_title_trgm ON search_productsearchdocument USING gin (title_terms gin_trgm_ops)",
]
POSTGRES_UNDO = [
    "DROP INDEX IF EXISTS search_doc_title_trgm",
    "DROP INDEX IF EXISTS search_doc_vector_gin",
]
# Vowel signs (M*) are part of Devanagari words; unicode61 would otherwise split at them.
SQLITE_SQL = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = \"unicode61 remove_diacritics 0 categories 'L* N* Co M*'\")",
]
SQLITE_UNDO = ["DROP TABLE IF EXISTS search_fts"]


class PostgresOnlyTrigramExtension(TrigramExtension):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        PostgresOnlyTrigramExtension(),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_SQL, "sqlite": SQLITE_SQL}),
            _run({"postgresql": POSTGRES_UNDO, "sqlite": SQLITE_UNDO}),
        ),
    ]
