"""Surveys in the domain API: open surveys with their questions, and published aggregate results.

Individual responses are never exposed; results only after closing, only when staff chose to
publish them, with the same small-group suppression as the public results page.
"""

from datetime import datetime

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from home.api import ConvertedItems, CopPagination, register_router

from .blocks import QuestionBlock
from .models import SurveyPage
from .services import public_results

router = Router(tags=["Ankiety"])


class QuestionOut(Schema):
    key: str
    type: str = Field(
        ...,
        description="short_text, long_text, single_choice, multiple_choice, yes_no, scale, grid lub section",
    )
    question: str
    help_text: str = ""
    required: bool = False
    section: str = Field("", description="Nagłówek części ankiety, w której jest pytanie.")
    options: list[str] = []
    allow_other: bool = False
    max_choices: int | None = None
    rows: list[str] = []
    points: int | None = None
    min_label: str = ""
    max_label: str = ""
    dont_know: bool = False
    show_if_question: str = Field("", description="Pytanie widoczne tylko, gdy to wcześniejsze pytanie…")
    show_if_value: str = Field("", description="…ma tę odpowiedź.")


class SurveyListItem(Schema):
    id: int
    title: str
    slug: str
    url: str
    summary: str
    state: str = Field(..., description="not_yet_open, open albo closed")
    opens_at: datetime | None
    closes_at: datetime | None
    response_mode: str = Field(..., description="anonymous, per_person albo per_organisation")
    results_published: bool


class SurveyDetail(SurveyListItem):
    intro: str
    questions: list[QuestionOut]


class OptionOut(Schema):
    label: str
    count: int | None = Field(None, description="Pusta, gdy grupa jest za mała, by ją opublikować.")
    percent: int | None = None
    hidden: bool = False


class GridRowOut(Schema):
    label: str
    n: int | None
    mean: float | None = None
    hidden: bool = False
    options: list[OptionOut] = []


class QuestionResultOut(Schema):
    key: str
    question: str
    kind: str = Field(..., description="choice, multiple, scale, grid albo text (tylko liczba odpowiedzi)")
    section: str = ""
    suppressed: bool = Field(..., description="Za mało odpowiedzi, by opublikować wynik pytania.")
    n: int | None
    mean: float | None = None
    options: list[OptionOut] = []
    rows: list[GridRowOut] = []


class SurveyResultsOut(Schema):
    survey_id: int
    title: str
    total: int
    min_group: int = Field(..., description="Grupy mniejsze niż ta liczba nie są publikowane.")
    questions: list[QuestionResultOut]


def _open_now():
    now = timezone.now()
    return (Q(opens_at__isnull=True) | Q(opens_at__lte=now)) & (
        Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    )


def _survey_item(survey: SurveyPage, request) -> dict:
    return {
        "id": survey.pk,
        "title": survey.title,
        "slug": survey.slug,
        "url": survey.get_full_url(request),
        "summary": survey.get_summary(),
        "state": survey.state.value,
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "response_mode": survey.response_mode,
        "results_published": survey.results_are_public,
    }


def _questions(survey: SurveyPage) -> list[dict]:
    questions, section = [], ""
    for child in survey.questions:
        value = child.value
        if not isinstance(child.block, QuestionBlock):
            section = value["heading"]
            continue
        item = {
            "type": child.block_type,
            "section": section,
            "key": value["key"],
            "question": value["question"],
            "help_text": value.get("help_text") or "",
            "required": bool(value.get("required")),
            "show_if_question": value.get("show_if_question") or "",
            "show_if_value": value.get("show_if_value") or "",
        }
        for name in ("options", "rows"):
            if name in value:
                item[name] = list(value[name])
        for name in ("allow_other", "dont_know"):
            item[name] = bool(value.get(name))
        for name in ("max_choices", "points"):
            item[name] = value.get(name)
        for name in ("min_label", "max_label"):
            item[name] = value.get(name) or ""
        questions.append(item)
    return questions


def _public_surveys():
    return SurveyPage.objects.live().public()


@router.get("/surveys/", response=list[SurveyListItem], summary="Otwarte ankiety")
@paginate(CopPagination)
def list_surveys(request):
    surveys = _public_surveys().filter(_open_now()).order_by("closes_at", "pk")
    return ConvertedItems(surveys, lambda survey: _survey_item(survey, request))


@router.get(
    "/surveys/results/", response=list[SurveyListItem], summary="Zakończone ankiety z opublikowanymi wynikami"
)
@paginate(CopPagination)
def list_published_results(request):
    surveys = (
        _public_surveys()
        .filter(publish_results=True, closes_at__lte=timezone.now())
        .order_by("-closes_at", "pk")
    )
    return ConvertedItems(surveys, lambda survey: _survey_item(survey, request))


@router.get("/surveys/{int:survey_id}/", response=SurveyDetail, summary="Jedna ankieta z pytaniami")
def get_survey(request, survey_id: int):
    survey = get_object_or_404(_public_surveys(), pk=survey_id)
    return {**_survey_item(survey, request), "intro": survey.intro, "questions": _questions(survey)}


@router.get(
    "/surveys/{int:survey_id}/results/",
    response=SurveyResultsOut,
    summary="Zbiorcze wyniki zamkniętej ankiety (bez pojedynczych odpowiedzi)",
)
def get_results(request, survey_id: int):
    survey = get_object_or_404(_public_surveys(), pk=survey_id)
    if not survey.results_are_public:
        raise HttpError(404, "Wyniki tej ankiety nie są opublikowane.")
    results = public_results(survey)
    questions = []
    for result in results.questions:
        summary = result.summary
        questions.append(
            {
                "key": result.key,
                "question": result.question,
                "kind": result.kind,
                "section": result.section,
                "suppressed": result.suppressed,
                "n": summary.get("n"),
                "mean": summary.get("mean"),
                "options": summary.get("options", []),
                "rows": summary.get("rows", []),
            }
        )
    return {
        "survey_id": survey.pk,
        "title": survey.title,
        "total": results.total,
        "min_group": results.min_group,
        "questions": questions,
    }


register_router("/", router)
