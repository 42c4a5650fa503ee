"""Page rules, rendering, admin editing with real block names, and the Polish demo surveys."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import HomePage, StandardPage
from surveys import services
from surveys.models import SurveyIndexPage, SurveyPage, SurveyResponse

pytestmark = pytest.mark.django_db


class TestSurveyPageRules(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertCanCreateAt(HomePage, SurveyIndexPage)
        self.assertCanCreateAt(SurveyIndexPage, SurveyPage)
        self.assertCanCreateAt(StandardPage, SurveyPage)
        self.assertCanNotCreateAt(SurveyPage, SurveyPage)
        self.assertCanNotCreateAt(SurveyIndexPage, SurveyIndexPage)


def test_staff_create_a_survey_in_the_admin_with_real_blocks(staff_client, survey_index):
    data = nested_form_data(
        {
            "title": "Ankieta o sali",
            "slug": "ankieta-o-sali",
            "intro": "Krótka ankieta.",
            "description": streamfield([]),
            "questions": streamfield(
                [
                    ("section", {"heading": "Część 1", "description": "Opis"}),
                    (
                        "yes_no",
                        {
                            "key": "byl",
                            "question": "Czy byłeś w sali?",
                            "help_text": "",
                            "required": True,
                            "show_if_question": "",
                            "show_if_value": "",
                        },
                    ),
                    (
                        "scale",
                        {
                            "key": "ocena",
                            "question": "Ocena sali",
                            "help_text": "",
                            "required": True,
                            "show_if_question": "byl",
                            "show_if_value": "Tak",
                            "points": 5,
                            "min_label": "źle",
                            "max_label": "dobrze",
                            "dont_know": False,
                        },
                    ),
                ]
            ),
            "response_mode": "anonymous",
            "submit_label": "Wyślij",
            "thank_you_text": "Dziękujemy",
            "results_intro": "",
            "notify_email": "",
            "listing_summary": "",
            "search_description": "",
            "seo_title": "",
        }
    )
    response = staff_client.post(f"/admin/pages/add/surveys/surveypage/{survey_index.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    survey = SurveyPage.objects.get(slug="ankieta-o-sali")
    assert [child.block_type for child in survey.questions] == ["section", "yes_no", "scale"]
    assert survey.questions[2].value["show_if_question"] == "byl"


def test_admin_refuses_a_condition_on_a_later_question(staff_client, survey_index):
    data = nested_form_data(
        {
            "title": "Zła ankieta",
            "slug": "zla",
            "intro": "",
            "description": streamfield([]),
            "questions": streamfield(
                [
                    (
                        "short_text",
                        {
                            "key": "a",
                            "question": "A",
                            "help_text": "",
                            "required": True,
                            "show_if_question": "b",
                            "show_if_value": "Tak",
                        },
                    ),
                    (
                        "yes_no",
                        {
                            "key": "b",
                            "question": "B",
                            "help_text": "",
                            "required": True,
                            "show_if_question": "",
                            "show_if_value": "",
                        },
                    ),
                ]
            ),
            "response_mode": "anonymous",
            "submit_label": "Wyślij",
            "thank_you_text": "Dziękujemy",
        }
    )
    response = staff_client.post(f"/admin/pages/add/surveys/surveypage/{survey_index.pk}/", data)
    assert response.status_code == 200
    assert not SurveyPage.objects.filter(slug="zla").exists()


def test_results_button_on_the_survey_edit_page(staff_client, survey):
    html = staff_client.get(f"/admin/pages/{survey.pk}/edit/").content.decode()
    assert f"/admin/ankiety/{survey.pk}/wyniki/" in html


@override_settings(DEBUG=True)
def test_demo_surveys_load_twice_and_render(client):
    call_command("load_demo_content")
    counts = (SurveyPage.objects.count(), SurveyResponse.objects.count())
    call_command("load_demo_content")
    assert (SurveyPage.objects.count(), SurveyResponse.objects.count()) == counts == (2, 58)

    training = SurveyPage.objects.get(slug="rozeznanie-potrzeb-szkoleniowych")
    diagnosis = SurveyPage.objects.get(slug="diagnoza-wspolpracy-ngo-samorzad")
    assert training.is_open and training.is_anonymous
    assert diagnosis.results_are_public
    assert not SurveyResponse.objects.filter(survey=training).exclude(email="").exists()

    site = Site.objects.get(is_default_site=True)
    host = site.hostname + (f":{site.port}" if site.port != 80 else "")
    html = client.get(training.url, HTTP_HOST=host).content.decode()
    assert "Fundraising i pozyskiwanie środków" in html and "World Café" in html
    html = client.get(diagnosis.url, HTTP_HOST=host).content.decode()
    assert "Wyniki ankiety" in html and "Obszar III. Infrastruktura współpracy" in html
    assert "respondent01@example.org" not in html
    for recommendation in services.survey_results(diagnosis).questions[-1].summary["texts"]:
        assert recommendation not in html
    assert client.get(SurveyIndexPage.objects.get().url, HTTP_HOST=host).status_code == 200


def test_open_surveys_on_the_home_page(client, home_page, survey, survey_index):
    import datetime

    from django.utils import timezone

    from surveys.factories import SurveyPageFactory

    SurveyPageFactory(
        parent=survey_index,
        title="Zamknięta",
        closes_at=timezone.now() - datetime.timedelta(days=1),
        opens_at=timezone.now() - datetime.timedelta(days=9),
    )
    html = client.get(home_page.url).content.decode()
    assert "Ankiety – Twoje zdanie się liczy" in html
    assert survey.title in html and "Zamknięta" not in html


def test_admin_preview_shows_the_form(survey):
    response = survey.make_preview_request()
    response.render()
    assert response.status_code == 200
    assert 'name="nazwa"' in response.content.decode()


def test_purge_deletes_only_expired_pending_responses(survey_index):
    import datetime

    from django.utils import timezone

    from surveys.factories import SurveyPageFactory, SurveyResponseFactory

    survey = SurveyPageFactory(parent=survey_index, response_mode=SurveyPage.Mode.PER_PERSON)
    old = timezone.now() - datetime.timedelta(days=8)
    expired = SurveyResponseFactory(
        survey=survey, email="a@example.org", status="pending", confirmed_at=None, submitted_at=old
    )
    fresh = SurveyResponseFactory(survey=survey, email="b@example.org", status="pending", confirmed_at=None)
    confirmed = SurveyResponseFactory(survey=survey, email="c@example.org", submitted_at=old)
    call_command("purge_unconfirmed_survey_responses")
    assert set(SurveyResponse.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert not SurveyResponse.objects.filter(pk=expired.pk).exists()
