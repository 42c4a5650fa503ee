"""Public forms: sign-up to the municipal volunteer database, applying to an offer, offer filters."""

from django import forms
from django.db import models
from django.db.models import Value
from django.utils.translation import gettext_lazy as _

from home.protection import ProtectedFormMixin
from ngo_directory.models import DISTRICTS, AreaOfActivity

from .models import AVAILABILITY_CHOICES, Skill, VolunteerClubPage
from .models.pages import ADULT_AGE
from .models.records import GUARDIAN_SIGNS_BELOW, age_on, today

MIN_SIGNUP_AGE = 7
GUARDIAN_EMAIL_SAME = _("Adres opiekuna musi być inny niż adres wolontariusza – to opiekun potwierdza zgodę.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


# Who signs decides how the consent is worded (13–17 sign with the guardian's consent; under 13 the
# guardian signs). The page script switches between these as the date of birth is typed; the server
# uses the same words whenever it shows the form again.
CONSENT_LABELS = {
    "any": _(
        "Wyrażam zgodę na przetwarzanie danych osobowych w gminnej bazie wolontariuszy "
        "(za dziecko poniżej 13 lat zgodę wyraża wypełniający formularz rodzic lub opiekun)"
    ),
    "adult": _("Wyrażam zgodę na przetwarzanie moich danych osobowych w gminnej bazie wolontariuszy"),
    "teen": _(
        "Wyrażam zgodę na przetwarzanie moich danych osobowych w gminnej bazie wolontariuszy; "
        "zapis zacznie działać, gdy rodzic lub opiekun potwierdzi zgodę linkiem z e-maila"
    ),
    "child": _(
        "Jako rodzic lub opiekun wyrażam zgodę na przetwarzanie danych osobowych dziecka "
        "w gminnej bazie wolontariuszy"
    ),
}


def signer_group(age: int) -> str:
    if age < GUARDIAN_SIGNS_BELOW:
        return "child"
    return "teen" if age < ADULT_AGE else "adult"


CONSENT_WORDING_CHANGED = _("Treść zgody zmieniła się po podaniu wieku – przeczytaj ją i zaznacz ponownie.")


class ShownWordingField(forms.CharField):
    """Which consent wording was on the screen (hidden; kept up to date by the page script).

    Shown again, it always carries the wording the server renders now, not the one sent before.
    """

    widget = forms.HiddenInput

    def bound_data(self, data, initial):
        return initial


class ShownConsentMixin:
    """A consent worded for who gives it; the words that were on the screen are the ones stored.

    The form has a ``consent`` checkbox and a hidden ``consent_wording``; ``consent_labels`` maps
    ``any``/``adult``/``teen``/``child`` to the words. The page script switches the label (and the hidden
    field) as the age is typed; the server words it from the answers whenever it shows the form again.
    After validation ``consent_text`` holds the exact words ticked.
    """

    consent_labels: dict

    def set_up_consent_wording(self, wording: str | None) -> None:
        self.consent_text = ""
        wording = wording or "any"
        self.fields["consent"].label = self.consent_labels[wording]
        self.fields["consent_wording"].initial = wording
        self.fields["consent_wording"].widget.attrs.update(
            {f"data-label-{key}": label for key, label in self.consent_labels.items()}
        )

    def check_shown_wording(self, cleaned: dict, expected: str | None) -> None:
        shown = cleaned.get("consent_wording") or "any"
        if shown not in self.consent_labels or (expected and shown not in ("any", expected)):
            # The ticked words were not the ones for this age (the age changed without the page script).
            self.add_error("consent", CONSENT_WORDING_CHANGED)
        elif cleaned.get("consent"):
            self.consent_text = str(self.consent_labels[shown])


class VolunteerSignupForm(ShownConsentMixin, ProtectedFormMixin, forms.Form):
    """The sign-up form of the municipal volunteer database; age decides who signs (server-side)."""

    first_name = forms.CharField(label=_("Imię wolontariusza"), max_length=100)
    last_name = forms.CharField(label=_("Nazwisko wolontariusza"), max_length=100)
    date_of_birth = forms.DateField(
        label=_("Data urodzenia wolontariusza"),
        widget=DateInput(),
        help_text=_(
            "Osoby poniżej 18 lat zapisują się za zgodą rodzica lub opiekuna; za dziecko poniżej 13 lat "
            "formularz wypełnia i zgodę podpisuje rodzic lub opiekun."
        ),
        error_messages={"invalid": _("Podaj datę w formacie RRRR-MM-DD.")},
    )
    email = forms.EmailField(
        label=_("E-mail wolontariusza"),
        required=False,
        help_text=_("Wyślemy na niego link potwierdzający. Dla dziecka poniżej 13 lat można pominąć."),
        error_messages={"invalid": _("Podaj poprawny adres e-mail, np. jan@example.org.")},
    )
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False, help_text=_("Opcjonalnie."))
    district = forms.ChoiceField(
        label=_("Dzielnica / sołectwo zamieszkania"), choices=[("", _("– wybierz –")), *DISTRICTS]
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("Zainteresowania"),
        queryset=AreaOfActivity.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("W jakich obszarach chcesz pomagać? Zaznacz co najmniej jeden."),
        error_messages={"required": _("Zaznacz co najmniej jeden obszar.")},
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Umiejętności"),
        queryset=Skill.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Co potrafisz? Pomoże nam dobrać oferty."),
    )
    availability = forms.MultipleChoiceField(
        label=_("Dostępność"),
        choices=AVAILABILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Zaznacz, kiedy możesz pomagać.")},
    )
    languages = forms.CharField(
        label=_("Języki obce"), max_length=200, required=False, help_text=_("Np. angielski, niemiecki.")
    )
    experience = forms.CharField(
        label=_("Doświadczenie"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=3000,
        help_text=_("Wcześniejszy wolontariat, kursy, co lubisz robić (opcjonalnie)."),
    )
    club = forms.ModelChoiceField(
        label=_("Szkolne koło wolontariatu"),
        queryset=VolunteerClubPage.objects.none(),
        required=False,
        empty_label=_("– nie należę do koła –"),
        help_text=_("Jeśli należysz do szkolnego koła wolontariatu, wybierz je."),
    )
    guardian_name = forms.CharField(
        label=_("Imię i nazwisko rodzica lub opiekuna"),
        max_length=200,
        required=False,
        help_text=_("Wymagane, jeśli wolontariusz ma mniej niż 18 lat."),
    )
    guardian_email = forms.EmailField(
        label=_("E-mail rodzica lub opiekuna"),
        required=False,
        help_text=_("Wymagany poniżej 18 lat: opiekun potwierdzi zgodę linkiem z e-maila."),
        error_messages={"invalid": _("Podaj poprawny adres e-mail opiekuna.")},
    )
    consent = forms.BooleanField(
        label=CONSENT_LABELS["any"],
        error_messages={"required": _("Bez zgody nie możemy zapisać danych do bazy.")},
    )
    consent_wording = ShownWordingField(required=False)
    consent_labels = CONSENT_LABELS

    def __init__(self, *args, consent_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["club"].queryset = VolunteerClubPage.objects.live().public().order_by("title")
        if consent_text:
            self.fields["consent"].help_text = consent_text
        self.age = None
        self.set_up_consent_wording(self.signer_group_from_data())

    def signer_group_from_data(self) -> str | None:
        """``adult``/``teen``/``child`` from the date of birth sent (None before one is given)."""
        if not self.is_bound:
            return None
        try:
            born = forms.DateField().clean(self.data.get(self.add_prefix("date_of_birth")))
        except forms.ValidationError:
            return None
        if born is None or born > today():
            return None
        return signer_group(age_on(born, today()))

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        now = today()
        if born > now:
            raise forms.ValidationError(_("Data urodzenia nie może być z przyszłości."))
        age = age_on(born, now)
        if age < MIN_SIGNUP_AGE:
            raise forms.ValidationError(
                _("Do bazy przyjmujemy dzieci od %(age)s lat.") % {"age": MIN_SIGNUP_AGE}
            )
        if age > 110:
            raise forms.ValidationError(_("Sprawdź rok urodzenia."))
        self.age = age
        return born

    def clean(self):
        cleaned = super().clean()
        age = self.age
        self.check_shown_wording(cleaned, signer_group(age) if age is not None else None)
        if age is None:
            return cleaned
        email = cleaned.get("email")
        if age >= GUARDIAN_SIGNS_BELOW and not email and "email" not in self.errors:
            self.add_error("email", _("Podaj adres e-mail wolontariusza."))
        if age < ADULT_AGE:
            if not cleaned.get("guardian_name"):
                self.add_error(
                    "guardian_name", _("Wolontariusz ma mniej niż 18 lat: podaj imię i nazwisko opiekuna.")
                )
            guardian_email = cleaned.get("guardian_email")
            if not guardian_email and "guardian_email" not in self.errors:
                self.add_error(
                    "guardian_email", _("Wolontariusz ma mniej niż 18 lat: podaj e-mail opiekuna.")
                )
            elif guardian_email and email and guardian_email.lower() == email.lower():
                self.add_error("guardian_email", GUARDIAN_EMAIL_SAME)
        return cleaned


# The consent of an offer application, worded for who gives it (as in the sign-up). Before an age is
# typed the form shows the wording for any age; the page script switches it as the age is typed, the
# server whenever it shows the form again. The words on the screen are stored with the application.
OFFER_CONSENT_LABELS = {
    "any": _(
        "Zgadzam się, aby organizator oferty i COP przetwarzali dane podane w formularzu w celu obsługi "
        "zgłoszenia (osoba 13–17 lat zgłasza się za zgodą rodzica lub opiekuna; za dziecko poniżej 13 lat "
        "zgodę wyraża wypełniający formularz rodzic lub opiekun)"
    ),
    "adult": _("Zgadzam się, aby organizator oferty i COP przetwarzali moje dane w celu obsługi zgłoszenia"),
    "teen": _(
        "Zgadzam się, aby organizator oferty i COP przetwarzali moje dane w celu obsługi zgłoszenia; "
        "mój rodzic lub opiekun, którego dane podaję, zgadza się na to zgłoszenie"
    ),
    "child": _(
        "Jako rodzic lub opiekun zgadzam się, aby organizator oferty i COP przetwarzali dane dziecka "
        "w celu obsługi zgłoszenia"
    ),
}


class OfferApplicationForm(ShownConsentMixin, ProtectedFormMixin, forms.Form):
    """Applying to one volunteer offer from its page; the consent is worded for the applicant's age."""

    name = forms.CharField(label=_("Imię i nazwisko"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"), error_messages={"invalid": _("Podaj poprawny adres e-mail, np. jan@example.org.")}
    )
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False, help_text=_("Opcjonalnie."))
    age = forms.IntegerField(
        label=_("Wiek (w latach)"),
        min_value=1,
        max_value=110,
        error_messages={
            "invalid": _("Podaj wiek liczbą."),
            "min_value": _("Podaj prawdziwy wiek."),
            "max_value": _("Podaj prawdziwy wiek."),
        },
    )
    guardian_name = forms.CharField(
        label=_("Imię i nazwisko opiekuna"),
        max_length=200,
        required=False,
        help_text=_("Wymagane poniżej 18 lat."),
    )
    guardian_email = forms.EmailField(
        label=_("E-mail opiekuna"), required=False, help_text=_("Wymagany poniżej 18 lat.")
    )
    message = forms.CharField(
        label=_("Wiadomość do organizatora"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        help_text=_("Dlaczego chcesz pomóc, kiedy możesz."),
    )
    consent = forms.BooleanField(
        label=OFFER_CONSENT_LABELS["any"],
        error_messages={"required": _("Bez tej zgody nie możemy przekazać zgłoszenia.")},
    )
    consent_wording = ShownWordingField(required=False)
    consent_labels = OFFER_CONSENT_LABELS

    def __init__(self, *args, offer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.set_up_consent_wording(self.wording_from_data())

    def wording_from_data(self) -> str | None:
        """``adult``/``teen``/``child`` from the age sent (None before a usable one is given)."""
        if not self.is_bound:
            return None
        try:
            age = forms.IntegerField(min_value=1, max_value=110).clean(self.data.get(self.add_prefix("age")))
        except forms.ValidationError:
            return None
        return signer_group(age) if age is not None else None

    def clean(self):
        cleaned = super().clean()
        age = cleaned.get("age")
        self.check_shown_wording(cleaned, signer_group(age) if age is not None else None)
        if age is None or self.offer is None:
            return cleaned
        if age < self.offer.min_age:
            self.add_error("age", _("Ta oferta jest dla osób od %(age)s lat.") % {"age": self.offer.min_age})
        elif age < ADULT_AGE:
            if not cleaned.get("guardian_name"):
                self.add_error("guardian_name", _("Masz mniej niż 18 lat: podaj imię i nazwisko opiekuna."))
            if not cleaned.get("guardian_email") and "guardian_email" not in self.errors:
                self.add_error("guardian_email", _("Masz mniej niż 18 lat: podaj e-mail opiekuna."))
        return cleaned


def _filter_options():
    """``(kind, slug, name)`` of every area and skill, by name: both lists in one query."""
    kind = models.CharField()
    areas = AreaOfActivity.objects.order_by().annotate(kind=Value("area", output_field=kind))
    skills = Skill.objects.order_by().annotate(kind=Value("skill", output_field=kind))
    columns = ("kind", "slug", "name")
    return areas.values_list(*columns).union(skills.values_list(*columns), all=True).order_by("kind", "name")


class OfferFilterForm(forms.Form):
    """GET filters of the offers listing; bad values are ignored field by field, never a 500."""

    area = forms.SlugField(label=_("Obszar"), required=False)
    skill = forms.SlugField(label=_("Umiejętność"), required=False)
    district = forms.ChoiceField(
        label=_("Dzielnica"), choices=[("", _("wszystkie")), *DISTRICTS], required=False
    )
    for_minors = forms.BooleanField(label=_("Dla niepełnoletnich"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = {"area": [], "skill": []}
        for kind, slug, name in _filter_options():
            options[kind].append((slug, name))
        for kind, choices in options.items():
            self.fields[kind].widget = forms.Select(choices=[("", _("wszystkie")), *choices])

    @property
    def cleaned_data_or_empty(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        return dict(self.cleaned_data)
