"""Staff notifications (home/notifications.py): one Polish e-mail, text and HTML, to the group chosen in the
site settings, sent through the task framework after the record is saved."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import override_settings
from django_tasks import default_task_backend
from wagtail.models import Site

from booking.factories import AdvisoryPageFactory, RoomFactory, RoomsPageFactory
from booking.models import AdvisoryRequest, BookingRequest
from home.models import SiteSettings
from home.notifications import send_staff_notification
from ngo_directory.factories import AreaOfActivityFactory, NGODirectoryPageFactory, NGOProfilePageFactory
from ngo_directory.models import OnboardingRequest
from tests.booking.conftest import next_weekday
from tests.booking.test_public import advisory_form_data, booking_form_data
from tests.ngo_directory.test_onboarding import form_data as onboarding_form_data
from volunteering import services as volunteering_services
from volunteering.factories import VolunteerCentrePageFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_duty(home_page):
    """A group chosen in the site settings instead of the default "Pracownicy COP", with one member."""
    group = Group.objects.create(name="Dyżur w biurze")
    user = get_user_model().objects.create_user("dyzurny", "dyzurny@example.org", "haslo")
    user.groups.add(group)
    get_user_model().objects.create_user("bez-grupy", "bez-grupy@example.org", "haslo").groups.add(group)
    get_user_model().objects.filter(username="bez-grupy").update(is_active=False)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.staff_notification_group = group
    settings.save()
    return user


@pytest.fixture
def directory(home_page):
    return NGODirectoryPageFactory(parent=home_page)


@pytest.fixture
def ngo_editor(directory, make_ngo_editor):
    profile = NGOProfilePageFactory(parent=directory, title="Stowarzyszenie Alfa", slug="alfa")
    return profile, make_ngo_editor(profile, "redaktor-alfa")


def staff_mails(*addresses):
    """E-mails addressed to any of ``addresses``."""
    return [message for message in mail.outbox if set(message.to) & set(addresses)]


def assert_one_polish_staff_email(recipients, *, not_to=(), subject_has=""):
    staff = staff_mails(*recipients)
    assert len(staff) == 1, [m.subject for m in mail.outbox]
    message = staff[0]
    assert sorted(message.to) == sorted(recipients)
    assert not set(message.to) & set(not_to)
    assert message.subject.startswith("[COP] ") and subject_has in message.subject
    assert "Dzień dobry" in message.body and "panel" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and '<html lang="pl">' in html and subject_has in html
    return message


def test_default_group_is_the_cop_staff(home_page, staff_user):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.staff_notification_group.name == "Pracownicy COP"


def test_onboarding_request(
    client, directory, on_duty, staff_user, ngo_editor, django_capture_on_commit_callbacks
):
    area = AreaOfActivityFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(directory.url + "dodaj/", onboarding_form_data(areas=[area.pk]))
    assert response.status_code == 302
    request = OnboardingRequest.objects.get()
    message = assert_one_polish_staff_email(
        ["dyzurny@example.org"],
        not_to=[staff_user.email, ngo_editor[1].email, "bez-grupy@example.org"],
        subject_has="Nowe zgłoszenie organizacji: Stowarzyszenie Miłośników Dębieńska",
    )
    assert f"http://testserver/admin/organizacje/zgloszenia/{request.pk}/decyzja/" in message.body


def test_booking_and_advisory_requests_with_the_extra_address(
    client, home_page, staff_user, ngo_editor, django_capture_on_commit_callbacks
):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.staff_notification_email = "biuro@example.org"
    settings.save()
    rooms_page, advisory_page, room = (
        RoomsPageFactory(parent=home_page),
        AdvisoryPageFactory(parent=home_page),
        RoomFactory(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{rooms_page.url}rezerwacja/", booking_form_data(room, next_weekday(3)))
    assert response.status_code == 302 and BookingRequest.objects.count() == 1
    assert_one_polish_staff_email(
        [staff_user.email, "biuro@example.org"],
        not_to=[ngo_editor[1].email],
        subject_has="Wniosek o rezerwację sali",
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(advisory_page.url, advisory_form_data())
    assert response.status_code == 302 and AdvisoryRequest.objects.count() == 1
    assert_one_polish_staff_email(
        [staff_user.email, "biuro@example.org"],
        not_to=[ngo_editor[1].email],
        subject_has="Wniosek o doradztwo",
    )


def test_volunteer_becoming_active(home_page, staff_user, django_capture_on_commit_callbacks):
    centre = VolunteerCentrePageFactory(parent=home_page, staff_email="")
    volunteer = VolunteerFactory(status="pending", email_confirmed_at=None, first_name="Zofia")
    with django_capture_on_commit_callbacks(execute=True):
        volunteering_services.confirm_email(centre, volunteer)
    volunteer.refresh_from_db()
    assert volunteer.status == "active"
    message = assert_one_polish_staff_email([staff_user.email], subject_has="Nowy aktywny wolontariusz")
    assert "Zofia" not in message.body and volunteer.email not in message.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        volunteering_services.confirm_email(centre, volunteer)  # a second click: nothing new for the staff
    assert not staff_mails(staff_user.email)


def test_page_submitted_for_moderation(
    staff_user, admin_user, ngo_editor, django_capture_on_commit_callbacks
):
    profile, editor = ngo_editor
    profile.title = "Stowarzyszenie Alfa – nowa nazwa"
    profile.save_revision(user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        profile.get_workflow().start(profile, editor)
    # One e-mail from the one mechanism: Wagtail's own per-approver and superuser e-mails are off.
    assert len(mail.outbox) == 1
    message = assert_one_polish_staff_email(
        [staff_user.email], not_to=[editor.email, admin_user.email], subject_has="Strona do akceptacji"
    )
    assert f"/admin/pages/{profile.pk}/edit/" in message.body


def test_staff_group_without_addresses_sends_nothing(home_page):
    assert send_staff_notification.call("Temat", [], "", "") == 0
    assert not mail.outbox


def test_a_failing_mail_server_keeps_the_record_and_the_visitor_sees_success(
    client, directory, staff_user, broken_mail, django_capture_on_commit_callbacks
):
    area = AreaOfActivityFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(directory.url + "dodaj/", onboarding_form_data(areas=[area.pk]))
    assert any(staff_user.email in message.to for message in broken_mail)  # the staff notice was attempted
    assert response.status_code == 302 and "wyslano=1" in response["Location"]
    assert OnboardingRequest.objects.filter(name="Stowarzyszenie Miłośników Dębieńska").exists()
    assert client.get(response["Location"]).status_code == 200


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_with_a_queue_the_email_is_enqueued_not_sent_inline(
    client, directory, staff_user, django_capture_on_commit_callbacks
):
    default_task_backend.clear()
    area = AreaOfActivityFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(directory.url + "dodaj/", onboarding_form_data(areas=[area.pk]))
    assert response.status_code == 302
    assert not staff_mails(staff_user.email)  # nothing sent during the request
    [result] = [r for r in default_task_backend.results if r.task.func is send_staff_notification.func]
    assert result.status == "READY"
    assert "Stowarzyszenie Miłośników Dębieńska" in result.kwargs["subject"]
    # What a worker does later: the same e-mail.
    result.task.call(*result.args, **result.kwargs)
    assert_one_polish_staff_email([staff_user.email], subject_has="Nowe zgłoszenie organizacji")


def test_production_queues_tasks_in_the_database_with_a_worker_command():
    from tests.home.test_settings import PRODUCTION_ENV, manage

    probe = "from django_tasks import task_backends; b = task_backends['default']; print(type(b).__module__, type(b).__name__)"
    result = manage("shell", "-c", probe, env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["django_tasks_db.backend", "DatabaseBackend"]
    worker = manage("db_worker", "--help", env_overrides=PRODUCTION_ENV)
    assert worker.returncode == 0 and "--batch" in worker.stdout
    immediate = manage("shell", "-c", probe, env_overrides={**PRODUCTION_ENV, "TASKS_IMMEDIATE": "true"})
    assert immediate.stdout.strip().splitlines()[-1].endswith("ImmediateBackend")


@pytest.mark.django_db(transaction=True)  # the worker takes its own (exclusive) transactions
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_database_queue_holds_the_email_until_the_worker_sends_it(client, directory, staff_user):
    """The production set-up end to end: the request only queues; `db_worker` sends the e-mail later."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    area = AreaOfActivityFactory()
    response = client.post(directory.url + "dodaj/", onboarding_form_data(areas=[area.pk]))
    assert response.status_code == 302 and OnboardingRequest.objects.count() == 1
    queued = DBTaskResult.objects.filter(task_path="home.notifications.send_staff_notification")
    assert queued.count() == 1 and not staff_mails(staff_user.email)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert_one_polish_staff_email([staff_user.email], subject_has="Nowe zgłoszenie organizacji")
    assert queued.get().status == "SUCCESSFUL"
