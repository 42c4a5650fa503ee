"""Domain operations of the volunteer database: sign-up, signed e-mail links, consent, matching, GDPR.

Settings (all optional):

* ``VOLUNTEERING_LINK_MAX_AGE`` – seconds a confirmation link stays valid (default 14 days);
* ``VOLUNTEERING_WITHDRAW_LINK_MAX_AGE`` – seconds a withdrawal link (of a volunteer or of an offer
  application) stays valid (default 3 years);
* ``VOLUNTEERING_RETENTION_DAYS`` – days after consent (or last confirmation) before a record is
  anonymised (default 3 years);
* ``VOLUNTEERING_WITHDRAWN_GRACE_DAYS`` – days a withdrawn record (volunteer or offer application) is kept
  before anonymisation (default 30);
* ``VOLUNTEERING_UNCONFIRMED_DAYS`` – days an unconfirmed sign-up waits before it is deleted (default 14).
"""

import base64
import datetime
import json
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from home.editors import give_subtree
from home.mail import queue_mail
from home.notifications import notify_staff
from home.protection import notify_after_commit

from .models import ConsentRecord, GdprAuditEntry, OfferApplication, Volunteer
from .models.pages import ADULT_AGE, open_offers
from .models.records import GUARDIAN_SIGNS_BELOW, age_on, today

DAY = 24 * 3600
ANONYMOUS = "(usunięto)"
ERASED_EMAIL = "usunieto@invalid"  # the address of an erased offer application
SALTS = {
    "email": "volunteering.confirm-email",
    "guardian": "volunteering.guardian-consent",
    "withdraw": "volunteering.withdraw-consent",
    "application": "volunteering.withdraw-application",
}
# The page route of each link (on the Volunteer Centre page).
ROUTES = {
    "email": "confirm_email",
    "guardian": "guardian_consent",
    "withdraw": "withdraw",
    "application": "withdraw_application",
}


def setting(name: str, default):
    return getattr(settings, name, default)


def link_max_age(purpose: str) -> int:
    if purpose in ("withdraw", "application"):
        return setting("VOLUNTEERING_WITHDRAW_LINK_MAX_AGE", 3 * 365 * DAY)
    return setting("VOLUNTEERING_LINK_MAX_AGE", 14 * DAY)


# School clubs ------------------------------------------------------------------------------------

CLUB_KIND = "koło wolontariatu"
CLUB_COLLECTIONS = "Koła wolontariatu"


def club_group_name(club) -> str:
    return f"Opiekunowie koła: {club.title}"[:140] + f" #{club.pk}"


def give_club_subtree(club):
    """The club's coordinator group, collection and "Akceptacja COP" workflow (the NGOs' mechanism).

    Staff then add the coordinator's account to this group; calling it again changes nothing.
    """
    return give_subtree(
        club,
        group_name=club_group_name(club),
        collection_name=f"{club.title} #{club.pk}"[:250],
        kind=CLUB_KIND,
        parent_collection=CLUB_COLLECTIONS,
    )


# Signed links ------------------------------------------------------------------------------------


def _sign(payload: dict, purpose: str) -> str:
    # Wagtail's page URLs accept only [\w-] in a segment, so the signed value is wrapped in URL-safe base64.
    signed = signing.dumps(payload, salt=SALTS[purpose], compress=True)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def _unsign(token: str, purpose: str) -> dict:
    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        payload = signing.loads(signed, salt=SALTS[purpose], max_age=link_max_age(purpose))
    except signing.SignatureExpired as error:
        raise LinkError("expired") from error
    except (signing.BadSignature, ValueError) as error:
        raise LinkError("invalid") from error
    if not isinstance(payload, dict):
        raise LinkError("invalid")
    return payload


def make_token(volunteer: Volunteer, purpose: str) -> str:
    """A signed, timestamped token for one volunteer and one purpose (salt per purpose)."""
    payload = {
        "v": volunteer.pk,
        "e": (volunteer.guardian_email if purpose == "guardian" else volunteer.contact_email),
    }
    return _sign(payload, purpose)


