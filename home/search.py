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
