"""Admin panels shared by the page types: Wagtail's own fields with Polish hints for editors.

Wagtail defines some fields every editor sees (the publishing schedule, the e-mail of a form page,
the fields of a form) without a help text. The project's rule is a Polish hint under every field
(tests/home/test_editor_help.py), so these panels add one without changing Wagtail's models.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin import panels

PUBLISHING_HELP_TEXTS = {
    "go_live_at": _(
        "Opcjonalnie: dzień i godzina, od których strona ma być widoczna. Działa dopiero po "
        "zatwierdzeniu zmian przez pracownika COP."
    ),
    "expire_at": _(
        "Opcjonalnie: dzień i godzina, po których strona sama zniknie z serwisu (np. po zakończeniu "
        "naboru). Puste – strona zostaje na stałe."
    ),
}


class PublishingPanel(panels.PublishingPanel):
    """Wagtail's "publishing schedule" dialog, with a Polish hint under both dates."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for child in self.children:
            if not child.help_text:
                child.help_text = PUBLISHING_HELP_TEXTS.get(child.field_name, "")


FORM_FIELD_PANELS = [
    panels.FieldPanel("label"),
    panels.FieldPanel(
        "help_text",
        help_text=_("Opcjonalna wskazówka pokazywana pod polem, np. „Podaj numer w formacie 000 000 000”."),
    ),
    panels.FieldPanel(
        "required",
        help_text=_("Zaznacz, jeśli formularza nie da się wysłać bez wypełnienia tego pola."),
    ),
    # Wagtail's preview builds the form from the field type, so it must be set even in a draft.
    panels.FieldPanel(
        "field_type",
        classname="formbuilder-type",
        required_on_save=True,
        help_text=_(
            "Rodzaj pola: krótki lub długi tekst, e-mail, liczba, data, lista wyboru, pola do zaznaczenia."
        ),
    ),
    panels.FieldPanel("choices", classname="formbuilder-choices"),
    panels.FieldPanel("default_value", classname="formbuilder-default"),
]
"""The panels of a form builder's field (Wagtail's ``AbstractFormField.panels`` with Polish hints)."""

EMAIL_PANELS = [
    panels.FieldRowPanel(
        [
            panels.FieldPanel(
                "from_address",
                help_text=_("Adres nadawcy powiadomienia; puste – domyślny adres serwisu."),
            ),
            panels.FieldPanel("to_address"),
        ]
    ),
    panels.FieldPanel(
        "subject",
        help_text=_("Temat e-maila z powiadomieniem, np. „Wiadomość z formularza kontaktowego”."),
    ),
]
"""The e-mail settings of a form page (Wagtail's ``EmailFormMixin`` fields with Polish hints)."""