class LinkError(Exception):
    """The link is forged, for another purpose, expired, or its record is gone."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


def read_token(token: str, purpose: str) -> Volunteer:
    payload = _unsign(token, purpose)
    volunteer = Volunteer.objects.filter(pk=payload.get("v")).first()
    expected = volunteer and (volunteer.guardian_email if purpose == "guardian" else volunteer.contact_email)
    # The address is part of the token: after erasure (or a changed address) old links stop working.
    if not volunteer or volunteer.status == Volunteer.Status.ANONYMISED or expected != payload.get("e"):
        raise LinkError("invalid")
    return volunteer


def make_application_token(application: OfferApplication) -> str:
    """The signed withdrawal link of one offer application (its own salt: never valid for a volunteer)."""
    return _sign({"a": application.pk, "e": application.email}, "application")


def read_application_token(token: str) -> OfferApplication:
    payload = _unsign(token, "application")
    application = OfferApplication.objects.select_related("offer").filter(pk=payload.get("a")).first()
    # After erasure the address is gone, and with it every old link.
    if not application or application.email == ERASED_EMAIL or application.email != payload.get("e"):
        raise LinkError("invalid")
    return application


def centre_url(centre) -> str:
    """The Centre page's full address (for e-mails), ending with a slash."""
    base = centre.get_full_url()
    if not base.startswith("http"):
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + centre.url
    return base.rstrip("/") + "/"


def _centre_link(centre, route: str, token: str) -> str:
    return centre_url(centre) + centre.reverse_subpage(route, args=[token])


def link_url(centre, volunteer: Volunteer, purpose: str) -> str:
    return _centre_link(centre, ROUTES[purpose], make_token(volunteer, purpose))


def application_withdraw_url(centre, application: OfferApplication) -> str:
    return _centre_link(centre, ROUTES["application"], make_application_token(application))


# Sign-up -----------------------------------------------------------------------------------------


def signer_for_age(age: int) -> str:
    if age < GUARDIAN_SIGNS_BELOW:
        return Volunteer.Signer.GUARDIAN
    if age < ADULT_AGE:
        return Volunteer.Signer.SELF_WITH_GUARDIAN
    return Volunteer.Signer.SELF


def known_volunteer(email: str) -> Volunteer | None:
    """The live record holding this address in any letter case (withdrawn ones do not count)."""
    if not email:
        return None
    # Lower() on both sides in the database: exactly the comparison of the unique constraint.
    return (
        Volunteer.objects.alias(key=Lower("email"))
        .filter(key=Lower(Value(email)))
        .exclude(status__in=[Volunteer.Status.WITHDRAWN, Volunteer.Status.ANONYMISED])
        .first()
    )


def known_child(data: dict) -> Volunteer | None:
    """The live record of a child without an address that this guardian has already signed up: the same
    guardian's address, first and last name (any letter case) and date of birth.

    The names are compared in Python (``casefold``): SQLite's ``lower()`` leaves Polish capitals (Ł, Ś…)
    alone, so "Łucja" and "łucja" would differ there; the guardian's children are a handful of rows.
    """
    guardian_email = (data.get("guardian_email") or "").strip()
    if not guardian_email:
        return None
    first_name, last_name = data["first_name"].strip().casefold(), data["last_name"].strip().casefold()
    children = (
        Volunteer.objects.alias(guardian_key=Lower("guardian_email"))
        .filter(email="", guardian_key=Lower(Value(guardian_email)), date_of_birth=data["date_of_birth"])
        .exclude(status__in=[Volunteer.Status.WITHDRAWN, Volunteer.Status.ANONYMISED])
        .order_by("pk")
    )
    return next(
        (
            child
            for child in children
            if child.first_name.casefold() == first_name and child.last_name.casefold() == last_name
        ),
        None,
    )


def _already_signed_up(email: str, data: dict) -> Volunteer | None:
    return known_volunteer(email) if email else known_child(data)


