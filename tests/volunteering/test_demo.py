"""Volunteering demo content: idempotent, every page type renders, coordinators own their clubs."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, Revision, Site

from home.editors import subtrees_of
from volunteering.models import Volunteer, VolunteerClubPage, VolunteerOfferPage


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_loads_twice_and_renders(client):
    call_command("load_demo_content")
    counts = (Page.objects.count(), Revision.objects.count(), Volunteer.objects.count())
    call_command("load_demo_content")
    assert (Page.objects.count(), Revision.objects.count(), Volunteer.objects.count()) == counts
    assert VolunteerClubPage.objects.live().count() >= 4
    assert VolunteerOfferPage.objects.live().count() >= 5
    assert set(Volunteer.objects.values_list("status", flat=True)) >= {"active", "pending", "withdrawn"}
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(username="kolo-sp1")
    assert [s.page.specific.slug for s in subtrees_of(coordinator)] == ["kolo-sp1-czerwionka"]
    site = Site.objects.get(is_default_site=True)
    host = site.hostname + (f":{site.port}" if site.port != 80 else "")
    # The Centre links to the Volunteer Day: the event with its programme, in the calendar.
    from volunteering.models import VolunteerCentrePage

    centre = VolunteerCentrePage.objects.live().get()
    day = centre.volunteer_day_page.specific
    assert day._meta.label == "events.EventPage" and day.event_type == "volunteer_day"
    assert "Program" in str(day.description)
    centre_html = client.get(centre.url, HTTP_HOST=host).content.decode()
    assert f'href="{day.url}"' in centre_html
    for model in (
        "volunteercentrepage",
        "volunteerclubindexpage",
        "volunteerclubpage",
        "volunteerclubnewspage",
        "volunteerofferindexpage",
        "volunteerofferpage",
    ):
        page = (
            Page.objects.filter(content_type__app_label="volunteering", content_type__model=model)
            .live()
            .first()
        )
        assert page is not None, model
        response = client.get(page.url, HTTP_HOST=host)
        assert response.status_code == 200, page.url
        assert "Kowalczyk" not in response.content.decode()
