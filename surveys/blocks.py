"""Survey questions as StreamField blocks.

Each question block knows how to become form fields, how to turn cleaned data into the stored
answer, how to summarise a list of stored answers and how to lay its answer out in an export. The
survey page, the form, the results and the exports only iterate the stream and ask the block.

Every question has a stable ``key`` written by staff (answers are stored under it), so editing the
wording of a question keeps the answers already collected. Options are stored by their text.
"""

import re
import statistics

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# No double underscore: form fields derived from a key use "__" (grid rows, "other", sections).
KEY_RE = re.compile(r"^[a-z](?:_?[a-z0-9]){0,39}$")
OTHER_VALUE = "__inne__"
DONT_KNOW_VALUE = "nw"
DONT_KNOW_LABEL = "Nie wiem / trudno powiedzieć"
YES_NO_CHOICES = [("tak", "Tak"), ("nie", "Nie")]
PREVIEW_TEMPLATE = "surveys/blocks/question_preview.html"


class FormSectionWidget(forms.Widget):
    """A heading inside a form: rendered by ``includes/form_field.html`` as a heading, never as an input."""

    def __init__(self, level: int = 2):
        super().__init__()
        self.heading_level = level
        # Display condition (question key, answer) for the page script, like data-show-if on inputs.
        self.show_if = ""
        self.show_if_value = ""

    def render(self, name, value, attrs=None, renderer=None):
        return ""

    def value_from_datadict(self, data, files, name):
        return None

    def value_omitted_from_data(self, data, files, name):
        return True


class FormSectionField(forms.Field):
    """A field that carries only a heading and a description; it never has a value or an error."""

    def __init__(self, *, label, help_text="", level=2):
        super().__init__(label=label, help_text=help_text, required=False, widget=FormSectionWidget(level))

    def clean(self, value):
        return None


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def option_rows(labels_counts, whole: int) -> list[dict]:
    return [
        {"label": label, "count": count, "percent": percent(count, whole)} for label, count in labels_counts
    ]


def scale_choices(value) -> list[tuple[str, str]]:
    """``[("1", "1 – bardzo źle"), ("2", "2"), …]`` with the labelled ends."""
    top = value["points"]
    choices = []
    for point in range(1, top + 1):
        label = str(point)
        if point == 1 and value.get("min_label"):
            label = f"{point} – {value['min_label']}"
        elif point == top and value.get("max_label"):
            label = f"{point} – {value['max_label']}"
        choices.append((str(point), label))
    if value.get("dont_know"):
        choices.append((DONT_KNOW_VALUE, DONT_KNOW_LABEL))
    return choices


def scale_summary(value, answers: list) -> dict:
    """Counts per point, the mean of the numeric answers and the "don't know" count."""
    choices = scale_choices(value)
    counts = {key: 0 for key, _label in choices}
    numbers = []
    for answer in answers:
        key = str(answer)
        if key in counts:
            counts[key] += 1
            if key != DONT_KNOW_VALUE:
                numbers.append(int(key))
    n = sum(counts.values())
    return {
        "n": n,
        "options": option_rows([(label, counts[key]) for key, label in choices], n),
        "mean": round(statistics.fmean(numbers), 2) if numbers else None,
        "exclusive": True,
    }


def stored_scale(raw: str):
    return DONT_KNOW_VALUE if raw == DONT_KNOW_VALUE else int(raw)