@transaction.atomic
def sign_up(centre, data: dict, consent_words: str = "") -> Volunteer | None:
    """Save a sign-up (pending) with its consent, then e-mail the confirmation links after commit.

    The consent record keeps what the person read: ``consent_words`` (the ticked words, worded for who
    signs) followed by the Centre's information clause, under the clause's version.

    An address already in the database (or, for a child without one, the same child of the same
    guardian) makes no second record: the person behind it gets an e-mail with their links instead,
    and the visitor sees the same page either way (nobody learns from the form whether an address is
    known). Returns the new record, or None for a known address.
    """
    email = (data.get("email") or "").strip()
    if known := _already_signed_up(email, data):
        notify_after_commit(send_volunteer_mail, centre, known, "known")
        return None
    try:
        # A savepoint: two sign-ups racing with one person meet the database's unique constraints.
        with transaction.atomic():
            volunteer = _create_volunteer(data, email)
    except IntegrityError:
        known = _already_signed_up(email, data)
        if known is None:
            raise
        notify_after_commit(send_volunteer_mail, centre, known, "known")
        return None
    volunteer.interests.set(data.get("interests") or [])
    volunteer.skills.set(data.get("skills") or [])
    role = (
        ConsentRecord.Role.GUARDIAN
        if volunteer.signer == Volunteer.Signer.GUARDIAN
        else ConsentRecord.Role.VOLUNTEER
    )
    ConsentRecord.objects.create(
        volunteer=volunteer,
        role=role,
        text_version=centre.consent_version,
        text="\n\n".join(part for part in (consent_words.strip(), centre.consent_text.strip()) if part),
    )
    if volunteer.email:
        notify_after_commit(send_volunteer_mail, centre, volunteer, "email")
    if volunteer.needs_guardian:
        notify_after_commit(send_volunteer_mail, centre, volunteer, "guardian")
    return volunteer


def _create_volunteer(data: dict, email: str) -> Volunteer:
    signer = signer_for_age(age_on(data["date_of_birth"], today()))
    minor = signer != Volunteer.Signer.SELF
    return Volunteer.objects.create(
        first_name=data["first_name"].strip(),
        last_name=data["last_name"].strip(),
        email=email,
        phone=data.get("phone") or "",
        date_of_birth=data["date_of_birth"],
        district=data["district"],
        availability=list(data.get("availability") or []),
        languages=data.get("languages") or "",
        experience=data.get("experience") or "",
        club=data.get("club"),
        signer=signer,
        guardian_name=(data.get("guardian_name") or "") if minor else "",
        guardian_email=(data.get("guardian_email") or "") if minor else "",
    )


MAIL_SUBJECTS = {
    "email": "Potwierdź adres e-mail – gminna baza wolontariuszy",
    "guardian": "Prośba o zgodę opiekuna – gminna baza wolontariuszy",
    "active": "Witamy w gminnej bazie wolontariuszy",
    "withdrawn": "Zgoda wycofana – gminna baza wolontariuszy",
    "known": "Twój adres jest już w gminnej bazie wolontariuszy",
}


def send_volunteer_mail(centre, volunteer: Volunteer, kind: str) -> None:
    """One e-mail to the volunteer (or guardian); every e-mail carries the withdrawal link."""
    to = volunteer.guardian_email if kind == "guardian" else volunteer.contact_email
    if not to:
        return
    context = {
        "volunteer": volunteer,
        "centre": centre,
        "centre_url": centre_url(centre),
        "kind": kind,
        "withdraw_url": link_url(centre, volunteer, "withdraw"),
        "max_age_days": link_max_age(kind) // DAY,
        "grace_days": withdrawn_grace_days(),
    }
    if kind in ("email", "guardian"):
        context["action_url"] = link_url(centre, volunteer, kind)
    elif kind == "known" and volunteer.email and not volunteer.email_confirmed_at:
        # Someone signed up again with an address still waiting for confirmation: the link once more.
        context["action_url"] = link_url(centre, volunteer, "email")
        context["max_age_days"] = link_max_age("email") // DAY
    elif kind == "known" and not volunteer.email and not volunteer.guardian_confirmed_at:
        # A guardian signed the same child up again before confirming: the consent link once more.
        context["action_url"] = link_url(centre, volunteer, "guardian")
        context["max_age_days"] = link_max_age("guardian") // DAY
    body = render_to_string("volunteering/emails/volunteer.txt", context)
    queue_mail(MAIL_SUBJECTS[kind], body, [to])
    if kind == "active" and volunteer.needs_guardian and volunteer.email:
        queue_mail(MAIL_SUBJECTS[kind], body, [volunteer.guardian_email])


