"""Domain operations of the NGO directory: filtering, onboarding decisions and the e-mails they send."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from home.editors import add_editor, give_subtree
from home.mail import queue_mail
from home.notifications import notify_staff
from home.permissions import STAFF_GROUP
from home.search import clean_query

from . import search
from .models import NGODirectoryPage, NGOProfilePage, OnboardingRequest
from .models.pages import identifier_conflicts

logger = logging.getLogger(__name__)

NGO_COLLECTIONS = "Organizacje"
NGO_KIND = "organizacja"


def filter_organisations(queryset, filters: dict):
    """Apply the directory filters (the same for the public page and the API); ordered by name."""
    if area := filters.get("obszar"):
        queryset = queryset.filter(areas__slug=area) if isinstance(area, str) else queryset.filter(areas=area)
    if district := filters.get("dzielnica"):
        queryset = queryset.filter(district=district)
    if legal_form := filters.get("forma"):
        queryset = queryset.filter(legal_form=legal_form)
    if filters.get("opp"):
        queryset = queryset.filter(is_opp=True)
    if terms := clean_query(filters.get("q")):
        # Folded: the profile's text is also searchable without diacritics (``search_text_folded``),
        # so "pomoc spoleczna" finds "Pomoc społeczna" and the accented query still does. A search
        # orders its matches by name itself (on PostgreSQL by the name kept in the search document).
        return search.matching(queryset, terms)
    return queryset.order_by("title", "pk")


def polish_slug(text: str) -> str:
    """A web address from a Polish name: "Łapa" gives "lapa" (``slugify`` alone drops "ł", which has no
    decomposed form)."""
    return slugify(text.translate(str.maketrans("łŁ", "lL")))


def editor_group_name(page: NGOProfilePage) -> str:
    return f"Organizacja: {page.title}"[:140] + f" #{page.pk}"


def give_ngo_subtree(page: NGOProfilePage):
    """The NGO's own editor group, collection and the "Akceptacja COP" workflow on its profile."""
    return give_subtree(
        page,
        group_name=editor_group_name(page),
        collection_name=f"{page.title} #{page.pk}"[:250],
        kind=NGO_KIND,
        parent_collection=NGO_COLLECTIONS,
    )


def notify_staff_of_request(onboarding: OnboardingRequest) -> None:
    """E-mail the staff group (site settings) once the request is committed; sent by the task queue."""
    notify_staff(
        f"Nowe zgłoszenie organizacji: {onboarding.name}",
        [
            f"Organizacja „{onboarding.name}” prosi o dodanie do bazy organizacji.",
            f"Dzielnica: {onboarding.get_district_display()}",
        ],
        reverse("ngo_onboarding_decide", args=[onboarding.pk]),
        "Rozpatrz zgłoszenie",
    )


def confirm_request_received(onboarding: OnboardingRequest) -> None:
    queue_mail(
        "Otrzymaliśmy zgłoszenie organizacji",
        (
            f"Dzień dobry,\n\ndziękujemy za zgłoszenie organizacji „{onboarding.name}” do bazy organizacji "
            "Centrum Organizacji Pozarządowych w Czerwionce-Leszczynach. Pracownik COP sprawdzi dane i "
            "odpowie e-mailem.\n\nCentrum Organizacji Pozarządowych\n"
        ),
        [onboarding.contact_email],
    )


