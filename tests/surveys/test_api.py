"""Surveys in the domain API: open surveys, published aggregates only, never a response; query pins."""

import datetime
import json

import pytest
from django.utils import timezone

from surveys.factories import SurveyPageFactory, SurveyResponseFactory, question
from surveys.models import SurveyPage

pytestmark = pytest.mark.django_db

API = "/api/cop/v1"


def make_surveys(parent, count, **kwargs):
    return [SurveyPageFactory(parent=parent, **kwargs) for _ in range(count)]


@pytest.fixture
def closed_published(survey_index):
    survey = SurveyPageFactory(
        parent=survey_index,
        title="Diagnoza współpracy",
        questions=[
            question("yes_no", "wspolpraca", "Czy współpracujecie z gminą?"),
            question("long_text", "rekomendacje", "Rekomendacje", required=False),
        ],
        opens_at=timezone.now() - datetime.timedelta(days=20),
        closes_at=timezone.now() - datetime.timedelta(days=2),
        response_mode=SurveyPage.Mode.PER_PERSON,
        publish_results=True,
    )
    for index in range(8):
        SurveyResponseFactory(
            survey=survey,
            email=f"osoba{index}@example.org",
            answers={
                "wspolpraca": "tak" if index < 6 else "nie",
                "rekomendacje": f"Poufna rekomendacja {index}",
            },
        )
    return survey


def test_list_shows_only_open_live_surveys(client, survey_index, survey, closed_published):
    SurveyPageFactory(
        parent=survey_index, title="Przyszła", opens_at=timezone.now() + datetime.timedelta(days=5)
    )
    draft = SurveyPageFactory(parent=survey_index, title="Szkic")
    draft.unpublish()
    data = client.get(f"{API}/surveys/").json()
    assert [item["title"] for item in data["items"]] == [survey.title]
    assert data["items"][0]["state"] == "open"
    assert data["items"][0]["response_mode"] == "anonymous"


def test_detail_has_the_questions_schema(client, survey):
    data = client.get(f"{API}/surveys/{survey.pk}/").json()
    by_key = {item["key"]: item for item in data["questions"]}
    assert by_key["forma"]["type"] == "single_choice"
    assert by_key["forma"]["options"] == ["Warsztaty", "Wykład", "World Café"]
    assert by_key["forma"]["section"] == "Część 1. O organizacji"
    assert by_key["tematy"]["allow_other"] is True and by_key["tematy"]["max_choices"] == 2
    assert by_key["polityki"]["rows"] == [
        "Konsultacje są ogłaszane z wyprzedzeniem",
        "Uwagi organizacji są brane pod uwagę",
    ]
    assert by_key["polityki"]["points"] == 4 and by_key["polityki"]["dont_know"] is True
    assert by_key["jakie_szkolenia"]["show_if_question"] == "szkolenia"


def test_results_only_for_closed_published_surveys(client, survey, closed_published):
    assert client.get(f"{API}/surveys/{survey.pk}/results/").status_code == 404
    response = client.get(f"{API}/surveys/{closed_published.pk}/results/")
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 8 and data["min_group"] == 5
    yes_no, text = data["questions"]
    # Tak 6 shown; Nie 2 below 5 hidden, and Tak stays (it cannot reveal Nie: 8 - 6 = 2 … so it is hidden too).
    assert [(o["label"], o["count"]) for o in yes_no["options"]] == [("Tak", None), ("Nie", None)]
    assert text == {**text, "kind": "text", "n": 8, "options": [], "suppressed": False}
    body = response.content.decode()
    assert "Poufna rekomendacja" not in body and "example.org" not in body
    listing = client.get(f"{API}/surveys/results/").json()
    assert [item["id"] for item in listing["items"]] == [closed_published.pk]


def test_results_of_unpublished_survey_are_404(client, closed_published):
    SurveyPage.objects.filter(pk=closed_published.pk).update(publish_results=False)
    assert client.get(f"{API}/surveys/{closed_published.pk}/results/").status_code == 404


def test_no_endpoint_exposes_responses(client, closed_published):
    schema = client.get(f"{API}/openapi.json").json()
    survey_paths = [path for path in schema["paths"] if "/surveys" in path]
    assert survey_paths
    assert not any("response" in path or "odpowiedz" in path for path in survey_paths)
    assert "email" not in json.dumps({path: schema["paths"][path] for path in survey_paths})


@pytest.mark.parametrize("count", [1, 25])
def test_list_query_budget(client, survey_index, count, django_assert_max_num_queries):
    make_surveys(survey_index, count)
    client.get(f"{API}/surveys/")
    with django_assert_max_num_queries(4):
        data = client.get(f"{API}/surveys/?limit=100").json()
    assert data["count"] == count


@pytest.mark.parametrize("responses", [8, 200])
def test_results_query_budget(client, closed_published, responses, django_assert_max_num_queries):
    for index in range(responses - 8):
        SurveyResponseFactory(
            survey=closed_published, email=f"extra{index}@example.org", answers={"wspolpraca": "nie"}
        )
    client.get(f"{API}/surveys/{closed_published.pk}/results/")
    with django_assert_max_num_queries(3):
        data = client.get(f"{API}/surveys/{closed_published.pk}/results/").json()
    assert data["total"] == responses
