"""Domain operations on registrations: sign up, cancel, promote from the waiting list, e-mail people.

Every change that depends on how many places are taken runs in a transaction that first locks the
event's row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite serialises writers anyway), so that two
people can never take the last place at the same time. E-mails go out after the commit
(``home.protection.notify_after_commit``): a failing mail server never loses a registration.
"""

import logging

from django.core import mail, signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from home.mail import queue_mail
from home.protection import notify_after_commit, send_safely

from .models import PRIVACY_NOTICE, ConsentText, EventPage, Registration

logger = logging.getLogger(__name__)

TOKEN_SALT = "events.registration.cancel"


class RegistrationError(Exception):
    """A registration that cannot be accepted; ``field`` says where the message belongs."""

    field = None

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field or self.field


class RegistrationClosed(RegistrationError):
    pass


class AlreadyRegistered(RegistrationError):
    field = "email"


class EventFull(RegistrationError):
    pass


def lock_event(event_id) -> EventPage:
    """The event, with its row locked until the end of the current transaction."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


def register(event, *, name, email, organisation="", accessibility_needs="", now=None) -> Registration:
    """Register a person: confirmed while places last, then on the waiting list (if it is enabled)."""
    email = email.strip().lower()
    with transaction.atomic():
        locked = lock_event(event.pk)
        state = locked.registration_state(now)
        if state == "not_yet":
            raise RegistrationClosed(_("Zapisy jeszcze się nie rozpoczęły."))
        if state != "open":
            raise RegistrationClosed(_("Zapisy na to wydarzenie są zamknięte."))
        active = Registration.objects.filter(event_id=locked.pk).exclude(status=Registration.CANCELLED)
        if active.filter(email__iexact=email).exists():
            raise AlreadyRegistered(_("Ten adres e-mail jest już zapisany na to wydarzenie."))
        confirmed = active.filter(status=Registration.CONFIRMED).count()
        if locked.capacity is None or confirmed < locked.capacity:
            status = Registration.CONFIRMED
        elif locked.waiting_list_enabled:
            status = Registration.WAITING
        else:
            raise EventFull(_("Brak wolnych miejsc, a lista rezerwowa jest zamknięta."))
        rules = ConsentText.record("rules", locked.rules_consent_text())
        privacy = ConsentText.record("privacy", PRIVACY_NOTICE)
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=locked,
                    name=name.strip(),
                    email=email,
                    organisation=organisation.strip(),
                    accessibility_needs=accessibility_needs.strip(),
                    status=status,
                    created_at=now or timezone.now(),
                    consent_given_at=now or timezone.now(),
                    rules_consent=rules,
                    privacy_consent=privacy,
                )
        except IntegrityError as error:
            # The unique index on (lower(e-mail), event) caught a simultaneous duplicate.
            raise AlreadyRegistered(_("Ten adres e-mail jest już zapisany na to wydarzenie.")) from error
        notify_after_commit(send_registration_email, registration.pk)
    return registration


def cancel(registration_id) -> tuple[Registration, list[Registration]]:
    """Cancel a registration; a freed place goes to the first person on the waiting list.

    Returns the registration and the people promoted. Cancelling twice changes nothing.
    """
    event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
    with transaction.atomic():
        lock_event(event_id)
        registration = Registration.objects.select_related("event").get(pk=registration_id)
        if registration.status == Registration.CANCELLED:
            return registration, []
        registration.status = Registration.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = fill_free_places(event_id)
        notify_after_commit(send_cancellation_email, registration.pk)
    return registration, promoted


def fill_free_places(event_id) -> list[Registration]:
    """Move people from the waiting list onto free places, first come first served (and e-mail them)."""
    with transaction.atomic():
        event = lock_event(event_id)
        waiting = Registration.objects.filter(event_id=event_id, status=Registration.WAITING).order_by(
            "created_at", "pk"
        )
        if event.capacity is not None:
            confirmed = Registration.objects.filter(event_id=event_id, status=Registration.CONFIRMED).count()
            free = max(event.capacity - confirmed, 0)
            waiting = waiting[:free]
        promoted = list(waiting)
        now = timezone.now()
        for registration in promoted:
            registration.status = Registration.CONFIRMED
            registration.promoted_at = now
            registration.save(update_fields=["status", "promoted_at"])
            notify_after_commit(send_promotion_email, registration.pk)
    return promoted


# Signed cancellation links -------------------------------------------------------------------------


def make_token(registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.event_id}, salt=TOKEN_SALT)


def registration_for_token(token: str, event) -> Registration | None:
    """The registration a cancellation link points at, or None for a forged or foreign link."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("e") != event.pk:
        return None
    return Registration.objects.filter(pk=data.get("r"), event_id=event.pk).first()


# E-mails ------------------------------------------------------------------------------------------


def _send(registration, template, subject):
    event = registration.event
    body = render_to_string(
        template,
        {
            "registration": registration,
            "event": event,
            "cancel_url": event.cancel_url(make_token(registration)),
        },
    )
    queue_mail(subject, body, [registration.email])


def send_registration_email(registration_id):
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    if registration.status == Registration.WAITING:
        subject = _("Lista rezerwowa: %(title)s") % {"title": registration.event.title}
    else:
        subject = _("Potwierdzenie zapisu: %(title)s") % {"title": registration.event.title}
    _send(registration, "events/email/registered.txt", subject)


def send_promotion_email(registration_id):
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    subject = _("Zwolniło się miejsce: %(title)s") % {"title": registration.event.title}
    _send(registration, "events/email/promoted.txt", subject)


def send_cancellation_email(registration_id):
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    subject = _("Rezygnacja przyjęta: %(title)s") % {"title": registration.event.title}
    _send(registration, "events/email/cancelled.txt", subject)


def message_registered(event, *, subject, body, statuses, reply_to=None) -> int:
    """Send staff's message to everyone registered for ``event`` with one of ``statuses``.

    One e-mail per person (nobody sees the others' addresses); returns how many were sent.
    """
    recipients = list(
        Registration.objects.filter(event=event, status__in=statuses)
        .values_list("email", flat=True)
        .distinct()
    )
    messages = [
        mail.EmailMessage(subject=subject, body=body, to=[email], reply_to=[reply_to] if reply_to else None)
        for email in recipients
    ]
    if not messages:
        return 0
    sent = 0

    def send_all():
        nonlocal sent
        with mail.get_connection() as connection:
            sent = connection.send_messages(messages) or 0

    if not send_safely(send_all):
        logger.warning("Message to the registered of event %s failed.", event.pk)
    return sent
