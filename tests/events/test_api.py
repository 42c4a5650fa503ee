"""Events in the domain API: filters, detail, schema; drafts and registrations never exposed."""

import datetime

import pytest

from events.factories import EventPageFactory, ProjectPageFactory, RegistrationFactory, in_days

API = "/api/cop/v1/events/"


@pytest.mark.django_db
class TestEventsApi:
    def test_schema_documents_the_endpoints(self, client, home_page):
        schema = client.get("/api/cop/v1/openapi.json").json()
        assert "/api/cop/v1/events/" in schema["paths"]
        assert "/api/cop/v1/events/{event_id}/" in schema["paths"]
        parameters = {p["name"] for p in schema["paths"]["/api/cop/v1/events/"]["get"]["parameters"]}
        assert {"date_from", "date_to", "type", "organiser", "limit", "offset"} <= parameters

    def test_list_defaults_to_upcoming_and_detail_has_no_personal_data(self, client, event, calendar):
        EventPageFactory(parent=calendar, title="Minione", start=in_days(-5))
        RegistrationFactory(event=event, name="Anna Tajna", email="anna.tajna@example.org")
        body = client.get(API).json()
        assert body["count"] == 1
        item = body["items"][0]
        assert item["title"] == event.title
        assert item["organiser"] == {"id": None, "name": "Centrum Organizacji Pozarządowych", "url": None}
        assert item["places_left"] == 1 and item["registration_open"] is True
        assert item["ical_url"] == item["url"] + "ical/" and item["url"].endswith(event.url)
        detail = client.get(f"{API}{event.pk}/")
        assert detail.status_code == 200
        text = detail.content.decode() + client.get(API).content.decode()
        assert "Anna Tajna" not in text and "anna.tajna" not in text and "registrations" not in text
        assert "<p>Program spotkania.</p>" in detail.json()["description_html"]

    def test_filters(self, client, calendar, ngo):
        EventPageFactory(
            parent=calendar, title="Szkolenie grudniowe", event_type="training", start=in_days(20)
        )
        EventPageFactory(parent=ngo, title="Piknik", event_type="other", start=in_days(40))
        EventPageFactory(parent=calendar, title="Archiwalne", event_type="training", start=in_days(-40))

        def titles(**params):
            return [item["title"] for item in client.get(API, params).json()["items"]]

        assert titles() == ["Szkolenie grudniowe", "Piknik"]
        assert titles(type="training") == ["Szkolenie grudniowe"]
        assert titles(organiser=ngo.pk) == ["Piknik"]
        assert titles(organiser="cop") == ["Szkolenie grudniowe"]
        assert titles(organiser="abc") == []
        assert titles(past=True) == ["Archiwalne"]
        start = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
        assert titles(date_from=start) == ["Piknik"]
        # With any date given, the range decides (past events included).
        assert titles(date_to=start) == ["Archiwalne", "Szkolenie grudniowe"]
        early = (datetime.date.today() - datetime.timedelta(days=60)).isoformat()
        assert titles(date_from=early, date_to=start) == ["Archiwalne", "Szkolenie grudniowe"]
        assert client.get(API, {"date_from": "nie-data"}).status_code == 422
        assert client.get(API, {"limit": 1000}).status_code == 400

    def test_project_meeting_points_at_its_project(self, client, home_page):
        project = ProjectPageFactory(parent=home_page)
        meeting = EventPageFactory(parent=project, event_type="project_meeting")
        assert client.get(f"{API}{meeting.pk}/").json()["project_id"] == project.pk

    def test_drafts_and_private_events_never_appear(self, client, calendar, event):
        from wagtail.models import PageViewRestriction

        draft = EventPageFactory(parent=calendar, title="Szkic")
        draft.unpublish()
        private = EventPageFactory(parent=calendar, title="Prywatne")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        assert [i["title"] for i in client.get(API).json()["items"]] == [event.title]
        assert client.get(f"{API}{draft.pk}/").status_code == 404
        assert client.get(f"{API}{private.pk}/").status_code == 404

    def test_query_budget_is_constant(self, client, calendar, ngo, django_assert_num_queries):
        for number in range(2):
            EventPageFactory(
                parent=calendar, start=in_days(number + 1), organiser=ngo, registration_enabled=True
            )
        client.get(API)
        with django_assert_num_queries(3):
            assert client.get(API).json()["count"] == 2
        for number in range(15):
            event = EventPageFactory(
                parent=calendar, start=in_days(number + 1), registration_enabled=True, capacity=5
            )
            RegistrationFactory(event=event)
        with django_assert_num_queries(3):
            assert client.get(API, {"limit": 20}).json()["count"] == 17
