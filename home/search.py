"""Helpers for full-text search queries typed by visitors."""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)
# Letters NFKD does not decompose into a base letter and a combining mark.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss"})


def clean_query(raw: str | None) -> str:
    """Visitor's words only, lower-cased: no FTS operators, quotes or brackets reach the backend.

    SQLite FTS5 treats ``AND``/``OR``/``NOT``, quotes and parentheses as syntax, so a stray
    character would otherwise become a server error instead of a search.
    """
    return " ".join(_WORD.findall((raw or "")[:MAX_QUERY_LENGTH].lower()))


def fold_diacritics(text: str) -> str:
    """Text without diacritics: "Koło Gospodyń" gives "Kolo Gospodyn".

    Visitors often type Polish words without the Polish letters. Neither PostgreSQL's "simple"
    configuration nor SQLite FTS5 (which keeps "ł") matches "spoleczna" with "społeczna", so the
    indexed text and the query are both folded with this function.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


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


def folded_matches(model, folded_terms: str):
    """Keys of the live ``model`` pages whose folded text (see ``fold_diacritics``) has every word
    of ``folded_terms``, through the search backend, for ``queryset.filter(pk__in=...)``.

    ``model`` must index all its searchable text folded in one ``SearchField``. (The NGO directory
    on PostgreSQL reads its own search documents instead: ``ngo_directory.search``.)
    """
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    return matching_pks(backend.search(folded_terms, model.objects.live(), order_by_relevance=False))
