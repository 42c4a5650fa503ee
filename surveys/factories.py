"""Factories for the surveys, used by the tests, the demo content and the bench script."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .blocks import question, section  # noqa: F401 (re-exported for tests)
from .models import SurveyIndexPage, SurveyPage, SurveyResponse


def every_question_type() -> list[dict]:
    """One question of each type, a section heading and a conditional question."""
    return [
        section("Część 1. O organizacji", "Kilka pytań o Waszą organizację."),
        question("short_text", "nazwa", "Nazwa organizacji"),
        question("long_text", "opis", "Opisz Waszą działalność", required=False),
        question(
            "single_choice",
            "forma",
            "Preferowana forma szkolenia",
            options=["Warsztaty", "Wykład", "World Café"],
        ),
        question(
            "multiple_choice",
            "tematy",
            "Tematy szkoleń",
            options=["Fundraising", "Księgowość", "Promocja"],
            allow_other=True,
            max_choices=2,
        ),
        question("yes_no", "szkolenia", "Czy korzystaliście ze szkoleń?"),
        question(
            "long_text",
            "jakie_szkolenia",
            "Z jakich szkoleń korzystaliście?",
            show_if_question="szkolenia",
            show_if_value="Tak",
        ),
        question(
            "scale", "ocena", "Ocena współpracy", points=5, min_label="bardzo źle", max_label="bardzo dobrze"
        ),
        question(
            "grid",
            "polityki",
            "Tworzenie polityk publicznych",
            rows=["Konsultacje są ogłaszane z wyprzedzeniem", "Uwagi organizacji są brane pod uwagę"],
            points=4,
            min_label="zdecydowanie nie",
            max_label="zdecydowanie tak",
            dont_know=True,
        ),
    ]


class SurveyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Ankiety"
    slug = "ankiety"
    intro = "Ankiety Centrum Organizacji Pozarządowych."

    class Meta:
        model = SurveyIndexPage


class SurveyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ankieta {n}")
    intro = "Krótka ankieta dla organizacji."
    questions = factory.LazyFunction(every_question_type)
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    response_mode = SurveyPage.Mode.ANONYMOUS

    class Meta:
        model = SurveyPage


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    survey = factory.SubFactory(SurveyPageFactory)
    status = SurveyResponse.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    answers = factory.LazyFunction(dict)

    class Meta:
        model = SurveyResponse
