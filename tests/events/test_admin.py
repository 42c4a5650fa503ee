"""Staff side (registrations register, export, attendance, messages) and NGO editors' event rights."""

import datetime

import pytest
from anyascii import anyascii as unidecode
from django.core import mail
from django.urls import reverse
from django.utils.text import slugify

from events.factories import EventPageFactory, RegistrationFactory, in_days
from events.models import EventPage, Registration

INDEX = "events_registration_modeladmin_index"


@pytest.fixture
def registrations(event):
    return [
        RegistrationFactory(
            event=event, name="Katarzyna Wójcik", email="k.wojcik@example.org", organisation="KGW Bełk"
        ),
        RegistrationFactory(event=event, name="Piotr Zieliński", email="p.zielinski@example.org"),
        RegistrationFactory(
            event=event, name="Ewa Rezerwowa", email="ewa@example.org", status=Registration.WAITING
        ),
    ]


@pytest.mark.django_db
class TestRegistrationsRegister:
    def test_staff_list_filter_search_inspect(self, staff_client, registrations, event):
        html = staff_client.get(reverse(INDEX)).content.decode()
        assert "Katarzyna Wójcik" in html and "Ewa Rezerwowa" in html
        waiting = staff_client.get(reverse(INDEX), {"status__exact": "waiting"}).content.decode()
        assert "Ewa Rezerwowa" in waiting and "Katarzyna Wójcik" not in waiting
        found = staff_client.get(reverse(INDEX), {"q": "zielinski"}).content.decode()
        assert "Piotr Zieliński" in found and "Katarzyna Wójcik" not in found
        other = EventPageFactory(parent=event.get_parent(), title="Inne wydarzenie")
        RegistrationFactory(event=other, name="Osoba Z Innego")
        by_event = staff_client.get(reverse(INDEX), {"wydarzenie": event.pk}).content.decode()
        assert "Katarzyna Wójcik" in by_event and "Osoba Z Innego" not in by_event
        assert "Osoba Z Innego" in staff_client.get(reverse(INDEX), {"wydarzenie": "abc"}).content.decode()
        inspect = staff_client.get(
            reverse("events_registration_modeladmin_inspect", args=[registrations[0].pk])
        ).content.decode()
        assert "KGW Bełk" in inspect and "k.wojcik@example.org" in inspect
        assert "regulamin" in inspect  # the consent version the person accepted

    def test_export_csv_and_xlsx(self, staff_client, registrations):
        csv = staff_client.get(reverse(INDEX), {"export": "csv"})
        assert csv.status_code == 200 and "text/csv" in csv["Content-Type"]
        text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
        assert "Katarzyna Wójcik" in text and "k.wojcik@example.org" in text
        xlsx = staff_client.get(reverse(INDEX), {"export": "xlsx"})
        assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]

    def test_staff_cannot_add_registrations_bypassing_the_rules(self, staff_client, registrations):
        assert staff_client.get(reverse("events_registration_modeladmin_create")).status_code in (302, 403)

    def test_staff_marks_attendance(self, staff_client, registrations, event):
        url = reverse("events_attendance", args=[event.pk])
        html = staff_client.get(url).content.decode()
        assert "Katarzyna Wójcik" in html and "Ewa Rezerwowa" not in html  # only confirmed people
        response = staff_client.post(url, {"present": [str(registrations[0].pk), "999999", "x"]})
        assert response.status_code == 302
        attended = dict(Registration.objects.values_list("name", "attended"))
        assert attended == {"Katarzyna Wójcik": True, "Piotr Zieliński": False, "Ewa Rezerwowa": None}

    def test_staff_emails_everyone_registered(self, staff_client, registrations, event):
        url = reverse("events_message", args=[event.pk])
        assert "Potwierdzonych: 2, na liście rezerwowej: 1." in staff_client.get(url).content.decode()
        response = staff_client.post(
            url, {"recipients": "all", "subject": "Zmiana sali", "body": "Spotkanie w sali 2."}
        )
        assert response.status_code == 302
        assert sorted(m.to[0] for m in mail.outbox) == [
            "ewa@example.org",
            "k.wojcik@example.org",
            "p.zielinski@example.org",
        ]
        assert all(len(m.to) == 1 and m.subject == "Zmiana sali" for m in mail.outbox)
        mail.outbox.clear()
        staff_client.post(url, {"recipients": "waiting", "subject": "Lista", "body": "Czekamy."})
        assert [m.to for m in mail.outbox] == [["ewa@example.org"]]

    def test_message_form_errors_are_shown_in_polish(self, staff_client, registrations, event):
        response = staff_client.post(
            reverse("events_message", args=[event.pk]), {"recipients": "all", "subject": ""}
        )
        assert response.status_code == 200
        assert "To pole jest wymagane." in response.content.decode()
        assert mail.outbox == []

    def test_page_listing_links_to_registrations(self, staff_client, event, calendar):
        html = staff_client.get(reverse("wagtailadmin_explore", args=[calendar.pk])).content.decode()
        assert reverse("events_attendance", args=[event.pk]) in html


