"""Visitor e-mails go through the task queue (home/mail.py): written at once, sent in the background."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import override_settings
from django_tasks import default_task_backend

from home.mail import queue_email, queue_mail, send_queued_email
from tests.ngo_directory.test_onboarding import form_data as onboarding_form_data

DUMMY_QUEUE = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def directory(home_page):
    from ngo_directory.factories import NGODirectoryPageFactory

    return NGODirectoryPageFactory(parent=home_page)


def test_a_queued_message_arrives_whole():
    """Every part survives the queue's JSON: addresses, reply-to, the HTML part and a binary attachment."""
    message = EmailMultiAlternatives(
        subject="Wniosek zatwierdzony – Sala konferencyjna",
        body="Dzień dobry,\nwniosek zatwierdzony.",
        from_email="cop@example.org",
        to=["anna@example.org"],
        cc=["kopia@example.org"],
        bcc=["archiwum@example.org"],
        reply_to=["sale@example.org"],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative("<p>Wniosek <strong>zatwierdzony</strong>.</p>", "text/html")
    calendar = b"BEGIN:VCALENDAR\r\nSUMMARY:Zebranie \xc5\x82\xc3\xb3d\xc5\xba\r\nEND:VCALENDAR\r\n"
    message.attach("rezerwacja-1.ics", calendar, "application/octet-stream")
    message.attach("notatka.txt", "Zabierz klucze.", "text/plain")
    queue_email(message)

    [sent] = mail.outbox
    assert sent.subject == "Wniosek zatwierdzony – Sala konferencyjna"
    assert sent.body == "Dzień dobry,\nwniosek zatwierdzony."
    assert sent.from_email == "cop@example.org"
    assert (sent.to, sent.cc, sent.bcc, sent.reply_to) == (
        ["anna@example.org"],
        ["kopia@example.org"],
        ["archiwum@example.org"],
        ["sale@example.org"],
    )
    assert sent.extra_headers == {"Auto-Submitted": "auto-generated"}
    assert sent.alternatives[0][0] == "<p>Wniosek <strong>zatwierdzony</strong>.</p>"
    assert sent.attachments[0] == ("rezerwacja-1.ics", calendar, "application/octet-stream")
    assert sent.attachments[1] == ("notatka.txt", "Zabierz klucze.", "text/plain")


def test_queue_mail_is_send_mail_through_the_queue(settings):
    settings.DEFAULT_FROM_EMAIL = "COP <cop@example.org>"
    queue_mail("Temat", "Treść", ["jan@example.org"])
    [sent] = mail.outbox
    assert (sent.subject, sent.body, sent.to, sent.from_email) == (
        "Temat",
        "Treść",
        ["jan@example.org"],
        "COP <cop@example.org>",
    )


@pytest.mark.django_db
@override_settings(TASKS=DUMMY_QUEUE)
def test_with_a_queue_a_visitors_receipt_is_not_sent_during_the_request(
    client, directory, django_capture_on_commit_callbacks
):
    """The request only writes the receipt; a worker sends it later (a slow mail server slows nobody)."""
    from ngo_directory.factories import AreaOfActivityFactory

    default_task_backend.clear()
    area = AreaOfActivityFactory()
    data = onboarding_form_data(areas=[area.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(directory.url + "dodaj/", data)
    assert response.status_code == 302
    assert mail.outbox == []
    [receipt] = [r for r in default_task_backend.results if r.task.func is send_queued_email.func]
    assert receipt.status == "READY" and receipt.args[0]["to"] == [data["contact_email"]]

    receipt.task.call(*receipt.args, **receipt.kwargs)  # what the worker does
    [sent] = mail.outbox
    assert sent.to == [data["contact_email"]] and sent.subject == "Otrzymaliśmy zgłoszenie organizacji"
