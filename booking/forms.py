"""Public request forms (protected) and the staff decision forms of the admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.protection import ProtectedFormMixin
from ngo_directory.picker import OrganisationField

from .models import AdvisoryRequest, BookingRequest, Room
from .services import local_datetime, validate_booking

REQUESTER_KINDS = [
    ("ngo", _("Organizacja z bazy organizacji")),
    ("other", _("Mieszkaniec lub grupa nieformalna")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self):
        super().__init__(format="%H:%M")


class RequesterFieldsMixin(forms.Form):
    """Who is asking: an organisation from the directory, or a resident / informal group."""

    requester_kind = forms.ChoiceField(
        label=_("W czyim imieniu składasz wniosek?"),
        choices=REQUESTER_KINDS,
        widget=forms.RadioSelect,
        initial="other",
    )
    # A text field with suggestions, not a list of every organisation (ngo_directory.picker).
    ngo = OrganisationField(
        label=_("Organizacja"),
        help_text=_(
            "Wypełnij, jeśli w rubryce wyżej zaznaczono organizację z bazy: wpisz jej nazwę "
            "(polskie litery nie są konieczne) albo numer KRS."
        ),
    )

    def setup_requester_fields(self):
        self.fields["group_name"].label = _("Nazwa grupy (opcjonalnie)")
        self.fields["group_name"].help_text = _(
            "Np. „Klub Seniora Osiedla Polnego”; puste – wniosek mieszkańca."
        )

    def clean_ngo(self):
        """The organisation the visitor typed or chose, when they said they act for one.

        ``requester_kind`` comes before ``ngo`` in ``field_order``, so it is already cleaned here.
        """
        if self.cleaned_data.get("requester_kind") != "ngo":
            return None
        return self.fields["ngo"].resolve(self.cleaned_data["ngo"])

    def clean_requester(self, cleaned_data):
        if cleaned_data.get("requester_kind") == "ngo":
            cleaned_data["group_name"] = ""
        else:
            cleaned_data["ngo"] = None


class BookingRequestForm(ProtectedFormMixin, RequesterFieldsMixin, forms.ModelForm):
    """A room booking request; every rule is checked by ``services.validate_booking``."""

    date = forms.DateField(
        label=_("Data spotkania"),
        widget=DateInput(),
        help_text=_("Dla spotkań cyklicznych – data pierwszego spotkania."),
    )
    start_time = forms.TimeField(label=_("Godzina rozpoczęcia"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Godzina zakończenia"), widget=TimeInput())
    repeat_weekly = forms.BooleanField(
        label=_("Spotkanie powtarza się co tydzień"),
        required=False,
        help_text=_("Zaznacz i podaj datę ostatniego spotkania."),
    )

    field_order = [
        "requester_name",
        "requester_email",
        "requester_phone",
        "requester_kind",
        "ngo",
        "group_name",
        "room",
        "date",
        "start_time",
        "end_time",
        "repeat_weekly",
        "repeat_until",
        "attendees",
        "purpose",
        "equipment_needs",
        "show_publicly",
        "public_title",
        "rules_accepted",
    ]

    class Meta:
        model = BookingRequest
        fields = [
            "requester_name",
            "requester_email",
            "requester_phone",
            "ngo",
            "group_name",
            "room",
            "repeat_until",
            "attendees",
            "purpose",
            "equipment_needs",
            "show_publicly",
            "public_title",
            "rules_accepted",
        ]
        widgets = {
            "repeat_until": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "equipment_needs": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_requester_fields()
        self.fields["room"].queryset = Room.objects.filter(is_active=True)
        self.fields["room"].empty_label = _("— wybierz salę —")
        self.fields["requester_phone"].required = True
        self.fields["attendees"].min_value = 1
        self.fields["attendees"].widget.attrs["min"] = 1
        self.fields["rules_accepted"].required = True
        self.fields["rules_accepted"].label = _("Akceptuję regulamin korzystania z sal Centrum")
        self.fields["rules_accepted"].error_messages["required"] = _(
            "Aby złożyć wniosek, zaakceptuj regulamin sal."
        )
        self.fields["repeat_until"].label = _("Ostatnie spotkanie cyklu")
        self.occurrences = []

    def clean_attendees(self):
        attendees = self.cleaned_data["attendees"]
        if attendees < 1:
            raise ValidationError(_("Podaj liczbę uczestników (co najmniej 1)."))
        return attendees

    def clean(self):
        cleaned_data = super().clean()
        self.clean_requester(cleaned_data)
        if cleaned_data.get("repeat_weekly") and not cleaned_data.get("repeat_until"):
            self.add_error("repeat_until", _("Podaj datę ostatniego spotkania cyklu."))
        if not cleaned_data.get("repeat_weekly"):
            cleaned_data["repeat_until"] = None
        if cleaned_data.get("show_publicly") and not cleaned_data.get("public_title", "").strip():
            self.add_error("public_title", _("Podaj nazwę wydarzenia, którą pokażemy w kalendarzu sali."))
        needed = ("room", "date", "start_time", "end_time", "attendees")
        # The booking rules run even when unrelated fields are wrong, so every problem shows at once.
        if not all(cleaned_data.get(name) for name in needed):
            return cleaned_data
        try:
            self.occurrences = validate_booking(
                cleaned_data["room"],
                cleaned_data["date"],
                cleaned_data["start_time"],
                cleaned_data["end_time"],
                cleaned_data["attendees"],
                cleaned_data.get("repeat_until"),
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned_data

    def build_request(self) -> BookingRequest:
        obj = super().save(commit=False)
        obj.first_starts_at = self.occurrences[0].starts_at
        return obj


class AdvisoryRequestForm(ProtectedFormMixin, RequesterFieldsMixin, forms.ModelForm):
    """A request for a consultation (doradztwo)."""

    field_order = [
        "requester_name",
        "requester_email",
        "requester_phone",
        "requester_kind",
        "ngo",
        "group_name",
        "topic",
        "preferred_dates",
        "description",
        "privacy_accepted",
    ]

    class Meta:
        model = AdvisoryRequest
        fields = [
            "requester_name",
            "requester_email",
            "requester_phone",
            "ngo",
            "group_name",
            "topic",
            "preferred_dates",
            "description",
            "privacy_accepted",
        ]
        widgets = {
            "topic": forms.RadioSelect,
            "preferred_dates": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_requester_fields()
        self.fields["privacy_accepted"].required = True
        self.fields["privacy_accepted"].label = _(
            "Zgadzam się na kontakt Centrum w sprawie konsultacji i przetwarzanie moich danych w tym celu"
        )
        self.fields["privacy_accepted"].error_messages["required"] = _(
            "Bez tej zgody nie możemy umówić konsultacji."
        )

    def clean(self):
        cleaned_data = super().clean()
        self.clean_requester(cleaned_data)
        return cleaned_data


# Staff decision forms (admin) ---------------------------------------------------------------------


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Powód odrzucenia"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Wnioskodawca otrzyma go w wiadomości e-mail."),
        error_messages={"required": _("Podaj powód odrzucenia – trafi on do wnioskodawcy.")},
    )


class BookingApproveForm(forms.Form):
    note = forms.CharField(
        label=_("Uwagi dla wnioskodawcy (opcjonalnie)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Np. gdzie odebrać klucz. Trafią do wiadomości z potwierdzeniem."),
    )

    def decision_data(self) -> dict:
        return {}


class AdvisoryApproveForm(BookingApproveForm):
    day = forms.DateField(label=_("Data konsultacji"), widget=DateInput())
    start_time = forms.TimeField(label=_("Od"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Do"), widget=TimeInput())
    place = forms.CharField(
        label=_("Miejsce"),
        max_length=200,
        initial=_("Biuro COP, I piętro, ul. 3-go Maja 19, Czerwionka-Leszczyny"),
        help_text=_("Albo „rozmowa telefoniczna” / „spotkanie online”."),
    )

    def clean(self):
        cleaned_data = super().clean()
        day, start, end = (
            cleaned_data.get("day"),
            cleaned_data.get("start_time"),
            cleaned_data.get("end_time"),
        )
        if day and start and end:
            if end <= start:
                self.add_error(
                    "end_time", _("Godzina zakończenia musi być późniejsza niż godzina rozpoczęcia.")
                )
            elif day < timezone.localdate():
                self.add_error("day", _("Termin konsultacji nie może być w przeszłości."))
            elif local_datetime(day, start) is None or local_datetime(day, end) is None:
                self.add_error("start_time", _("Tej godziny nie ma tego dnia (zmiana czasu)."))
        return cleaned_data

    def decision_data(self) -> dict:
        data = self.cleaned_data
        return {
            "starts_at": local_datetime(data["day"], data["start_time"]),
            "ends_at": local_datetime(data["day"], data["end_time"]),
            "place": data["place"],
        }