class QuestionBlock(blocks.StructBlock):
    """What every question has: a key, the wording, a hint, required or not, and a display condition."""

    key = blocks.RegexBlock(
        regex=KEY_RE.pattern,
        label=_("Identyfikator"),
        help_text=_(
            "Krótka, stała nazwa pytania (małe litery bez polskich znaków, cyfry, podkreślenia), "
            "np. „tematy”. Pod nią zapisujemy odpowiedzi – nie zmieniaj jej po otwarciu ankiety."
        ),
        error_messages={
            "invalid": _(
                "Tylko małe litery a–z, cyfry i pojedyncze podkreślenia; zacznij od litery (do 40 znaków)."
            )
        },
    )
    question = blocks.CharBlock(label=_("Pytanie"), max_length=300)
    help_text = blocks.CharBlock(
        label=_("Podpowiedź"), required=False, max_length=300, help_text=_("Wyjaśnienie pod pytaniem.")
    )
    required = blocks.BooleanBlock(
        label=_("Odpowiedź wymagana"),
        required=False,
        default=True,
        help_text=_("Odznacz, aby pytanie było opcjonalne."),
    )
    show_if_question = blocks.CharBlock(
        label=_("Pokaż tylko, gdy pytanie…"),
        required=False,
        max_length=40,
        help_text=_(
            "Identyfikator wcześniejszego pytania (jednokrotnego lub wielokrotnego wyboru, tak/nie, skali). "
            "Puste = pytanie widoczne zawsze."
        ),
    )
    show_if_value = blocks.CharBlock(
        label=_("…ma odpowiedź"),
        required=False,
        max_length=200,
        help_text=_("Dokładna treść odpowiedzi, np. „Tak” albo treść jednej z opcji."),
    )

    answer_kind = "text"

    class Meta:
        icon = "help"
        template = PREVIEW_TEMPLATE

    # Form -------------------------------------------------------------------------------------

    def form_fields(self, value, condition_hint: str = "") -> list[tuple[str, forms.Field]]:
        raise NotImplementedError

    def field_kwargs(self, value, condition_hint: str = "") -> dict:
        hint = value.get("help_text") or ""
        if condition_hint:
            hint = f"{hint} {condition_hint}".strip()
        return {"label": value["question"], "help_text": hint, "required": bool(value.get("required"))}

    def field_names(self, value) -> list[str]:
        return [name for name, _field in self.form_fields(value)]

    def answer_from(self, value, cleaned_data: dict):
        """The stored answer (JSON), or ``None`` when the question was left empty."""
        answer = cleaned_data.get(value["key"])
        return answer or None

    def raw_values(self, value, data) -> list[str]:
        """What the visitor chose, as submitted (used by display conditions before validation)."""
        if hasattr(data, "getlist"):
            return data.getlist(value["key"])
        raw = data.get(value["key"])
        return raw if isinstance(raw, list) else [raw] if raw else []

    def condition_values(self, value) -> list[str]:
        """The answers a later question may depend on (empty: this question cannot be a condition)."""
        return []

    def condition_matches(self, value, raw: list[str], expected: str) -> bool:
        expected = expected.strip().casefold()
        labels = dict(self.condition_choices(value))
        for item in raw:
            if item.casefold() == expected or str(labels.get(item, "")).casefold() == expected:
                return True
        return False

    def condition_choices(self, value) -> list[tuple[str, str]]:
        return []

    # Results and exports -----------------------------------------------------------------------

    def summarise(self, value, answers: list) -> dict:
        texts = [str(answer) for answer in answers if answer]
        return {"n": len(texts), "texts": texts}

    def export_headers(self, value) -> list[str]:
        return [value["question"]]

    def export_cells(self, value, answer) -> list:
        return ["" if answer is None else answer]


class ShortTextQuestionBlock(QuestionBlock):
    """One line of text."""

    class Meta:
        icon = "edit"
        label = _("Krótka odpowiedź tekstowa")
        template = PREVIEW_TEMPLATE
        preview_value = {"key": "nazwa", "question": "Nazwa Twojej organizacji", "required": True}

    def form_fields(self, value, condition_hint=""):
        return [(value["key"], forms.CharField(max_length=300, **self.field_kwargs(value, condition_hint)))]

    def answer_from(self, value, cleaned_data):
        return (cleaned_data.get(value["key"]) or "").strip() or None


class LongTextQuestionBlock(ShortTextQuestionBlock):
    """Several lines of text."""

    class Meta:
        icon = "pilcrow"
        label = _("Długa odpowiedź tekstowa")
        template = PREVIEW_TEMPLATE
        preview_value = {"key": "rekomendacje", "question": "Twoje rekomendacje", "required": False}

    def form_fields(self, value, condition_hint=""):
        field = forms.CharField(
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 5}),
            **self.field_kwargs(value, condition_hint),
        )
        return [(value["key"], field)]


class SingleChoiceQuestionBlock(QuestionBlock):
    """One option out of a list (radio buttons)."""

    options = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label=_("Opcja")), label=_("Opcje odpowiedzi"), min_num=2
    )

    answer_kind = "choice"

    class Meta:
        icon = "radio-full"
        label = _("Jednokrotny wybór")
        template = PREVIEW_TEMPLATE
        preview_value = {
            "key": "forma",
            "question": "Jaka forma szkolenia odpowiada Ci najbardziej?",
            "options": ["Warsztaty", "Wykład", "World Café"],
            "required": True,
        }

    def condition_choices(self, value):
        return [(option, option) for option in value["options"]]

    def condition_values(self, value):
        return list(value["options"])

    def form_fields(self, value, condition_hint=""):
        field = forms.ChoiceField(
            choices=self.condition_choices(value),
            widget=forms.RadioSelect,
            **self.field_kwargs(value, condition_hint),
        )
        return [(value["key"], field)]

    def summarise(self, value, answers):
        counts = dict.fromkeys(value["options"], 0)
        for answer in answers:
            if answer in counts:
                counts[answer] += 1
        n = sum(counts.values())
        return {"n": n, "options": option_rows(counts.items(), n), "exclusive": True}


