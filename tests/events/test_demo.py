"""The events demo content: the project page replaces the foundation's plain page, idempotently."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page, Site

from events.models import EventPage, ProjectPage, Registration
from home.models import NavigationSettings, StandardPage


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_events_project_and_waiting_list(client):
    call_command("load_demo_content")
    counts = (Page.objects.count(), Registration.objects.count())
    call_command("load_demo_content")
    assert (Page.objects.count(), Registration.objects.count()) == counts

    project = ProjectPage.objects.get(slug="wspolnie-znaczy-lepiej")
    assert not StandardPage.objects.filter(slug__startswith="wspolnie-znaczy-lepiej").exists()
    site = Site.objects.get(is_default_site=True)
    menu = NavigationSettings.for_site(site).main_menu
    assert project.pk in [item.value["page"].pk for item in menu if item.value["page"]]

    meetings = list(project.schedule())
    assert len(meetings) == 4
    assert meetings[0].is_past and not any(meeting.is_past for meeting in meetings[1:])
    assert {meeting.place_address for meeting in meetings} == {
        "ul. 3-go Maja 36A, 43-230 Czerwionka-Leszczyny"
    }
    html = client.get(project.url).content.decode()
    assert html.count("<strong>zrealizowane</strong>") == 1

    world_cafe = EventPage.objects.get(event_type="world_cafe")
    assert world_cafe.registrations.filter(status="confirmed").count() == world_cafe.capacity
    assert world_cafe.registrations.filter(status="waiting").count() == 3

    volunteer_day = EventPage.objects.get(slug="dzien-wolontariusza")
    assert volunteer_day.event_type == "volunteer_day"
    assert timezone.localtime(volunteer_day.start).strftime("%d.%m") == "05.12"
    types = set(EventPage.objects.live().values_list("event_type", flat=True))
    assert {"integration", "world_cafe", "training", "volunteer_day", "project_meeting"} <= types
    assert EventPage.objects.filter(end__lt=timezone.now()).exists()
    assert EventPage.objects.filter(start__gt=timezone.now()).exists()
