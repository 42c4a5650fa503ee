"""Event, calendar and project pages: page rules, listings, month view, filters, home section, query budgets."""

import datetime

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from events.factories import EventPageFactory, ProjectPageFactory, in_days
from events.models import EventIndexPage, EventPage, ProjectPage
from home.models import HomePage, StandardPage
from ngo_directory.models import NGOProfilePage


@pytest.mark.django_db
class TestPageRules(WagtailPageTestCase):
    def test_where_pages_live(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage, ProjectPage, NGOProfilePage})
        self.assertAllowedSubpageTypes(EventPage, {})
        self.assertAllowedSubpageTypes(ProjectPage, {EventPage})
        self.assertAllowedParentPageTypes(ProjectPage, {HomePage, StandardPage, EventIndexPage})
        assert EventIndexPage.max_count == 1


@pytest.mark.django_db
def test_end_must_follow_start(calendar):
    from django.core.exceptions import ValidationError

    event = EventPageFactory.build(start=in_days(3), end=in_days(3) - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "Koniec musi być później niż początek." in str(error.value)
    paid = EventPageFactory.build(is_free=False, price_info="")
    with pytest.raises(ValidationError):
        paid.clean()


@pytest.mark.django_db
def test_event_page_shows_the_facts(client, event):
    html = client.get(event.url).content.decode()
    assert "Sala konferencyjna COP" in html and "ul. 3-go Maja 19" in html
    assert "Centrum Organizacji Pozarządowych" in html  # organiser: COP
    assert "bezpłatny" in html
    assert 'href="/wydarzenia/spotkanie-integracyjne-organizacji/ical/"' in html
    assert '"@type": "Event"' in html


@pytest.mark.django_db
def test_event_under_an_ngo_profile_belongs_to_that_ngo(client, ngo):
    event = EventPageFactory(parent=ngo, title="Piknik sąsiedzki")
    assert event.organiser_id == ngo.pk
    assert f'<a href="{ngo.url}">{ngo.title}</a>' in client.get(event.url).content.decode()


def make_events(calendar, ngo, count, prefix="", image=None):
    for number in range(count):
        EventPageFactory(
            parent=calendar,
            listing_image=image,
            title=f"{prefix}Nadchodzące {number}",
            start=in_days(2 + number),
            organiser=ngo if number % 2 else None,
            event_type="training" if number % 3 == 0 else "integration",
        )
        EventPageFactory(parent=calendar, title=f"{prefix}Minione {number}", start=in_days(-10 - number))


@pytest.mark.django_db
class TestCalendar:
    def test_upcoming_and_archive(self, client, calendar, ngo):
        make_events(calendar, ngo, 2)
        upcoming = client.get(calendar.url).content.decode()
        assert "Nadchodzące 0" in upcoming and "Nadchodzące 1" in upcoming and "Minione 0" not in upcoming
        assert upcoming.index("Nadchodzące 0") < upcoming.index("Nadchodzące 1")
        archive = client.get(calendar.url + "archiwum/").content.decode()
        assert "Minione 0" in archive and "Odbyło się" in archive and "Nadchodzące 0" not in archive

    def test_filters_by_type_and_organiser(self, client, calendar, ngo):
        make_events(calendar, ngo, 4)
        trainings = client.get(calendar.url, {"rodzaj": "training"}).content.decode()
        assert (
            "Nadchodzące 0" in trainings and "Nadchodzące 3" in trainings and "Nadchodzące 1" not in trainings
        )
        by_ngo = client.get(calendar.url, {"organizator": ngo.pk}).content.decode()
        assert "Nadchodzące 1" in by_ngo and "Nadchodzące 0" not in by_ngo
        by_cop = client.get(calendar.url, {"organizator": "cop"}).content.decode()
        assert "Nadchodzące 0" in by_cop and "Nadchodzące 1" not in by_cop
        assert f'<option value="{ngo.pk}">{ngo.title}</option>' in by_cop

    @pytest.mark.parametrize(
        "query",
        [
            {"rodzaj": "nie-ma-takiego"},
            {"organizator": "abc"},
            {"organizator": "99999"},
            {"strona": "9999"},
            {"strona": "x"},
            {"miesiac": "2026-13"},
            {"miesiac": "bzdura"},
            {"miesiac": "99999-01"},
        ],
    )
    def test_odd_addresses_never_fail(self, client, calendar, ngo, query):
        make_events(calendar, ngo, 1)
        for suffix in ("", "archiwum/", "miesiac/", "ical/"):
            assert client.get(calendar.url + suffix, query).status_code == 200

    def test_month_view_groups_by_day_and_navigates(self, client, calendar):
        EventPageFactory(
            parent=calendar, title="Szkolenie marcowe", start=in_days(0).replace(year=2027, month=3, day=10)
        )
        EventPageFactory(
            parent=calendar,
            title="Drugie marcowe",
            start=in_days(0).replace(year=2027, month=3, day=10, hour=19),
        )
        EventPageFactory(
            parent=calendar, title="Kwietniowe", start=in_days(0).replace(year=2027, month=4, day=2)
        )
        html = client.get(calendar.url + "miesiac/", {"miesiac": "2027-03"}).content.decode()
        assert "Marzec 2027" in html or "marzec 2027" in html.lower()
        assert '<time datetime="2027-03-10">' in html
        assert html.count('<li class="month-day">') == 1
        assert "Szkolenie marcowe" in html and "Drugie marcowe" in html and "Kwietniowe" not in html
        assert "miesiac=2027-04" in html and "miesiac=2027-02" in html
        april = client.get(calendar.url + "miesiac/", {"miesiac": "2027-04"}).content.decode()
        assert "Kwietniowe" in april and "Szkolenie marcowe" not in april

    def test_drafts_and_private_events_are_not_listed(self, client, calendar):
        draft = EventPageFactory(parent=calendar, title="Szkic wydarzenia")
        draft.unpublish()
        html = client.get(calendar.url).content.decode()
        assert "Szkic wydarzenia" not in html

    @pytest.mark.parametrize("suffix", ["", "archiwum/", "miesiac/"])
    def test_query_budget_does_not_grow_with_events(self, client, calendar, ngo, other_ngo, suffix):
        image = wagtail_factories.ImageFactory()  # listing images and their renditions come in bulk
        make_events(calendar, ngo, 2, image=image)
        client.get(calendar.url + suffix)  # warm the site-root cache
        with CaptureQueriesContext(connection) as few:
            assert client.get(calendar.url + suffix).status_code == 200
        make_events(calendar, other_ngo, 10, prefix="Więcej ", image=image)
        with CaptureQueriesContext(connection) as many:
            assert client.get(calendar.url + suffix).status_code == 200
        assert len(many) == len(few)
        assert len(many) <= 15


@pytest.mark.django_db
def test_home_page_shows_upcoming_events(client, home_page, calendar, django_assert_max_num_queries):
    for number in range(5):
        EventPageFactory(
            parent=calendar, title=f"Wydarzenie na stronie głównej {number}", start=in_days(number + 1)
        )
    EventPageFactory(parent=calendar, title="Dawno temu", start=in_days(-5))
    html = client.get(home_page.url).content.decode()
    assert "Najbliższe wydarzenia" in html
    assert "Wydarzenie na stronie głównej 0" in html and "Wydarzenie na stronie głównej 2" in html
    assert "Wydarzenie na stronie głównej 3" not in html and "Dawno temu" not in html
    assert f'href="{calendar.url}">Wszystkie wydarzenia' in html


@pytest.mark.django_db
def test_home_page_query_budget_does_not_grow_with_events(cold_get, home_page, calendar, ngo):
    make_events(calendar, ngo, 2)
    _response, few = cold_get(home_page.url)
    make_events(calendar, ngo, 10, prefix="Więcej ")
    response, many = cold_get(home_page.url)
    assert "Najbliższe wydarzenia" in response.content.decode()
    # Site, the events and the calendar, the layout's pages, the news index, partners... (was 22).
    assert len(few) == len(many) <= 12


@pytest.mark.django_db
def test_project_page_lists_its_schedule_and_marks_held_meetings(client, home_page):
    project = ProjectPageFactory(
        parent=home_page,
        title="Wspólnie znaczy lepiej",
        goals="<ul><li>diagnoza stanu obecnego</li></ul>",
        areas=[{"type": "area", "value": {"title": "Infrastruktura współpracy", "description": "Warunki."}}],
    )
    EventPageFactory(parent=project, title="I spotkanie", start=in_days(-4, 16))
    EventPageFactory(parent=project, title="II spotkanie", start=in_days(3, 16), registration_enabled=True)
    html = client.get(project.url).content.decode()
    assert "Harmonogram spotkań" in html
    assert html.index("I spotkanie") < html.index("II spotkanie")
    assert "<strong>zrealizowane</strong>" in html
    assert "zapisy na stronie spotkania" in html
    assert "Infrastruktura współpracy" in html and "diagnoza stanu obecnego" in html
    assert "Miejski Ośrodek Kultury" in html


@pytest.mark.django_db
def test_project_page_query_budget_does_not_grow_with_meetings(client, home_page):
    project = ProjectPageFactory(parent=home_page, title="Projekt z harmonogramem")
    for number in range(2):
        EventPageFactory(parent=project, title=f"Spotkanie {number}", start=in_days(number + 1))
    client.get(project.url)
    with CaptureQueriesContext(connection) as few:
        client.get(project.url)
    for number in range(2, 10):
        EventPageFactory(parent=project, title=f"Spotkanie {number}", start=in_days(number + 1))
    with CaptureQueriesContext(connection) as many:
        assert "Spotkanie 9" in client.get(project.url).content.decode()
    assert len(few) == len(many) <= 12


@pytest.mark.django_db
def test_ngo_profile_shows_its_own_events_and_its_ical_feed(client, calendar, ngo, other_ngo):
    EventPageFactory(parent=ngo, title="Piknik sąsiedzki", start=in_days(5))
    EventPageFactory(parent=ngo, title="Dawny piknik", start=in_days(-20))
    EventPageFactory(parent=other_ngo, title="Wydarzenie innej organizacji", start=in_days(6))
    EventPageFactory(parent=calendar, title="Wydarzenie COP", start=in_days(7))
    html = client.get(ngo.url).content.decode()
    assert "Wydarzenia organizacji" in html
    assert "Piknik sąsiedzki" in html
    assert "Dawny piknik" not in html  # only what is still ahead
    assert "Wydarzenie innej organizacji" not in html and "Wydarzenie COP" not in html
    feed = f'href="{calendar.url}ical/?organizator={ngo.pk}"'
    assert feed in html
    assert f'href="{calendar.url}?organizator={ngo.pk}"' in html


@pytest.mark.django_db
def test_ngo_without_events_has_no_events_section(client, calendar, ngo, other_ngo):
    EventPageFactory(parent=ngo, title="Piknik sąsiedzki", start=in_days(5))
    assert "Wydarzenia organizacji" not in client.get(other_ngo.url).content.decode()


@pytest.mark.django_db
def test_ngo_profile_query_budget_does_not_grow_with_events(cold_get, calendar, ngo):
    for number in range(2):
        EventPageFactory(parent=ngo, title=f"Wydarzenie {number}", start=in_days(number + 1))
    EventPageFactory(parent=ngo, title="Dawne wydarzenie", start=in_days(-30))
    _response, few = cold_get(ngo.url)
    for number in range(2, 12):
        EventPageFactory(parent=ngo, title=f"Wydarzenie {number}", start=in_days(number + 1))
    response, many = cold_get(ngo.url)
    html = response.content.decode()
    assert "Wydarzenie 4" in html and "Wydarzenie 5" not in html  # the next five
    assert "Dawne wydarzenie" not in html
    # Its events in one query (upcoming first; a past one only tells there were any) (was 30).
    assert len(few) == len(many) <= 12


@pytest.mark.django_db
def test_ngo_profile_with_only_past_events_keeps_its_feed(client, calendar, ngo):
    EventPageFactory(parent=ngo, title="Dawne wydarzenie", start=in_days(-30))
    html = client.get(ngo.url).content.decode()
    assert "Organizacja nie ma teraz zaplanowanych wydarzeń." in html
    assert "Dawne wydarzenie" not in html
    assert f'href="{calendar.url}ical/?organizator={ngo.pk}"' in html