class YesNoQuestionBlock(QuestionBlock):
    """Tak / Nie."""

    answer_kind = "choice"

    class Meta:
        icon = "tick"
        label = _("Tak / nie")
        template = PREVIEW_TEMPLATE
        preview_value = {
            "key": "czy_szkolenia",
            "question": "Czy Twoja organizacja korzystała ze szkoleń?",
            "required": True,
        }

    def condition_choices(self, value):
        return YES_NO_CHOICES

    def condition_values(self, value):
        return [label for _key, label in YES_NO_CHOICES]

    def form_fields(self, value, condition_hint=""):
        field = forms.ChoiceField(
            choices=YES_NO_CHOICES, widget=forms.RadioSelect, **self.field_kwargs(value, condition_hint)
        )
        return [(value["key"], field)]

    def summarise(self, value, answers):
        counts = {key: 0 for key, _label in YES_NO_CHOICES}
        for answer in answers:
            if answer in counts:
                counts[answer] += 1
        n = sum(counts.values())
        return {
            "n": n,
            "options": option_rows([(label, counts[key]) for key, label in YES_NO_CHOICES], n),
            "exclusive": True,
        }

    def export_cells(self, value, answer):
        return [dict(YES_NO_CHOICES).get(answer, "")]


class MultipleChoiceQuestionBlock(QuestionBlock):
    """Any number of options (check boxes), optionally with "Inne" and a text box."""

    options = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label=_("Opcja")), label=_("Opcje odpowiedzi"), min_num=2
    )
    allow_other = blocks.BooleanBlock(
        label=_("Dodaj opcję „Inne (jakie?)”"), required=False, help_text=_("Z polem na własną odpowiedź.")
    )
    max_choices = blocks.IntegerBlock(
        label=_("Najwięcej odpowiedzi"), required=False, min_value=1, help_text=_("Puste = bez limitu.")
    )

    answer_kind = "multiple"

    class Meta:
        icon = "list-ul"
        label = _("Wielokrotny wybór")
        template = PREVIEW_TEMPLATE
        preview_value = {
            "key": "tematy",
            "question": "Jakie tematy szkoleń są dla Was ważne?",
            "options": ["Fundraising", "Księgowość", "Promocja"],
            "allow_other": True,
            "required": True,
        }

    def other_name(self, value) -> str:
        return f"{value['key']}__other"

    def condition_choices(self, value):
        choices = [(option, option) for option in value["options"]]
        if value.get("allow_other"):
            choices.append((OTHER_VALUE, _("Inne (jakie?)")))
        return choices

    def condition_values(self, value):
        return list(value["options"])

    def form_fields(self, value, condition_hint=""):
        kwargs = self.field_kwargs(value, condition_hint)
        if value.get("max_choices"):
            kwargs["help_text"] = f"{kwargs['help_text']} Wybierz najwyżej {value['max_choices']}.".strip()
        fields = [
            (
                value["key"],
                forms.MultipleChoiceField(
                    choices=self.condition_choices(value), widget=forms.CheckboxSelectMultiple, **kwargs
                ),
            )
        ]
        if value.get("allow_other"):
            other = forms.CharField(
                label=_("Inne – jakie?"),
                required=False,
                max_length=300,
                help_text=_("Wpisz, jeśli zaznaczono „Inne”."),
            )
            fields.append((self.other_name(value), other))
        return fields

    def validate(self, value, form) -> None:
        """Checks across the check boxes and the "other" box (called by the form's ``clean``)."""
        key = value["key"]
        selected = form.cleaned_data.get(key) or []
        other = (form.cleaned_data.get(self.other_name(value)) or "").strip()
        if value.get("allow_other"):
            if other and OTHER_VALUE not in selected:
                selected = [*selected, OTHER_VALUE]
                form.cleaned_data[key] = selected
            if OTHER_VALUE in selected and not other:
                form.add_error(self.other_name(value), _("Wpisz, co oznacza Twoja odpowiedź „Inne”."))
        limit = value.get("max_choices")
        if limit and len(selected) > limit:
            form.add_error(key, _("Wybierz najwyżej %(limit)s odpowiedzi.") % {"limit": limit})

    def answer_from(self, value, cleaned_data):
        selected = list(cleaned_data.get(value["key"]) or [])
        if not selected:
            return None
        answer = {"selected": [item for item in selected if item != OTHER_VALUE]}
        if OTHER_VALUE in selected:
            answer["other"] = (cleaned_data.get(self.other_name(value)) or "").strip()
        return answer

    def summarise(self, value, answers):
        counts = dict.fromkeys(value["options"], 0)
        other_count = 0
        other_texts = []
        n = 0
        for answer in answers:
            if not isinstance(answer, dict):
                continue
            n += 1
            for item in answer.get("selected", []):
                if item in counts:
                    counts[item] += 1
            if "other" in answer:
                other_count += 1
                if answer["other"]:
                    other_texts.append(answer["other"])
        rows = list(counts.items())
        if value.get("allow_other"):
            rows.append((str(_("Inne")), other_count))
        return {"n": n, "options": option_rows(rows, n), "texts": other_texts, "exclusive": False}

    def export_headers(self, value):
        headers = [value["question"]]
        if value.get("allow_other"):
            headers.append(f"{value['question']} – inne")
        return headers

    def export_cells(self, value, answer):
        answer = answer if isinstance(answer, dict) else {}
        cells = ["; ".join(answer.get("selected", []))]
        if value.get("allow_other"):
            cells.append(answer.get("other", ""))
        return cells


