"""Concurrent confirmations on PostgreSQL: one confirmed response per person, never an error."""

import threading

import pytest
from django.db import connection

from surveys import services
from surveys.factories import SurveyPageFactory, SurveyResponseFactory, question
from surveys.models import SurveyPage, SurveyResponse


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
    errors = []
    barrier = threading.Barrier(len(tokens))

    def confirm(token):
        try:
            barrier.wait()
            services.confirm(survey, token)
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert SurveyResponse.objects.confirmed().filter(survey=survey).count() == 1