def password_setup_url(user) -> str:
    """A one-time link to set a password (Django's password-reset token, the Wagtail admin form)."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL + path


def send_invitation(onboarding: OnboardingRequest) -> None:
    user = onboarding.editor
    send_mail(
        "Zaproszenie do redagowania profilu organizacji",
        (
            f"Dzień dobry,\n\nzgłoszenie organizacji „{onboarding.name}” zostało zatwierdzone. Przygotowaliśmy "
            "szkic jej profilu w bazie organizacji; po uzupełnieniu prześlij go do akceptacji COP.\n\n"
            f"Twój login: {user.get_username()}\n"
            f"Ustaw hasło (link jest jednorazowy): {password_setup_url(user)}\n"
            f"Panel redakcyjny: {settings.WAGTAILADMIN_BASE_URL}/admin/\n\n"
            "Centrum Organizacji Pozarządowych\n"
        ),
        None,
        [user.email],
    )


def deliver_invitation(onboarding: OnboardingRequest) -> bool:
    """Send the invitation now and record the outcome on the request: staff see whether it went out.

    Called after the approval is committed (the link in it must work), and again by "Wyślij zaproszenie
    ponownie". A mail failure is logged and stored as a Polish message; it never undoes the approval.
    """
    return _deliver(onboarding, send_invitation, "invitation")


@transaction.atomic
def correct_address(onboarding: OnboardingRequest, email: str) -> bool:
    """Staff correct a mistyped address before sending the decision again; returns whether it changed.

    The request keeps the new address. For an approved request the editor's account gets it too – but
    only while nobody has signed in to that account (afterwards its owner changes the address; moving it
    would hand the account to whoever reads the new mailbox) and only if no other account uses it.
    ``onboarding`` (and its editor) carry the new address afterwards, ready for sending.
    """
    from django.core.validators import validate_email

    email = (email or "").strip()
    if not email:
        return False
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(_("Podaj poprawny adres e-mail, np. biuro@organizacja.pl.")) from None
    locked = (
        OnboardingRequest.objects.select_for_update(of=("self",))
        .select_related("editor")
        .get(pk=onboarding.pk)
    )
    editor = locked.editor if locked.status == OnboardingRequest.Status.APPROVED else None
    current = editor.email if editor else locked.contact_email
    if email.lower() == current.lower():
        return False
    if editor is not None:
        if editor.last_login:
            raise ValidationError(
                _("Redaktor %(username)s już się logował: adres swojego konta zmienia sam.")
                % {"username": editor.get_username()}
            )
        if get_user_model().objects.filter(email__iexact=email).exclude(pk=editor.pk).exists():
            raise ValidationError(_("Adres %(email)s ma już inne konto w panelu.") % {"email": email})
        editor.email = email
        editor.save(update_fields=["email"])
        onboarding.editor = editor
    locked.contact_email = onboarding.contact_email = email
    locked.save(update_fields=["contact_email"])
    return True


def deliver_rejection(onboarding: OnboardingRequest) -> bool:
    """Send the reason of the rejection now and record the outcome on the request, as for the invitation.

    Called after the rejection is committed, and again by "Wyślij ponownie e-mail z odmową". A mail failure
    is logged and stored as a Polish message; the rejection itself stands.
    """
    return _deliver(onboarding, send_rejection, "rejection")


def _deliver(onboarding: OnboardingRequest, send, kind: str) -> bool:
    """Call ``send(onboarding)`` and store the outcome in the request's ``<kind>_sent_at`` and
    ``<kind>_error`` (one UPDATE of those two fields only, so nothing else of the request is overwritten)."""
    try:
        send(onboarding)
    except Exception as error:  # noqa: BLE001 - any mail error is reported to staff, never a 500
        logger.exception(
            "E-mail (%s) for onboarding request %s failed; staff may send it again.", kind, onboarding.pk
        )
        outcome = {f"{kind}_sent_at": None, f"{kind}_error": mail_error_message(error)}
    else:
        outcome = {f"{kind}_sent_at": timezone.now(), f"{kind}_error": ""}
    for field, value in outcome.items():
        setattr(onboarding, field, value)
    OnboardingRequest.objects.filter(pk=onboarding.pk).update(**outcome)
    return not outcome[f"{kind}_error"]


def mail_error_message(error: Exception) -> str:
    """What went wrong with an e-mail to the applicant, in words staff can act on."""
    import smtplib

    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return _("serwer poczty odrzucił adres odbiorcy – sprawdź, czy adres e-mail jest poprawny")
    return _("serwer poczty nie odpowiada albo odrzucił wiadomość – spróbuj ponownie za kilka minut")


def send_rejection(onboarding: OnboardingRequest) -> None:
    send_mail(
        "Zgłoszenie organizacji nie zostało przyjęte",
        (
            f"Dzień dobry,\n\nnie możemy dodać organizacji „{onboarding.name}” do bazy organizacji.\n\n"
            f"Powód: {onboarding.decision_comment}\n\n"
            "W razie pytań prosimy o kontakt z Centrum Organizacji Pozarządowych.\n"
        ),
        None,
        [onboarding.contact_email],
    )


def _editor_account(onboarding: OnboardingRequest):
    """A new account for the contact person (never an existing staff or administrator account)."""
    User = get_user_model()
    existing = User.objects.filter(email__iexact=onboarding.contact_email).first()
    if (
        existing
        and not existing.is_superuser
        and not existing.is_staff
        and not existing.groups.filter(name=STAFF_GROUP).exists()
    ):
        return existing
    base = slugify(onboarding.contact_email.split("@")[0])[:130] or "redaktor"
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}{n}"
    user = User(
        username=username,
        email=onboarding.contact_email,
        first_name=onboarding.contact_first_name,
        last_name=onboarding.contact_last_name,
    )
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def approve_onboarding(onboarding: OnboardingRequest, staff_user, directory: NGODirectoryPage | None = None):
    """One action: the draft profile, the NGO's group and collection and the editor account.

    The caller then sends the invitation with :func:`deliver_invitation` (after the commit) and tells staff
    whether it went out.
    """
    onboarding = OnboardingRequest.objects.select_for_update().get(pk=onboarding.pk)
    if onboarding.status != OnboardingRequest.Status.PENDING:
        raise ValidationError("To zgłoszenie zostało już rozpatrzone.")
    directory = directory or NGODirectoryPage.objects.first()
    if directory is None:
        raise ValidationError("Najpierw utwórz stronę „Baza organizacji”.")
    # A draft page is saved without full validation, so the uniqueness of KRS/NIP is checked here: a profile
    # with the same number may have been added since the request came in.
    if conflicts := identifier_conflicts(krs=onboarding.krs, nip=onboarding.nip):
        raise ValidationError(
            [
                *conflicts.values(),
                _("Odrzuć zgłoszenie z tym powodem albo przekaż redaktorowi dostęp do istniejącego profilu."),
            ]
        )
    profile = NGOProfilePage(
        title=onboarding.name,
        slug=polish_slug(onboarding.short_name or onboarding.name)[:80] or "organizacja",
        short_name=onboarding.short_name,
        legal_form=onboarding.legal_form,
        krs=onboarding.krs,
        nip=onboarding.nip,
        regon=onboarding.regon,
        is_opp=onboarding.is_opp,
        district=onboarding.district,
        street=onboarding.street,
        postal_code=onboarding.postal_code,
        email=onboarding.email,
        phone=onboarding.phone,
        website=onboarding.website,
        description=[
            {"type": "paragraph", "value": f"<p>{escape(para.strip())}</p>"}
            for para in onboarding.description.splitlines()
            if para.strip()
        ],
        live=False,
    )
    siblings = set(directory.get_children().values_list("slug", flat=True))
    base_slug, n = profile.slug, 1
    while profile.slug in siblings:
        n += 1
        profile.slug = f"{base_slug}-{n}"
    profile.areas.set(onboarding.areas.all())  # in memory until add_child saves the page (modelcluster)
    directory.add_child(instance=profile)
    profile.save_revision(user=staff_user, log_action=True)
    subtree = give_ngo_subtree(profile)
    editor = _editor_account(onboarding)
    add_editor(subtree, editor)
    onboarding.status = OnboardingRequest.Status.APPROVED
    onboarding.decided_at = timezone.now()
    onboarding.decided_by = staff_user
    onboarding.profile = profile
    onboarding.editor = editor
    onboarding.save()
    # The invitation is sent by the caller once this is committed (``deliver_invitation``): staff are told
    # whether it went out, never "sent" when the mail server refused it.
    return onboarding


@transaction.atomic
def reject_onboarding(onboarding: OnboardingRequest, staff_user, reason: str):
    """Record the rejection and its reason; the caller then sends it with :func:`deliver_rejection`."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"decision_comment": "Podaj powód odrzucenia: otrzyma go zgłaszający."})
    onboarding = OnboardingRequest.objects.select_for_update().get(pk=onboarding.pk)
    if onboarding.status != OnboardingRequest.Status.PENDING:
        raise ValidationError("To zgłoszenie zostało już rozpatrzone.")
    onboarding.status = OnboardingRequest.Status.REJECTED
    onboarding.decision_comment = reason
    onboarding.decided_at = timezone.now()
    onboarding.decided_by = staff_user
    onboarding.save()
    # The reason is sent by the caller once this is committed (``deliver_rejection``): staff are told whether
    # it went out, and a mail failure never undoes the decision.
    return onboarding
