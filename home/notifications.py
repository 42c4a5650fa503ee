"""Staff notifications: one mechanism for every staff-facing event (new request, submission for moderation).

A domain app calls :func:`notify_staff` inside the transaction that saves the record. After the commit the
e-mail is handed to Django's task framework (``django_tasks``; ``TASKS`` in the settings: immediate in
development and tests, the database queue with ``manage.py db_worker`` in production), so a slow or broken
mail server never slows the visitor's request or loses the saved record.

The e-mail goes to the active members (with an address) of the group chosen in the site settings
("Powiadomienia dla pracowników"; the "Pracownicy COP" group by default) and to the optional extra address.
It is Polish, plain text and HTML, from the templates ``emails/staff_notification.{txt,html}``.

Everything passed to the task is plain JSON (strings, lists, numbers): a task queue stores its arguments.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django_tasks import task

from .permissions import STAFF_GROUP
from .protection import notify_after_commit

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[COP] "


def admin_url(path: str) -> str:
    """An absolute address of an admin page for an e-mail (``path`` as returned by ``reverse``)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notification_settings():
    """The site settings of the default site (staff e-mails are not tied to a visitor's site)."""
    from wagtail.models import Site

    from .models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return SiteSettings.for_site(site) if site else None


def staff_recipients(exclude_user_id: int | None = None, extra_addresses=()) -> list[str]:
    """Addresses of the chosen staff group's active members, then the extra addresses (no duplicates).

    ``extra_addresses``: a module's own address for its notices (e.g. the volunteer centre's inbox).
    """
    site_settings = notification_settings()
    group_id = site_settings.staff_notification_group_id if site_settings else None
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(groups__id=group_id) if group_id else users.filter(groups__name=STAFF_GROUP)
    if exclude_user_id:
        users = users.exclude(pk=exclude_user_id)
    addresses = list(users.order_by("email").values_list("email", flat=True).distinct())
    extra = [site_settings.staff_notification_email] if site_settings else []
    seen = {address.lower() for address in addresses}
    for address in [*extra, *extra_addresses]:
        if address and address.lower() not in seen:
            addresses.append(address)
            seen.add(address.lower())
    return addresses


@task()
def send_staff_notification(
    subject: str,
    lines: list[str],
    action_url: str,
    action_label: str,
    exclude_user_id: int | None = None,
    extra_addresses: list[str] | None = None,
) -> int:
    """The background part: find the recipients now and send one e-mail (plain text and HTML) to them.

    Returns the number of recipients (0: nobody to tell). A mail failure raises, so the task backend
    records the task as failed (and logs it); the record that caused the notification is already saved.
    """
    recipients = staff_recipients(exclude_user_id, extra_addresses or ())
    if not recipients:
        logger.warning(
            "Staff notification %r not sent: the staff group has no members with an e-mail.", subject
        )
        return 0
    context = {"subject": subject, "lines": lines, "action_url": action_url, "action_label": action_label}
    message = EmailMultiAlternatives(
        subject=SUBJECT_PREFIX + subject,
        body=render_to_string("emails/staff_notification.txt", context),
        to=recipients,
    )
    message.attach_alternative(render_to_string("emails/staff_notification.html", context), "text/html")
    message.send()
    return len(recipients)


def enqueue_staff_notification(
    subject: str,
    lines=(),
    action_url: str = "",
    action_label: str = "",
    exclude_user_id: int | None = None,
    extra_addresses=(),
):
    """Put the e-mail in the task queue now (use :func:`notify_staff` inside a transaction)."""
    return send_staff_notification.enqueue(
        subject=str(subject),
        lines=[str(line) for line in lines],
        action_url=admin_url(action_url) if action_url else "",
        action_label=str(action_label or "Otwórz w panelu"),
        exclude_user_id=exclude_user_id,
        extra_addresses=[str(address) for address in extra_addresses if address],
    )


def notify_staff(
    subject: str,
    lines=(),
    action_url: str = "",
    action_label: str = "",
    exclude_user_id=None,
    extra_addresses=(),
):
    """E-mail the staff about a saved record, once the current transaction has committed.

    The arguments are turned into strings at once (the record's state at the time of the event); a failure
    to enqueue is logged and never reaches the visitor (``notify_after_commit``).
    """
    notify_after_commit(
        enqueue_staff_notification,
        str(subject),
        [str(line) for line in lines],
        str(action_url),
        str(action_label),
        exclude_user_id,
        [str(address) for address in extra_addresses if address],
    )


# Pages submitted for moderation -------------------------------------------------------------------------


def notify_staff_of_submission(sender, instance, user=None, **kwargs):
    """``task_submitted``: a page (an NGO profile, a club page, …) waits for the staff's approval."""
    from django.urls import reverse
    from wagtail.models import Page

    page = instance.workflow_state.content_object
    if not isinstance(page, Page):
        return
    who = (user.get_full_name() or user.get_username()) if user else "Redaktor"
    notify_staff(
        f"Strona do akceptacji: {page.title}",
        [
            f"{who} przesyła zmiany strony „{page.title}” do akceptacji ({instance.task.name}).",
            "Sprawdź zmiany i zatwierdź je albo odeślij do poprawy z komentarzem.",
        ],
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "Przejrzyj zmiany",
        exclude_user_id=user.pk if user else None,
    )


def route_moderation_notifications() -> None:
    """Send submission e-mails through :func:`notify_staff` instead of Wagtail's own notifiers.

    Wagtail e-mails each approver and superuser inline, in the request, when a page is submitted; here the
    chosen staff group gets one e-mail from the task queue. ``home`` is listed before ``wagtail.admin``,
    whose ``ready()`` connects those notifiers later, so they are switched off on the (module-level)
    instances rather than disconnected. Approval and rejection e-mails to the editor stay Wagtail's.
    """
    from wagtail.admin import signal_handlers
    from wagtail.models import TaskState
    from wagtail.signals import task_submitted

    for notifier in (
        signal_handlers.task_submission_email_notifier,
        signal_handlers.workflow_submission_email_notifier,
    ):
        notifier.can_handle = lambda instance, **kwargs: False
    task_submitted.connect(
        notify_staff_of_submission, sender=TaskState, dispatch_uid="cop_staff_notification_submitted"
    )
