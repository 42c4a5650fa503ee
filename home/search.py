"""Helpers for full-text search queries typed by visitors."""

import re

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(raw: str | None) -> str:
    """Visitor's words only, lower-cased: no FTS operators, quotes or brackets reach the backend.

    SQLite FTS5 treats ``AND``/``OR``/``NOT``, quotes and parentheses as syntax, so a stray
    character would otherwise become a server error instead of a search.
    """
    return " ".join(_WORD.findall((raw or "")[:MAX_QUERY_LENGTH].lower()))


def matching_pks(results):
    """The primary keys of search ``results`` for ``queryset.filter(pk__in=...)``.

    The database backends build the search as a queryset: it goes into the filter as one subquery,
    so no matching row passes through Python (100,000 organisations: a list of tens of thousands
    of pages otherwise). Other backends fall back to the list of keys.
    """
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().order_by().values("pk")
    return [item.pk for item in results]
