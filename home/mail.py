"""E-mails to visitors through the task queue: the message is written at once, the mail server is talked to
in the background.

A visitor's receipt, confirmation link or decision is composed right after the record is committed (the
callers run in ``notify_after_commit``), from the record as it is then; only the sending – the part a slow
or unreachable mail server makes slow – goes to Django's task framework, as staff notifications do
(``home.notifications``): immediate in development and tests, the database queue with ``manage.py db_worker``
in production, where a failed send stays recorded with its error.

The contact form's e-mail to the Centre (``ContactFormPage.send_mail``) goes the same way. Messages whose
outcome staff must see at once (the NGO editor's invitation, the rejection of an onboarding
request) are still sent directly by their callers.
"""

import base64

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django_tasks import task


def _as_json(message: EmailMessage) -> dict:
    """Everything needed to send ``message`` again, as plain JSON (a task queue stores its arguments)."""
    attachments = []
    for filename, content, mimetype in message.attachments:
        if isinstance(content, bytes):
            attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype, True])
        else:
            attachments.append([filename, str(content), mimetype, False])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": {str(name): str(value) for name, value in (message.extra_headers or {}).items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


@task()
def send_queued_email(message: dict) -> int:
    """The background part: build the message again and send it. A mail failure raises, so the task
    backend records the task as failed (and logs it); the visitor's record is already saved."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        cc=message["cc"],
        bcc=message["bcc"],
        reply_to=message["reply_to"],
        headers=message.get("headers") or None,
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    for filename, content, mimetype, encoded in message["attachments"]:
        email.attach(filename, base64.b64decode(content) if encoded else content, mimetype)
    return email.send()


def queue_email(message: EmailMessage):
    """Hand ``message`` to the task queue (call after the commit, e.g. from ``notify_after_commit``)."""
    return send_queued_email.enqueue(_as_json(message))


def queue_mail(subject: str, body: str, recipient_list, from_email: str | None = None):
    """``django.core.mail.send_mail`` through the task queue."""
    return queue_email(
        EmailMessage(subject=subject, body=body, from_email=from_email, to=list(recipient_list))
    )