class ScaleQuestionBlock(QuestionBlock):
    """A scale from 1 to N with labelled ends, e.g. 1 – bardzo źle … 5 – bardzo dobrze."""

    points = blocks.IntegerBlock(label=_("Liczba punktów skali"), default=5, min_value=2, max_value=10)
    min_label = blocks.CharBlock(label=_("Opis najniższej wartości"), required=False, max_length=60)
    max_label = blocks.CharBlock(label=_("Opis najwyższej wartości"), required=False, max_length=60)
    dont_know = blocks.BooleanBlock(label=_("Dodaj odpowiedź „Nie wiem / trudno powiedzieć”"), required=False)

    answer_kind = "scale"

    class Meta:
        icon = "order"
        label = _("Skala")
        template = PREVIEW_TEMPLATE
        preview_value = {
            "key": "ocena",
            "question": "Jak oceniasz współpracę z gminą?",
            "points": 5,
            "min_label": "bardzo źle",
            "max_label": "bardzo dobrze",
            "required": True,
        }

    def condition_choices(self, value):
        return scale_choices(value)

    def condition_values(self, value):
        return [key for key, _label in scale_choices(value)]

    def form_fields(self, value, condition_hint=""):
        field = forms.ChoiceField(
            choices=scale_choices(value),
            widget=forms.RadioSelect(attrs={"class": "scale"}),
            **self.field_kwargs(value, condition_hint),
        )
        return [(value["key"], field)]

    def answer_from(self, value, cleaned_data):
        raw = cleaned_data.get(value["key"])
        return stored_scale(raw) if raw else None

    def summarise(self, value, answers):
        return scale_summary(value, answers)

    def export_cells(self, value, answer):
        return [DONT_KNOW_LABEL if answer == DONT_KNOW_VALUE else ("" if answer is None else answer)]