def notify_staff_of_new_volunteer(centre, volunteer: Volunteer) -> None:
    """Staff learn that a volunteer became active (consents confirmed) and can be matched to offers.

    The e-mail holds no personal data, only the record number; the staff group (site settings) and the
    centre's own notification address receive it.
    """
    notify_staff(
        f"Nowy aktywny wolontariusz w gminnej bazie (rekord nr {volunteer.pk})",
        [
            f"Wolontariusz (rekord nr {volunteer.pk}) potwierdził zgody i jest aktywny w gminnej bazie.",
            "Dane osobowe są tylko w panelu: Wolontariat → Wolontariusze.",
        ],
        reverse("volunteering_volunteer_modeladmin_inspect", args=[volunteer.pk]),
        "Otwórz rekord w panelu",
        extra_addresses=[centre.staff_email],
    )


@transaction.atomic
def _activate_if_ready(centre, volunteer: Volunteer) -> None:
    if volunteer.status == Volunteer.Status.PENDING and volunteer.ready_to_activate():
        volunteer.status = Volunteer.Status.ACTIVE
        volunteer.save(update_fields=["status", "updated_at"])
        notify_after_commit(send_volunteer_mail, centre, volunteer, "active")
        notify_staff_of_new_volunteer(centre, volunteer)


@transaction.atomic
def confirm_email(centre, volunteer: Volunteer) -> None:
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.status == Volunteer.Status.WITHDRAWN:
        return
    if not volunteer.email_confirmed_at:
        volunteer.email_confirmed_at = timezone.now()
        volunteer.save(update_fields=["email_confirmed_at", "updated_at"])
    _activate_if_ready(centre, volunteer)


@transaction.atomic
def confirm_guardian(centre, volunteer: Volunteer) -> None:
    """The guardian's consent: recorded with the consent text version, then the volunteer may activate."""
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.status == Volunteer.Status.WITHDRAWN or volunteer.guardian_confirmed_at:
        return
    now = timezone.now()
    volunteer.guardian_confirmed_at = now
    if volunteer.signer == Volunteer.Signer.GUARDIAN and not volunteer.email:
        volunteer.email_confirmed_at = now
    volunteer.save(update_fields=["guardian_confirmed_at", "email_confirmed_at", "updated_at"])
    if not volunteer.consents.filter(role=ConsentRecord.Role.GUARDIAN, withdrawn_at__isnull=True).exists():
        ConsentRecord.objects.create(
            volunteer=volunteer,
            role=ConsentRecord.Role.GUARDIAN,
            text_version=centre.consent_version,
            text=centre.consent_text,
            given_at=now,
        )
    _activate_if_ready(centre, volunteer)


@transaction.atomic
def withdraw_consent(centre, volunteer: Volunteer) -> None:
    """Withdraw every consent and deactivate; the record is anonymised after the grace period."""
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.status in (Volunteer.Status.WITHDRAWN, Volunteer.Status.ANONYMISED):
        return
    now = timezone.now()
    volunteer.status = Volunteer.Status.WITHDRAWN
    volunteer.withdrawn_at = now
    volunteer.save(update_fields=["status", "withdrawn_at", "updated_at"])
    volunteer.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    GdprAuditEntry.objects.create(
        action=GdprAuditEntry.Action.WITHDRAW, volunteer_id_ref=volunteer.pk, note="link z e-maila"
    )
    notify_after_commit(send_volunteer_mail, centre, volunteer, "withdrawn")


