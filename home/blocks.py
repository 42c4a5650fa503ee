"""The shared StreamField block set used by every page body on the platform.

Every block sets ``icon``, ``template`` and ``preview_value`` so that editors see a meaningful
preview in the block picker. No block loads anything from another host (no embeds).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


def require_page_or_url(value):
    """A link points either at a page of the site or at an outside address, never both or neither."""
    if bool(value.get("page")) == bool(value.get("url")):
        raise blocks.StructBlockValidationError(
            block_errors={"url": ValidationError(_("Wybierz stronę albo podaj adres."))}
        )


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the page outline correct."""

    text = blocks.CharBlock(label=_("Treść nagłówka"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Poziom"),
        choices=[("h2", _("Nagłówek sekcji (H2)")), ("h3", _("Podsekcja (H3)"))],
        default="h2",
        help_text=_("H2 dla głównych sekcji strony, H3 dla części sekcji."),
    )

    class Meta:
        icon = "title"
        label = _("Nagłówek")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Czym się zajmujemy", "level": "h2"}
        preview_description = _("Nagłówek porządkujący treść strony.")


class ParagraphBlock(blocks.RichTextBlock):
    """Formatted text with links and lists."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Tekst")
        template = "blocks/paragraph_block.html"
        preview_value = (
            "<p>Centrum Organizacji Pozarządowych wspiera stowarzyszenia, fundacje "
            "i aktywnych mieszkańców Czerwionki-Leszczyn.</p>"
        )


class FigureBlock(blocks.StructBlock):
    """An image with its caption and credit; the alternative text comes from the image block."""

    image = ImageBlock(label=_("Zdjęcie"))
    caption = blocks.CharBlock(label=_("Podpis"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Autor zdjęcia"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Zdjęcie z podpisem")
        template = "blocks/figure_block.html"
        preview_value = {"caption": "Spotkanie integracyjne organizacji w COP", "credit": "COP"}


class QuoteBlock(blocks.StructBlock):
    """A highlighted quotation with its author."""

    text = blocks.TextBlock(label=_("Cytat"))
    author = blocks.CharBlock(label=_("Autor"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Cytat")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Wspólnie znaczy lepiej.",
            "author": "Uczestnicy spotkań NGO i samorządu",
        }


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site or to an outside address."""

    label = blocks.CharBlock(label=_("Tekst odnośnika"), max_length=100)
    page = blocks.PageChooserBlock(label=_("Strona w serwisie"), required=False)
    url = blocks.URLBlock(
        label=_("Adres zewnętrzny"),
        required=False,
        help_text=_("Wypełnij tylko wtedy, gdy nie wybierasz strony z serwisu."),
    )

    def clean(self, value):
        value = super().clean(value)
        require_page_or_url(value)
        return value

    class Meta:
        icon = "link"
        label = _("Odnośnik")
        template = "blocks/link_block.html"
        preview_value = {"label": "Zobacz bazę organizacji", "url": "https://example.org/"}


class CallToActionBlock(blocks.StructBlock):
    """A short invitation with one button: "sign up", "book a room"…"""

    title = blocks.CharBlock(label=_("Tytuł"), max_length=120)
    text = blocks.TextBlock(label=_("Opis"), required=False)
    link = LinkBlock(label=_("Przycisk"))

    class Meta:
        icon = "pick"
        label = _("Zaproszenie z przyciskiem")
        template = "blocks/call_to_action_block.html"
        preview_value = {
            "title": "Zostań wolontariuszem",
            "text": "Dołącz do gminnej bazy wolontariuszy.",
            "link": {"label": "Zapisz się", "url": "https://example.org/"},
        }


class DocumentListBlock(blocks.StructBlock):
    """Downloadable files: rules, statutes, reports."""

    title = blocks.CharBlock(label=_("Tytuł listy"), required=False, max_length=120)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Dokument")), label=_("Dokumenty"))

    class Meta:
        icon = "doc-full"
        label = _("Dokumenty do pobrania")
        template = "blocks/document_list_block.html"
        preview_value = {"title": "Regulamin i zasady naboru", "documents": []}


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Pytanie"), max_length=200)
    answer = ParagraphBlock(label=_("Odpowiedź"))


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open on click (native <details>, works without JavaScript)."""

    title = blocks.CharBlock(label=_("Tytuł"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Pytania"))

    class Meta:
        icon = "list-ul"
        label = _("Pytania i odpowiedzi")
        template = "blocks/accordion_block.html"
        preview_value = {
            "title": "Najczęstsze pytania",
            "items": [
                {
                    "question": "Czy udział jest bezpłatny?",
                    "answer": "<p>Tak, udział w spotkaniach jest bezpłatny.</p>",
                }
            ],
        }


class ContactBlock(blocks.StructBlock):
    """A contact card: person or office with e-mail and phone."""

    name = blocks.CharBlock(label=_("Nazwa lub osoba"), max_length=150)
    role = blocks.CharBlock(label=_("Funkcja"), required=False, max_length=150)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Telefon"), required=False, max_length=40)

    class Meta:
        icon = "user"
        label = _("Kontakt")
        template = "blocks/contact_block.html"
        preview_value = {
            "name": "Biuro COP",
            "role": "Doradztwo ogólne",
            "email": "cop@example.org",
            "phone": "32 000 00 00",
        }


class TableWithCaptionBlock(blocks.StructBlock):
    """A data table with a caption (required for accessibility)."""

    caption = blocks.CharBlock(label=_("Podpis tabeli"), max_length=200)
    table = TableBlock(label=_("Tabela"), table_options={"renderer": "text"})

    class Meta:
        icon = "table"
        label = _("Tabela")
        template = "blocks/table_block.html"
        preview_value = {
            "caption": "Harmonogram spotkań",
            "table": {"data": [["Spotkanie", "Data"], ["I", "10.02"]], "first_row_is_table_header": True},
        }


class BaseStreamBlock(blocks.StreamBlock):
    """The block set every body field on the platform uses."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    figure = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    documents = DocumentListBlock()
    accordion = AccordionBlock()
    contact = ContactBlock()
    table = TableWithCaptionBlock()


class HighlightBlock(blocks.StructBlock):
    """One service of the Centre shown as a card on the home page."""

    title = blocks.CharBlock(label=_("Tytuł"), max_length=80)
    text = blocks.TextBlock(label=_("Krótki opis"), max_length=300)
    page = blocks.PageChooserBlock(label=_("Strona z opisem usługi"), required=False)

    class Meta:
        icon = "tick-inverse"
        label = _("Wyróżniona usługa")
        template = "blocks/highlight_block.html"
        preview_value = {
            "title": "Sale dla organizacji",
            "text": "Bezpłatne sale na spotkania i warsztaty.",
        }


class MenuItemBlock(blocks.StructBlock):
    """A menu entry: a page of the site or an outside address."""

    label = blocks.CharBlock(
        label=_("Tekst w menu"), required=False, max_length=60, help_text=_("Domyślnie tytuł strony.")
    )
    page = blocks.PageChooserBlock(label=_("Strona"), required=False)
    url = blocks.URLBlock(label=_("Adres zewnętrzny"), required=False)

    def clean(self, value):
        value = super().clean(value)
        require_page_or_url(value)
        if value.get("url") and not value.get("label"):
            raise blocks.StructBlockValidationError(
                block_errors={"label": ValidationError(_("Podaj tekst odnośnika."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Pozycja menu")
        template = "blocks/menu_item_block.html"
        preview_value = {"label": "Kontakt", "url": "https://example.org/kontakt/"}


class OpeningHoursBlock(blocks.StructBlock):
    days = blocks.CharBlock(label=_("Dni"), max_length=60, help_text=_("Np. „poniedziałek–piątek”."))
    hours = blocks.CharBlock(
        label=_("Godziny"), max_length=60, help_text=_("Np. „8:00–16:00” albo „nieczynne”.")
    )

    class Meta:
        icon = "time"
        label = _("Godziny otwarcia")
        template = "blocks/opening_hours_block.html"
        preview_value = {"days": "poniedziałek–piątek", "hours": "8:00–16:00"}


# Raw StreamField values built from the shared block set (demo content, factories, bench data).
# Kept here, not in factories.py, because the demo content must load without the test requirements.


def paragraph(html: str) -> dict:
    """A raw ``paragraph`` block for a StreamField value."""
    return {"type": "paragraph", "value": html}


def heading(text: str, level: str = "h2") -> dict:
    """A raw ``heading`` block (``h2`` or ``h3``)."""
    return {"type": "heading", "value": {"text": text, "level": level}}
