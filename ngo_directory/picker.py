"""Choosing one organisation of the directory in a public form, at any size of the directory.

Other apps' forms (room booking, advisory) ask "which organisation?". Listing every organisation in a
``<select>`` costs the whole directory on every page view (5,000 options: half a megabyte), so the
form has a text field instead, :class:`OrganisationField`:

* without JavaScript the visitor types the name or the KRS number, and :func:`resolve_organisation`
  turns it into exactly one published organisation, or explains in Polish why it cannot (none or
  several – the candidates are listed);
* with JavaScript (``static/js/organisation-picker.js``) the field becomes an ARIA combobox that asks
  :func:`search_organisations` (through ``/api/cop/v1/organizacje/podpowiedzi/``) as the visitor types
  and fills a hidden organisation id; the server checks that id again.

Matching is accent-insensitive like the directory search: the profiles index their names folded
(``NGOProfilePage.autocomplete_text_folded``) and the typed words are folded the same way, the last
word as a prefix ("kolo gosp" finds "Koło Gospodyń Wiejskich").
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from home.search import MAX_QUERY_LENGTH, clean_query, fold_diacritics, matching_pks

from .identifiers import compact
from .models import NGOProfilePage

SUGGESTION_LIMIT = 10
# A database key as the picker writes it: ASCII digits, short enough for any integer column.
_ID = re.compile(r"[0-9]{1,10}")
_DIGITS = re.compile(r"[0-9]+")
ID_SUFFIX = "_id"


def published_organisations():
    """Organisations a visitor may see and choose: live profiles without view restrictions."""
    return NGOProfilePage.objects.live().public()


def _folded_words(text: str) -> str:
    return fold_diacritics(clean_query(text))


def _autocomplete_pks(folded_terms: str):
    """Keys of live profiles whose folded name has every word, the last one as a prefix.

    On PostgreSQL the query reads the search index entries' ``autocomplete`` column directly (its own
    GIN index answers it, as in ``home.search.folded_matches``); elsewhere it goes through Wagtail's
    search backend.
    """
    from wagtail.search.backends import get_search_backend
    from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

    backend = get_search_backend()
    if connection.vendor == "postgresql" and isinstance(backend, PostgresSearchBackend):
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.postgres.search import SearchQuery
        from django.db.models import IntegerField
        from django.db.models.functions import Cast
        from modelsearch.backends.database.postgres.query import Lexeme
        from wagtail.search.models import IndexEntry

        *words, last = folded_terms.split()
        lexemes = Lexeme(last, prefix=True)
        for word in words:
            lexemes &= Lexeme(word)
        return (
            IndexEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(NGOProfilePage),
                autocomplete=SearchQuery(lexemes, search_type="raw", config=backend.autocomplete_config),
            )
            .annotate(object_pk=Cast("object_id", IntegerField()))
            .values("object_pk")
        )
    results = backend.autocomplete(folded_terms, NGOProfilePage.objects.live(), order_by_relevance=False)
    return matching_pks(results)


def search_organisations(text: str, limit: int = SUGGESTION_LIMIT) -> list[NGOProfilePage]:
    """Up to ``limit + 1`` published organisations matching what a visitor typed, by name.

    A name matches when it has every typed word (accents optional, the last word may be cut short);
    digits alone match the beginning of the KRS number ("0000123" or "0000 123 456"). The extra
    row tells the caller there are more. Two queries whatever the size of the directory.
    """
    text = (text or "")[:MAX_QUERY_LENGTH]
    queryset = published_organisations()
    digits = compact(text)
    if _DIGITS.fullmatch(digits):
        queryset = queryset.filter(krs__startswith=digits)
    else:
        folded = _folded_words(text).replace("_", " ").strip()
        if not folded:
            return []
        queryset = queryset.filter(pk__in=_autocomplete_pks(folded))
    fields = ("id", "title", "short_name", "krs", "city", "district")
    return list(queryset.only(*fields).order_by("title", "pk")[: limit + 1])


def describe(organisation: NGOProfilePage) -> str:
    """What tells two similar names apart: "KRS 0000123456, Czerwionka-Leszczyny"."""
    parts = []
    if organisation.krs:
        parts.append(f"KRS {organisation.krs}")
    parts.append(organisation.city or organisation.get_district_display())
    return ", ".join(part for part in parts if part)


def label(organisation: NGOProfilePage) -> str:
    return f"{organisation.title} ({describe(organisation)})"


def _same_organisation(text: str, organisation: NGOProfilePage) -> bool:
    """The typed text names this organisation exactly (its name, short name or KRS)."""
    typed = _folded_words(text)
    if not typed:
        return False
    names = (organisation.title, organisation.short_name)
    return any(typed == _folded_words(name) for name in names if name) or compact(text) == organisation.krs


NOT_IN_DIRECTORY = _(
    "Nie ma w bazie organizacji żadnej organizacji o nazwie lub numerze KRS „%(text)s”. Sprawdź pisownię "
    "albo wpisz numer KRS. Jeśli Twojej organizacji nie ma w bazie, zaznacz wyżej "
    "„Mieszkaniec lub grupa nieformalna”."
)
UNKNOWN_CHOICE = _(
    "Wybranej organizacji nie ma w bazie organizacji (mogła zostać usunięta). Wpisz jej nazwę "
    "lub numer KRS jeszcze raz."
)
MISSING = _(
    "Wpisz nazwę lub numer KRS organizacji z bazy albo zaznacz wyżej „Mieszkaniec lub grupa nieformalna”."
)


def resolve_organisation(text: str, chosen_id: str = "") -> NGOProfilePage:
    """The one published organisation the visitor means, or a ``ValidationError`` in Polish.

    ``chosen_id`` comes from the picker (JavaScript) and is trusted only after the same check as a
    typed name: it must be a published organisation. If the visitor typed another name after
    choosing, the typed name decides.
    """
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    chosen_id = (chosen_id or "").strip()
    if chosen_id:
        organisation = None
        if _ID.fullmatch(chosen_id):
            organisation = published_organisations().filter(pk=int(chosen_id)).first()
        if organisation is None:
            raise ValidationError(UNKNOWN_CHOICE, code="unknown_organisation")
        if not text or _same_organisation(text, organisation):
            return organisation
    if not text:
        raise ValidationError(MISSING, code="required")
    candidates = search_organisations(text)
    exact = [candidate for candidate in candidates if _same_organisation(text, candidate)]
    if len(exact) == 1:
        return exact[0]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ValidationError(NOT_IN_DIRECTORY, code="not_found", params={"text": text})
    shown = candidates[:SUGGESTION_LIMIT]
    names = "; ".join(label(candidate) for candidate in shown)
    if len(candidates) > SUGGESTION_LIMIT:
        message = _(
            "Tej nazwie odpowiada więcej niż %(count)s organizacji, m.in.: %(names)s. "
            "Wpisz pełną nazwę albo numer KRS."
        )
    else:
        message = _("Tej nazwie odpowiada kilka organizacji: %(names)s. Wpisz pełną nazwę albo numer KRS.")
    raise ValidationError(message, code="ambiguous", params={"count": len(shown), "names": names})


def split_value(value) -> tuple[str, str]:
    """(typed text, chosen id) from submitted data, an organisation or nothing."""
    if isinstance(value, dict):
        return str(value.get("text") or ""), str(value.get("id") or "")
    if isinstance(value, NGOProfilePage):
        return value.title, str(value.pk)
    return "", ""


class OrganisationPickerInput(forms.TextInput):
    """A text input for the name or KRS plus the hidden id the combobox fills (``<name>_id``).

    The text input keeps the field's own id, so the label, the hint and the error summary point at it.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        return {"text": data.get(name, ""), "id": data.get(name + ID_SUFFIX, "")}

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + ID_SUFFIX not in data

    def format_value(self, value):
        return split_value(value)[0] or None

    def render(self, name, value, attrs=None, renderer=None):
        text_input = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="org-picker" data-org-picker data-suggest-url="{}">{}'
            '<input type="hidden" name="{}" value="{}" data-org-picker-id></div>',
            reverse("cop_api:organisation_suggestions"),
            text_input,
            name + ID_SUFFIX,
            split_value(value)[1],
        )


class OrganisationField(forms.Field):
    """Which organisation of the directory: cleaned to ``{"text": ..., "id": ...}``.

    The form decides when an organisation is needed and then calls :meth:`resolve` (the booking forms
    ask only when the visitor said they act for an organisation).
    """

    widget = OrganisationPickerInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        text, chosen_id = split_value(value)
        return {"text": text.strip()[:MAX_QUERY_LENGTH], "id": chosen_id.strip()[:20]}

    def resolve(self, value) -> NGOProfilePage:
        text, chosen_id = split_value(value)
        return resolve_organisation(text, chosen_id)