class GridQuestionBlock(QuestionBlock):
    """Several statements rated on one scale (a table of radio groups, one fieldset per row)."""

    rows = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label=_("Wiersz")),
        label=_("Wiersze (oceniane stwierdzenia)"),
        min_num=1,
    )
    points = blocks.IntegerBlock(label=_("Liczba punktów skali"), default=5, min_value=2, max_value=10)
    min_label = blocks.CharBlock(label=_("Opis najniższej wartości"), required=False, max_length=60)
    max_label = blocks.CharBlock(label=_("Opis najwyższej wartości"), required=False, max_length=60)
    dont_know = blocks.BooleanBlock(label=_("Dodaj odpowiedź „Nie wiem / trudno powiedzieć”"), required=False)

    answer_kind = "grid"

    class Meta:
        icon = "table"
        label = _("Siatka (wiersze × skala)")
        template = PREVIEW_TEMPLATE
        preview_value = {
            "key": "polityki",
            "question": "Tworzenie polityk publicznych",
            "rows": ["Konsultacje są ogłaszane z wyprzedzeniem", "Uwagi organizacji są brane pod uwagę"],
            "points": 5,
            "min_label": "zdecydowanie nie",
            "max_label": "zdecydowanie tak",
            "required": True,
        }

    def row_name(self, value, index: int) -> str:
        return f"{value['key']}__{index + 1}"

    def form_fields(self, value, condition_hint=""):
        kwargs = self.field_kwargs(value, condition_hint)
        intro = FormSectionField(label=value["question"], help_text=kwargs["help_text"], level=3)
        fields = [(f"{value['key']}__intro", intro)]
        for index, row in enumerate(value["rows"]):
            fields.append(
                (
                    self.row_name(value, index),
                    forms.ChoiceField(
                        label=row,
                        choices=scale_choices(value),
                        required=kwargs["required"],
                        widget=forms.RadioSelect(attrs={"class": "scale"}),
                    ),
                )
            )
        return fields

    def answer_from(self, value, cleaned_data):
        answer = {}
        for index, row in enumerate(value["rows"]):
            raw = cleaned_data.get(self.row_name(value, index))
            if raw:
                answer[row] = stored_scale(raw)
        return answer or None

    def summarise(self, value, answers):
        per_row = {row: [] for row in value["rows"]}
        n = 0
        for answer in answers:  # one pass over the answers, whatever the number of rows
            if not isinstance(answer, dict):
                continue
            n += 1
            for row, point in answer.items():
                if row in per_row:
                    per_row[row].append(point)
        rows = [{"label": row, **scale_summary(value, points)} for row, points in per_row.items()]
        return {"n": n, "rows": rows}

    def export_headers(self, value):
        return [f"{value['question']}: {row}" for row in value["rows"]]

    def export_cells(self, value, answer):
        answer = answer if isinstance(answer, dict) else {}
        cells = []
        for row in value["rows"]:
            cell = answer.get(row, "")
            cells.append(DONT_KNOW_LABEL if cell == DONT_KNOW_VALUE else cell)
        return cells


class SectionBlock(blocks.StructBlock):
    """A heading with a description that starts a part of the survey (no answer)."""

    heading = blocks.CharBlock(label=_("Nagłówek części"), max_length=200)
    description = blocks.TextBlock(label=_("Opis"), required=False, max_length=1000)

    class Meta:
        icon = "title"
        label = _("Nagłówek części ankiety")
        template = "surveys/blocks/section_preview.html"
        preview_value = {
            "heading": "Część 1. O organizacji",
            "description": "Kilka pytań o Waszą organizację.",
        }


class SurveyQuestionsBlock(blocks.StreamBlock):
    """The questions of a survey, in order."""

    section = SectionBlock()
    short_text = ShortTextQuestionBlock()
    long_text = LongTextQuestionBlock()
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    yes_no = YesNoQuestionBlock()
    scale = ScaleQuestionBlock()
    grid = GridQuestionBlock()

    class Meta:
        block_counts = {}

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        seen = {}
        for index, child in enumerate(value):
            if not isinstance(child.block, QuestionBlock):
                continue
            key = child.value["key"]
            if key in seen:
                errors[index] = blocks.StructBlockValidationError(
                    block_errors={"key": ValidationError(_("Ten identyfikator ma już inne pytanie."))}
                )
                continue
            condition = (child.value.get("show_if_question") or "").strip()
            expected = (child.value.get("show_if_value") or "").strip()
            if condition or expected:
                source = seen.get(condition)
                if source is None:
                    errors[index] = blocks.StructBlockValidationError(
                        block_errors={
                            "show_if_question": ValidationError(
                                _("Podaj identyfikator pytania, które jest wcześniej w ankiecie.")
                            )
                        }
                    )
                elif not source.block.condition_values(source.value):
                    errors[index] = blocks.StructBlockValidationError(
                        block_errors={
                            "show_if_question": ValidationError(
                                _(
                                    "Warunek może dotyczyć tylko pytania z wyborem odpowiedzi, tak/nie albo skali."
                                )
                            )
                        }
                    )
                elif not any(
                    option.casefold() == expected.casefold()
                    for option in source.block.condition_values(source.value)
                ):
                    errors[index] = blocks.StructBlockValidationError(
                        block_errors={
                            "show_if_value": ValidationError(
                                _("Wpisz jedną z odpowiedzi tamtego pytania: %(options)s.")
                                % {"options": ", ".join(source.block.condition_values(source.value))}
                            )
                        }
                    )
            seen[key] = child
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value


# Raw StreamField values, for demo content and tests.


def question(block_type: str, key: str, text: str, required: bool = True, **extra) -> dict:
    """A raw question block for ``SurveyPage.questions`` (real block names only)."""
    return {"type": block_type, "value": {"key": key, "question": text, "required": required, **extra}}


def section(heading: str, description: str = "") -> dict:
    return {"type": "section", "value": {"heading": heading, "description": description}}
