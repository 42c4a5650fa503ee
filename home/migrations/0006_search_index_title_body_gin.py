"""A GIN index on ``title || body`` of Wagtail's search index entries (PostgreSQL only).

Wagtail's database backend filters with ``(title || body) @@ query``; its own GIN indexes cover
``title`` and ``body`` separately, which that expression cannot use, so every search read every index
entry (the NGO directory at 100,000 organisations). SQLite searches its FTS5 table instead.
"""

from django.db import migrations

INDEX = "home_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_site_settings_staff_notifications"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