@transaction.atomic
def withdraw_application(centre, application: OfferApplication) -> None:
    """The applicant withdraws: the organiser is told, the data are erased after the grace period.

    Withdrawing twice changes nothing and tells nobody again.
    """
    application = OfferApplication.objects.select_for_update().select_related("offer").get(pk=application.pk)
    if application.withdrawn_at or application.email == ERASED_EMAIL:
        return
    application.status = OfferApplication.Status.WITHDRAWN
    _date_withdrawal(application, "zgłoszenie do oferty wycofane linkiem z e-maila")
    application.save(update_fields=["status", "withdrawn_at"])
    notify_after_commit(send_application_withdrawn_notice, application.pk)


def _date_withdrawal(application: OfferApplication, note: str) -> None:
    """Date a withdrawal (the retention purge counts its grace period from it) and log it with ``note``."""
    application.withdrawn_at = timezone.now()
    GdprAuditEntry.objects.create(
        action=GdprAuditEntry.Action.WITHDRAW,
        volunteer_id_ref=application.pk,
        record_type="application",
        note=note,
    )


def note_status_change(application: OfferApplication) -> None:
    """The organiser or staff changed an application's status in the panel (not yet saved).

    "wycofane" dates the withdrawal, which the retention purge counts its grace period from, and is
    logged like a withdrawal by link; leaving "wycofane" (a mistake corrected) clears the date.
    """
    withdrawn = application.status == OfferApplication.Status.WITHDRAWN
    if withdrawn and not application.withdrawn_at:
        _date_withdrawal(application, "zgłoszenie do oferty oznaczone w panelu jako wycofane")
    elif not withdrawn and application.withdrawn_at:
        application.withdrawn_at = None


def send_application_withdrawn_notice(application_pk: int) -> None:
    """The organiser learns that an application was withdrawn (no contact details, as in the notice)."""
    application = OfferApplication.objects.select_related("offer").get(pk=application_pk)
    body = render_to_string("volunteering/emails/application_withdrawn.txt", {"application": application})
    queue_mail(
        f"Zgłoszenie wycofane – oferta „{application.offer.title}”",
        body,
        [application.offer.contact_email],
    )


# Matching ----------------------------------------------------------------------------------------


@dataclass
class Match:
    """One suggested pairing with the reasons a coordinator can read."""

    volunteer: Volunteer
    offer: object
    score: int
    reasons: list[str]


def suggest_matches(volunteers=None, offers=None, *, limit: int | None = None) -> list[Match]:
    """Active volunteers × open offers: shared interests (3 points each), skills (2), district (1).

    A pair is suggested only when the volunteer is old enough for the offer and shares at least an
    interest or a skill. Each reason names what matched. Two queries per side, whatever the rows.
    """
    if volunteers is None:
        volunteers = Volunteer.objects.filter(status=Volunteer.Status.ACTIVE)
    if offers is None:
        offers = open_offers()
    volunteers = list(volunteers.prefetch_related("interests", "skills"))
    offers = list(offers.prefetch_related("areas", "skills"))
    matches = []
    for volunteer in volunteers:
        interests = {area.pk: area.name for area in volunteer.interests.all()}
        skills = {skill.pk: skill.name for skill in volunteer.skills.all()}
        age = volunteer.age
        for offer in offers:
            if age is None or age < offer.min_age:
                continue
            shared_areas = sorted(area.name for area in offer.areas.all() if area.pk in interests)
            shared_skills = sorted(skill.name for skill in offer.skills.all() if skill.pk in skills)
            if not shared_areas and not shared_skills:
                continue
            reasons = []
            if shared_areas:
                reasons.append("wspólne zainteresowania: " + ", ".join(shared_areas))
            if shared_skills:
                reasons.append("umiejętności: " + ", ".join(shared_skills))
            score = 3 * len(shared_areas) + 2 * len(shared_skills)
            if volunteer.district and volunteer.district == offer.district:
                reasons.append(f"ta sama dzielnica: {offer.get_district_display()}")
                score += 1
            reasons.append(f"wiek {age} lat (oferta od {offer.min_age} lat)")
            matches.append(Match(volunteer, offer, score, reasons))
    matches.sort(key=lambda m: (-m.score, m.offer.title, m.volunteer.pk))
    return matches[:limit] if limit else matches


