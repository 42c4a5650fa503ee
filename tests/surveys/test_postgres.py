"""Concurrent confirmations on PostgreSQL: one confirmed response per person, never an error."""

import pytest

from surveys import services
from surveys.factories import SurveyPageFactory, SurveyResponseFactory, question
from surveys.models import SurveyPage, SurveyResponse
from tests.concurrency import all_at_once, errors


@pytest.mark.postgres
def test_two_links_of_one_person_confirmed_at_once_leave_one_response(transactional_db, survey_index):
    # No django_db mark on purpose: the mark would set up (and afterwards flush) the database before
    # the postgres rule skips the test on SQLite; fixtures come after the autouse skip.
    survey = SurveyPageFactory(
        parent=survey_index,
        questions=[question("scale", "ocena", "Ocena", points=5)],
        response_mode=SurveyPage.Mode.PER_PERSON,
    )
    pending = [
        SurveyResponseFactory(
            survey=survey,
            email="anna@example.org",
            status="pending",
            confirmed_at=None,
            answers={"ocena": value},
        )
        for value in (1, 2, 3, 4)
    ]
    tokens = [services.make_token(response) for response in pending]
    outcomes = all_at_once(lambda token: services.confirm(survey, token), tokens)
    assert errors(outcomes) == []
    assert SurveyResponse.objects.confirmed().filter(survey=survey).count() == 1
