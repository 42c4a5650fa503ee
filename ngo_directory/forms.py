"""Forms of the NGO directory: the directory filters (GET) and the public onboarding form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.protection import ProtectedFormMixin

from .models import DISTRICTS, LEGAL_FORMS, AreaOfActivity, OnboardingRequest

CONSENT_TEXT = (
    "Wyrażam zgodę na przetwarzanie moich danych osobowych (imię, nazwisko, e-mail, telefon) przez "
    "Centrum Organizacji Pozarządowych w Czerwionce-Leszczynach w celu rozpatrzenia zgłoszenia organizacji "
    "i założenia konta redaktora jej profilu. Dane osoby kontaktowej nie są publikowane bez jej zgody."
)


class DirectoryFilterForm(forms.Form):
    """Filters of the directory; every value lives in the query string, so a filtered list is a shareable URL."""

    q = forms.CharField(
        label=_("Szukaj"), required=False, max_length=200, help_text=_("Nazwa, skrót lub słowo z opisu.")
    )
    obszar = forms.ModelChoiceField(
        label=_("Obszar działalności"),
        queryset=AreaOfActivity.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("wszystkie obszary"),
    )
    dzielnica = forms.ChoiceField(
        label=_("Dzielnica / sołectwo"), choices=[("", _("cała gmina")), *DISTRICTS], required=False
    )
    forma = forms.ChoiceField(
        label=_("Forma prawna"), choices=[("", _("wszystkie formy")), *LEGAL_FORMS], required=False
    )
    opp = forms.BooleanField(label=_("Tylko organizacje pożytku publicznego (OPP)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(type="search")

    @property
    def filters(self) -> dict:
        """The valid filters only: one wrong value (an old area slug) does not drop the others."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}


class OnboardingForm(ProtectedFormMixin, forms.ModelForm):
    """ "Dodaj organizację": the organisation's data and the person who will edit its profile."""

    consent = forms.BooleanField(
        label=_("Zgoda na przetwarzanie danych"),
        help_text=CONSENT_TEXT,
        error_messages={"required": _("Bez tej zgody nie możemy rozpatrzyć zgłoszenia.")},
    )

    class Meta:
        model = OnboardingRequest
        fields = [
            "name",
            "short_name",
            "legal_form",
            "krs",
            "nip",
            "regon",
            "is_opp",
            "district",
            "street",
            "postal_code",
            "email",
            "phone",
            "website",
            "areas",
            "description",
            "contact_first_name",
            "contact_last_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "krs": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "nip": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "regon": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "contact_last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_form"].choices = [("", _("wybierz")), *LEGAL_FORMS]
        self.fields["district"].choices = [("", _("wybierz")), *DISTRICTS]

    def save(self, commit=True):
        self.instance.consent_text = CONSENT_TEXT
        self.instance.consent_given_at = timezone.now()
        return super().save(commit=commit)