# GDPR --------------------------------------------------------------------------------------------


def export_person(volunteer: Volunteer, *, user=None) -> str:
    """Everything held about one person, as JSON (Art. 15/20 GDPR); the export is logged."""
    data = {
        "rekord": volunteer.pk,
        "status": volunteer.status,
        "imie": volunteer.first_name,
        "nazwisko": volunteer.last_name,
        "email": volunteer.email,
        "telefon": volunteer.phone,
        "data_urodzenia": volunteer.date_of_birth,
        "dzielnica": volunteer.district,
        "zainteresowania": [area.name for area in volunteer.interests.all()],
        "umiejetnosci": [skill.name for skill in volunteer.skills.all()],
        "dostepnosc": volunteer.availability,
        "jezyki": volunteer.languages,
        "doswiadczenie": volunteer.experience,
        "kolo_wolontariatu": volunteer.club.title if volunteer.club else None,
        "podpisujacy": volunteer.signer,
        "opiekun": {"imie_nazwisko": volunteer.guardian_name, "email": volunteer.guardian_email},
        "email_potwierdzony": volunteer.email_confirmed_at,
        "zgoda_opiekuna": volunteer.guardian_confirmed_at,
        "zgoda_wycofana": volunteer.withdrawn_at,
        "zapisano": volunteer.created_at,
        "zgody": [
            {
                "kto": c.role,
                "wersja": c.text_version,
                "tresc": c.text,
                "udzielono": c.given_at,
                "wycofano": c.withdrawn_at,
            }
            for c in volunteer.consents.all()
        ],
        "zgloszenia_do_ofert": [
            {
                "oferta": a.offer.title,
                "status": a.status,
                "zgloszono": a.created_at,
                "wiadomosc": a.message,
                "zgoda": {"wersja": a.consent_version, "tresc": a.consent_text},
                "wycofano": a.withdrawn_at,
                "godziny": [
                    {"data": h.date, "godzin": h.hours, "opis": h.description} for h in a.hours.all()
                ],
            }
            for a in applications_of(volunteer).select_related("offer").prefetch_related("hours")
        ],
    }
    GdprAuditEntry.objects.create(
        action=GdprAuditEntry.Action.EXPORT, volunteer_id_ref=volunteer.pk, user=user
    )
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def applications_of(volunteer: Volunteer):
    """The person's applications: linked to the record, or sent from its address and linked to no other.

    An address may have a withdrawn record and a new one; each keeps its own linked applications.
    """
    condition = Q(volunteer=volunteer)
    if volunteer.email:
        condition |= Q(email__iexact=volunteer.email, volunteer__isnull=True)
    return OfferApplication.objects.filter(condition)