@pytest.fixture
def ngo_editor(ngo, make_ngo_editor):
    return make_ngo_editor(ngo, "redaktor-ngo", email="redaktor@aktywni.example.org")


def event_form(title, **extra):
    start = in_days(30, 14)
    data = {
        "title": title,
        "slug": slugify(unidecode(title)),
        "event_type": "other",
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
        "place_name": "Park Furgoła",
        "place_address": "ul. Furgoła, Czerwionka-Leszczyny",
        "is_free": "on",
        "waiting_list_enabled": "on",
        "description-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
class TestNGOEditors:
    def test_ngo_editor_adds_an_event_under_own_profile_but_cannot_publish(self, client, ngo, ngo_editor):
        client.force_login(ngo_editor)
        url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", ngo.pk])
        assert client.get(url).status_code == 200
        response = client.post(url, event_form("Piknik sąsiedzki", **{"action-publish": "action-publish"}))
        assert response.status_code == 302, [
            line for line in response.content.decode().splitlines() if "error" in line.lower()
        ][:20]
        event = EventPage.objects.get(title="Piknik sąsiedzki")
        assert not event.live
        assert event.organiser_id == ngo.pk
        assert not event.permissions_for_user(ngo_editor).can_publish()
        assert event.get_workflow().name == "Akceptacja COP"

    def test_submitted_event_waits_for_cop_approval(self, client, ngo, ngo_editor, staff_user):
        client.force_login(ngo_editor)
        url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", ngo.pk])
        client.post(url, event_form("Turniej rodzinny", **{"action-submit": "action-submit"}))
        event = EventPage.objects.get(title="Turniej rodzinny")
        state = event.current_workflow_state
        assert state is not None and state.status == "in_progress" and not event.live
        state.current_task_state.approve(user=staff_user)
        event.refresh_from_db()
        assert event.live

    def test_ngo_editor_cannot_add_events_elsewhere_or_see_registrations(
        self, client, ngo, other_ngo, calendar, ngo_editor, event
    ):
        client.force_login(ngo_editor)
        for parent in (other_ngo, calendar):
            url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", parent.pk])
            assert client.get(url).status_code != 200
            client.post(url, event_form(f"Cudze wydarzenie {parent.pk}"))
        assert not EventPage.objects.filter(title__startswith="Cudze wydarzenie").exists()
        assert not other_ngo.permissions_for_user(ngo_editor).can_add_subpage()
        assert client.get(reverse(INDEX)).status_code != 200
        assert client.get(reverse("events_attendance", args=[event.pk])).status_code != 200
        assert client.get(reverse("events_message", args=[event.pk])).status_code != 200


@pytest.mark.django_db
def test_export_of_one_events_registrations_holds_only_that_event(staff_client, registrations, event):
    """The "Zapisy" button of an event leads to its list; exporting it gives that event's people only."""
    other = EventPageFactory(parent=event.get_parent(), title="Inne wydarzenie")
    RegistrationFactory(event=other, name="Osoba Z Innego", email="inny@example.org")
    csv = staff_client.get(reverse(INDEX), {"wydarzenie": event.pk, "export": "csv"})
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1 + len(registrations)  # the header and this event's three people
    assert "k.wojcik@example.org" in text and "ewa@example.org" in text
    assert "inny@example.org" not in text and "Osoba Z Innego" not in text
    xlsx = staff_client.get(reverse(INDEX), {"wydarzenie": event.pk, "export": "xlsx"})
    from io import BytesIO

    from openpyxl import load_workbook

    data = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    rows = list(load_workbook(BytesIO(data)).active.iter_rows(values_only=True))
    emails = {cell for row in rows[1:] for cell in row if isinstance(cell, str) and "@" in cell}
    assert emails == {"k.wojcik@example.org", "p.zielinski@example.org", "ewa@example.org"}
