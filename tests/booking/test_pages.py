"""Page rules of the rooms and advisory pages, and the staff notice on a new request."""

import pytest
from django.core import mail
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase

from booking.factories import BookingRequestFactory
from booking.models import AdvisoryPage, RoomsPage
from booking.services import WORKFLOWS
from home.models import HomePage, SiteSettings, StandardPage


class TestPageRules(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(RoomsPage, {HomePage})
        self.assertAllowedParentPageTypes(AdvisoryPage, {HomePage})
        self.assertAllowedSubpageTypes(RoomsPage, set())
        self.assertAllowedSubpageTypes(AdvisoryPage, set())
        self.assertCanNotCreateAt(StandardPage, RoomsPage)

    def test_singletons(self):
        assert RoomsPage.max_count == 1
        assert AdvisoryPage.max_count == 1


@pytest.mark.django_db
def test_pages_render_with_body_blocks(client, rooms_page, advisory_page):
    advisory_page.body = [{"type": "paragraph", "value": "<p>Konsultacje we wtorki.</p>"}]
    advisory_page.save_revision().publish()
    assert "Konsultacje we wtorki." in client.get(advisory_page.url).content.decode()
    rooms_page.body = [{"type": "paragraph", "value": "<p>Parking za budynkiem.</p>"}]
    rooms_page.save_revision().publish()
    assert "Parking za budynkiem." in client.get(rooms_page.url).content.decode()


@pytest.mark.django_db
def test_staff_get_a_notice_of_a_new_request(
    rooms_page, room, staff_user, django_capture_on_commit_callbacks
):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.staff_notification_email = "biuro@cop.example.org"
    settings.save()
    request = BookingRequestFactory.build(room=room)
    with django_capture_on_commit_callbacks(execute=True):
        WORKFLOWS["booking"].submit(request, occurrences=[])
    recipients = [message.to for message in mail.outbox]
    assert [request.requester_email] in recipients
    staff_notice = next(m for m in mail.outbox if "biuro@cop.example.org" in m.to)
    assert staff_notice.to == [staff_user.email, "biuro@cop.example.org"]
    assert "Wniosek o rezerwację sali" in staff_notice.subject
    assert f"/admin/booking/bookingrequest/inspect/{request.pk}/" in staff_notice.body


@pytest.mark.django_db
def test_a_failing_mail_server_never_loses_the_request(
    client, rooms_page, room, monkeypatch, django_capture_on_commit_callbacks
):
    from booking.models import BookingRequest

    def broken(*args, **kwargs):
        raise OSError("serwer poczty nie odpowiada")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    from .conftest import next_weekday
    from .test_public import booking_form_data

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{rooms_page.url}rezerwacja/", booking_form_data(room, next_weekday(3)))
    assert response.status_code == 302
    assert BookingRequest.objects.count() == 1
