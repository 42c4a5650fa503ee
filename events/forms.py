"""Forms of the events app: public registration and cancellation, calendar filters, staff message."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from home.protection import ProtectedFormMixin

from .models import EVENT_TYPES, ORGANISER_COP, PRIVACY_NOTICE, Registration


class RegistrationForm(ProtectedFormMixin, forms.Form):
    """The visitor's sign-up; the event's rules and the privacy notice must be accepted."""

    name = forms.CharField(
        label=_("Imię i nazwisko"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Podaj imię i nazwisko.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Wyślemy na niego potwierdzenie i link do rezygnacji."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Podaj adres e-mail."),
            "invalid": _("Podaj poprawny adres e-mail, np. jan@example.org."),
        },
    )
    organisation = forms.CharField(
        label=_("Organizacja"),
        max_length=200,
        required=False,
        help_text=_("Jeśli reprezentujesz organizację (opcjonalnie)."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    accessibility_needs = forms.CharField(
        label=_("Potrzeby dostępnościowe"),
        max_length=1000,
        required=False,
        help_text=_(
            "Czego potrzebujesz, żeby wziąć udział, np. tłumacz PJM, pętla indukcyjna, dieta (opcjonalnie)."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    accept_rules = forms.BooleanField(
        label=_("Akceptuję regulamin wydarzenia"),
        error_messages={"required": _("Zaakceptuj regulamin, aby się zapisać.")},
    )
    accept_privacy = forms.BooleanField(
        label=_("Zgadzam się na przetwarzanie moich danych w celu zapisu"),
        help_text=PRIVACY_NOTICE,
        error_messages={"required": _("Zgoda na przetwarzanie danych jest potrzebna do zapisu.")},
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        if event is not None:
            hint = event.rules_summary
            if event.rules_document_id:
                link = format_html(
                    '<a href="{}">{} ({})</a>',
                    event.rules_document.url,
                    _("Regulamin do pobrania"),
                    event.rules_document.file_extension.upper(),
                )
                hint = format_html("{} {}", hint, link) if hint else link
            self.fields["accept_rules"].help_text = hint

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if len(name) < 3:
            raise forms.ValidationError(_("Podaj imię i nazwisko (co najmniej 3 znaki)."))
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class CancelForm(ProtectedFormMixin, forms.Form):
    """Confirms a cancellation (a button, so that link previews never cancel anyone)."""


class EventFilterForm(forms.Form):
    """The calendar's filters (GET): type and organiser. Unknown values are simply ignored."""

    rodzaj = forms.ChoiceField(
        label=_("Rodzaj"), required=False, choices=[("", _("wszystkie rodzaje")), *EVENT_TYPES]
    )
    organizator = forms.ChoiceField(label=_("Organizator"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ngo_directory.models import NGOProfilePage

        organisers = NGOProfilePage.objects.live().filter(events__live=True).distinct().order_by("title")
        self.fields["organizator"].choices = [
            ("", _("wszyscy organizatorzy")),
            (ORGANISER_COP, _("Centrum Organizacji Pozarządowych")),
            *[(str(pk), title) for pk, title in organisers.values_list("pk", "title")],
        ]


STATUS_GROUPS = [
    ("confirmed", _("osoby z potwierdzonym miejscem")),
    ("all", _("potwierdzeni i lista rezerwowa")),
    ("waiting", _("tylko lista rezerwowa")),
]


class StaffMessageForm(forms.Form):
    """COP staff's e-mail to the people registered for one event."""

    recipients = forms.ChoiceField(label=_("Do kogo"), choices=STATUS_GROUPS, initial="confirmed")
    subject = forms.CharField(label=_("Temat"), max_length=200)
    body = forms.CharField(
        label=_("Treść"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10000,
        help_text=_("Każda osoba dostanie osobną wiadomość; nikt nie zobaczy adresów innych."),
    )

    def statuses(self):
        return {
            "confirmed": [Registration.CONFIRMED],
            "waiting": [Registration.WAITING],
            "all": [Registration.CONFIRMED, Registration.WAITING],
        }[self.cleaned_data["recipients"]]
