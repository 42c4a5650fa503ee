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


@pytest.fixture
def make_ngo(home_page):
    """Create a published NGO profile (the directory page is made once)."""
    from ngo_directory.models import NGODirectoryPage, NGOProfilePage

    def make(title, email="biuro@example.org"):
        directory = NGODirectoryPage.objects.first()
        if directory is None:
            directory = NGODirectoryPage(title="Baza organizacji", slug="organizacje")
            home_page.add_child(instance=directory)
        profile = NGOProfilePage(
            title=title,
            # An ordinary association (stowarzyszenie zwykłe) has no KRS number to invent here.
            legal_form="stowarzyszenie_zwykle",
            district=NGOProfilePage._meta.get_field("district").choices[0][0],
            email=email,
        )
        directory.add_child(instance=profile)
        return profile

    return make


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """POST like a browser and run what waits for the commit (e-mails), as after a real request."""

    def post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return post
