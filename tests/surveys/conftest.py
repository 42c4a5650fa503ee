"""Fixtures of the surveys tests: a survey list under the home page and a survey of every question type."""

import pytest

from surveys.factories import SurveyIndexPageFactory, SurveyPageFactory


@pytest.fixture
def survey_index(home_page):
    return SurveyIndexPageFactory(parent=home_page)


@pytest.fixture
def survey(survey_index):
    return SurveyPageFactory(parent=survey_index, title="Rozeznanie potrzeb", slug="rozeznanie")


@pytest.fixture
def valid_answers():
    """A complete, valid POST for the ``every_question_type`` survey."""
    return {
        "nazwa": "Stowarzyszenie Razem",
        "opis": "Prowadzimy świetlicę.",
        "forma": "World Café",
        "tematy": ["Fundraising", "__inne__"],
        "tematy__other": "RODO",
        "szkolenia": "tak",
        "jakie_szkolenia": "Księgowość dla NGO",
        "ocena": "4",
        "polityki__1": "3",
        "polityki__2": "nw",
    }
