"""The public survey form, built at run time from the survey's question blocks.

Display conditions are applied on the server: a question whose condition is not met by the
submitted answers is neither required nor stored, whatever the browser sent.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.protection import ProtectedFormMixin
from ngo_directory.models import NGOProfilePage

from .blocks import FormSectionField, MultipleChoiceQuestionBlock, QuestionBlock


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class SurveyForm(ProtectedFormMixin, forms.Form):
    """Respondent fields (by mode) followed by the survey's questions and section headings."""

    def __init__(self, survey, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = []  # (block, value, [field names])
        self.field_question = {}
        if survey.response_mode == survey.Mode.PER_ORGANISATION:
            self.fields["organisation"] = OrganisationChoiceField(
                label=_("Organizacja, w której imieniu odpowiadasz"),
                queryset=NGOProfilePage.objects.live().public().order_by("title"),
                empty_label=_("— wybierz z bazy organizacji —"),
                help_text=_(
                    "Link potwierdzający wyślemy na adres e-mail organizacji zapisany w bazie. Nowa potwierdzona "
                    "odpowiedź zastępuje poprzednią odpowiedź organizacji."
                ),
                error_messages={
                    "required": _("Wybierz organizację."),
                    "invalid_choice": _("Wybierz organizację z listy."),
                },
            )
        elif survey.response_mode == survey.Mode.PER_PERSON:
            self.fields["email"] = forms.EmailField(
                label=_("Twój adres e-mail"),
                help_text=_(
                    "Wyślemy na niego link potwierdzający. Jedna osoba ma jedną odpowiedź: nowa potwierdzona "
                    "odpowiedź zastępuje poprzednią."
                ),
                error_messages={
                    "required": _("Podaj adres e-mail."),
                    "invalid": _("Podaj poprawny adres e-mail."),
                },
            )
        labels = {}
        for index, child in enumerate(survey.questions):
            block, value = child.block, child.value
            if not isinstance(block, QuestionBlock):
                self.fields[f"section__{index + 1}"] = FormSectionField(
                    label=value["heading"], help_text=value.get("description") or ""
                )
                continue
            hint = ""
            condition = value.get("show_if_question")
            if condition:
                hint = str(
                    _("Odpowiedz, jeśli w pytaniu „%(question)s” wybrano „%(answer)s”.")
                    % {"question": labels.get(condition, condition), "answer": value.get("show_if_value")}
                )
            names = []
            for name, field in block.form_fields(value, hint):
                if condition and isinstance(field, FormSectionField):
                    field.widget.show_if, field.widget.show_if_value = (
                        condition,
                        value.get("show_if_value", ""),
                    )
                elif condition:
                    field.widget.attrs.update(
                        {"data-show-if": condition, "data-show-if-value": value.get("show_if_value", "")}
                    )
                self.fields[name] = field
                names.append(name)
                self.field_question[name] = value["key"]
            labels[value["key"]] = value["question"]
            self.questions.append((block, value, names))
        self.visible = self._visibility()
        if self.is_bound:
            for block, value, names in self.questions:
                if not self.visible[value["key"]]:
                    for name in names:
                        self.fields[name].required = False
                elif (
                    isinstance(block, MultipleChoiceQuestionBlock)
                    and value.get("allow_other")
                    and (self.data.get(block.other_name(value)) or "").strip()
                ):
                    self.fields[value["key"]].required = False

    def _visibility(self) -> dict[str, bool]:
        """Which questions apply, judged from the submitted data in question order."""
        visible = {}
        by_key = {value["key"]: (block, value) for block, value, _names in self.questions}
        for _block, value, _names in self.questions:
            condition = (value.get("show_if_question") or "").strip()
            if not condition or not self.is_bound:
                visible[value["key"]] = True
                continue
            source = by_key.get(condition)
            if source is None or not visible.get(condition):
                visible[value["key"]] = False
                continue
            source_block, source_value = source
            raw = source_block.raw_values(source_value, self.data)
            visible[value["key"]] = source_block.condition_matches(
                source_value, raw, value.get("show_if_value") or ""
            )
        return visible

    def clean(self):
        cleaned_data = super().clean()
        for block, value, names in self.questions:
            if not self.visible[value["key"]]:
                for name in names:
                    self.errors.pop(name, None)
                    cleaned_data.pop(name, None)
            elif isinstance(block, MultipleChoiceQuestionBlock):
                block.validate(value, self)
        organisation = cleaned_data.get("organisation")
        if organisation is not None and not organisation.email:
            self.add_error(
                "organisation",
                _("Ta organizacja nie ma adresu e-mail w bazie. Napisz do Centrum, uzupełnimy go."),
            )
        return cleaned_data

    def answers(self) -> dict:
        """The answers to store: visible, non-empty questions only, keyed by question key."""
        stored = {}
        for block, value, _names in self.questions:
            if not self.visible[value["key"]]:
                continue
            answer = block.answer_from(value, self.cleaned_data)
            if answer is not None:
                stored[value["key"]] = answer
        return stored


class ResultsFilterForm(forms.Form):
    """Date range of the staff results page and exports."""

    date_from = forms.DateField(
        label=_("Od dnia"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("Do dnia"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Data końcowa nie może być wcześniejsza niż początkowa."))
        return cleaned_data

    def range(self) -> tuple:
        if not self.is_valid():
            return None, None
        return self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to")
