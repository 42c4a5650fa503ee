"""The directory's own search documents (``NGOSearchDocument``), with a GIN index on PostgreSQL.

Existing profiles get their document from Wagtail's search index entry (its ``body`` holds the folded
text since ``search_text_folded`` was indexed); ``manage.py refresh_directory_search`` rebuilds them all
from the profiles themselves.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

INDEX = "ngo_search_document_gin"


def create_index_and_fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON ngo_directory_ngosearchdocument USING gin (document)"
    )
    if "wagtailsearch_indexentry" not in schema_editor.connection.introspection.table_names():
        return
    schema_editor.execute(
        """
        INSERT INTO ngo_directory_ngosearchdocument (page_id, document, title)
        SELECT profile.page_ptr_id, entry.body, page.title
        FROM ngo_directory_ngoprofilepage profile
        JOIN wagtailcore_page page ON page.id = profile.page_ptr_id
        JOIN django_content_type type ON type.app_label = 'ngo_directory' AND type.model = 'ngoprofilepage'
        JOIN wagtailsearch_indexentry entry
          ON entry.content_type_id = type.id AND entry.object_id = profile.page_ptr_id::text
        ON CONFLICT (page_id) DO NOTHING
        """
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("ngo_directory", "0004_onboarding_invitation_outcome"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="NGOSearchDocument",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="ngo_directory.ngoprofilepage",
                        verbose_name="profil organizacji",
                    ),
                ),
                (
                    "document",
                    django.contrib.postgres.search.SearchVectorField(
                        null=True, verbose_name="tekst do wyszukiwania"
                    ),
                ),
                ("title", models.CharField(blank=True, max_length=255, verbose_name="nazwa")),
            ],
            options={
                "verbose_name": "tekst wyszukiwania organizacji",
                "verbose_name_plural": "teksty wyszukiwania organizacji",
            },
        ),
        migrations.RunPython(create_index_and_fill, drop_index, elidable=False),
    ]
