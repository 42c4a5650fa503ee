"""Accent-insensitive directory search: the query filter and the per-profile search documents.

On PostgreSQL the directory (page and API) searches ``NGOSearchDocument``: one narrow ``tsvector`` row
per profile with the profile's text folded (``NGOProfilePage.search_text_folded``), under a GIN index.
Elsewhere (SQLite) it searches the same folded text through Wagtail's search backend.
"""

from django.contrib.postgres.search import SearchQuery
from django.db import connection

from home.search import fold_diacritics, folded_matches

from .models import NGOProfilePage

# A save that writes only these fields does not change what the directory search reads (Wagtail's
# draft saves, locks, workflow state): the document is not rebuilt for them.
CONTENT_FIELDS = {
    "title",
    "short_name",
    "beneficiaries",
    "listing_summary",
    "description",
    "areas",
}
CONFIG = "simple"
_UPSERT = (
    "INSERT INTO ngo_directory_ngosearchdocument (page_id, title, document) VALUES {rows} "
    "ON CONFLICT (page_id) DO UPDATE SET title = EXCLUDED.title, document = EXCLUDED.document"
)
_ROW = "(%s, %s, to_tsvector(%s, %s))"
_ROWS_PER_STATEMENT = 500


def uses_documents() -> bool:
    return connection.vendor == "postgresql"


def matching(queryset, terms: str):
    """``queryset`` (of profiles) narrowed to those whose text has every word of ``terms`` (cleaned
    words, see ``home.search.clean_query``), with or without Polish letters, ordered by name.

    On PostgreSQL the matches are ordered by the title kept in their search document: the query then
    sorts only the matching documents (tens of thousands at most), never every page of the site.
    """
    folded = fold_diacritics(terms)
    if uses_documents():
        return queryset.filter(
            search_document__document=SearchQuery(folded, config=CONFIG, search_type="plain")
        ).order_by("search_document__title", "pk")
    return queryset.filter(pk__in=folded_matches(NGOProfilePage, folded)).order_by("title", "pk")


def refresh_documents(pages) -> int:
    """Write the search document of each profile in ``pages`` (instances with their areas at hand:
    ``search_text_folded`` reads ``areas``), up to 500 profiles per statement."""
    if not uses_documents():
        return 0
    rows = [(page.pk, page.title, CONFIG, page.search_text_folded()) for page in pages]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _ROWS_PER_STATEMENT):
            batch = rows[start : start + _ROWS_PER_STATEMENT]
            cursor.execute(
                _UPSERT.format(rows=", ".join([_ROW] * len(batch))),
                [value for row in batch for value in row],
            )
    return len(rows)


def refresh_all(batch_size: int = 2000) -> int:
    """Rebuild every profile's document (``manage.py refresh_directory_search``)."""
    if not uses_documents():
        return 0
    done = 0
    queryset = NGOProfilePage.objects.order_by("pk").prefetch_related("areas")
    last_pk = 0
    while batch := list(queryset.filter(pk__gt=last_pk)[:batch_size]):
        done += refresh_documents(batch)
        last_pk = batch[-1].pk
    return done


def refresh_after_save(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    """``post_save`` of a profile: rebuild its document when its content may have changed."""
    if raw or not uses_documents():
        return
    if update_fields is not None and not CONTENT_FIELDS.intersection(update_fields):
        return
    refresh_documents([instance])