@transaction.atomic
def anonymise(volunteer: Volunteer, *, user=None, action=GdprAuditEntry.Action.ERASE, note: str = "") -> None:
    """Erase the person's data; keep only district, birth year and counts for statistics.

    Their applications lose name, contact and message (hours stay, for the offer's statistics).
    """
    applications = applications_of(volunteer)
    application_ids = list(applications.values_list("pk", flat=True))
    applications.update(
        name=ANONYMOUS,
        email=ERASED_EMAIL,
        phone="",
        guardian_name="",
        guardian_email="",
        message="",
        volunteer=None,
    )
    volunteer.first_name = ANONYMOUS
    volunteer.last_name = ""
    volunteer.email = ""
    volunteer.phone = ""
    if volunteer.date_of_birth:
        volunteer.date_of_birth = datetime.date(volunteer.date_of_birth.year, 1, 1)
    volunteer.languages = ""
    volunteer.experience = ""
    volunteer.guardian_name = ""
    volunteer.guardian_email = ""
    volunteer.status = Volunteer.Status.ANONYMISED
    volunteer.anonymised_at = timezone.now()
    volunteer.save()
    volunteer.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=volunteer.anonymised_at)
    volunteer.consents.update(text="")
    forget_admin_log_labels(Volunteer, [volunteer.pk])
    forget_admin_log_labels(OfferApplication, application_ids)
    GdprAuditEntry.objects.create(action=action, volunteer_id_ref=volunteer.pk, user=user, note=note)


def forget_admin_log_labels(model, pks) -> None:
    """Wagtail's admin log stores each record's name as its label; after erasure keep only the number."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    content_type = ContentType.objects.get_for_model(model)
    for pk in pks:
        ModelLogEntry.objects.filter(content_type=content_type, object_id=str(pk)).update(
            label=f"#{pk}", data={}
        )


def withdrawn_grace_days() -> int:
    return setting("VOLUNTEERING_WITHDRAWN_GRACE_DAYS", 30)


def purge(
    *,
    now=None,
    dry_run: bool = False,
    retention_days: int | None = None,
    unconfirmed_days: int | None = None,
    grace_days: int | None = None,
) -> dict:
    """Apply the retention rules; returns how many records each rule touched.

    The periods come from the settings unless given (the command's options override them).
    """
    now = now or timezone.now()
    if unconfirmed_days is None:
        unconfirmed_days = setting("VOLUNTEERING_UNCONFIRMED_DAYS", 14)
    if retention_days is None:
        retention_days = setting("VOLUNTEERING_RETENTION_DAYS", 3 * 365)
    if grace_days is None:
        grace_days = withdrawn_grace_days()
    unconfirmed = Volunteer.objects.filter(
        status=Volunteer.Status.PENDING, created_at__lt=now - datetime.timedelta(days=unconfirmed_days)
    )
    expired = Volunteer.objects.filter(
        status=Volunteer.Status.ACTIVE, created_at__lt=now - datetime.timedelta(days=retention_days)
    )
    withdrawn = Volunteer.objects.filter(
        status=Volunteer.Status.WITHDRAWN, withdrawn_at__lt=now - datetime.timedelta(days=grace_days)
    )
    old_applications = OfferApplication.objects.filter(
        Q(created_at__lt=now - datetime.timedelta(days=retention_days))
        | Q(withdrawn_at__lt=now - datetime.timedelta(days=grace_days))
    ).exclude(email=ERASED_EMAIL)
    counts = {
        "unconfirmed_deleted": unconfirmed.count(),
        "expired_anonymised": expired.count(),
        "withdrawn_anonymised": withdrawn.count(),
        "applications_anonymised": old_applications.count(),
    }
    if dry_run:
        return counts
    with transaction.atomic():
        for pk in unconfirmed.values_list("pk", flat=True):
            GdprAuditEntry.objects.create(
                action=GdprAuditEntry.Action.PURGE, volunteer_id_ref=pk, note="niepotwierdzony zapis usunięty"
            )
        unconfirmed.delete()
        for volunteer in list(expired) + list(withdrawn):
            note = (
                "zgoda wycofana"
                if volunteer.status == Volunteer.Status.WITHDRAWN
                else "koniec okresu przechowywania"
            )
            anonymise(volunteer, action=GdprAuditEntry.Action.PURGE, note=note)
        forget_admin_log_labels(OfferApplication, list(old_applications.values_list("pk", flat=True)))
        old_applications.update(
            name=ANONYMOUS,
            email=ERASED_EMAIL,
            phone="",
            guardian_name="",
            guardian_email="",
            message="",
            volunteer=None,
        )
    return counts
