"""Requests visitors submit and staff decide on: room bookings and advisory appointments.

Both share :class:`StaffDecisionRequest` (requester, status, decision, signed link); the workflow
that moves them from "pending" to a decision lives in ``booking.services``.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("oczekuje na decyzję")
    APPROVED = "approved", _("zatwierdzony")
    DECLINED = "declined", _("odrzucony")
    WITHDRAWN = "withdrawn", _("wycofany przez wnioskodawcę")


class StaffDecisionRequest(models.Model):
    """What every request has: who asked, how to reach them, and what staff decided."""

    signing_salt = "booking.request"

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING,
        db_index=True,
        help_text=_("Zmieniany przyciskami „Zatwierdź” i „Odrzuć”."),
    )
    requester_name = models.CharField(
        _("imię i nazwisko"),
        max_length=150,
        help_text=_("Osoba składająca wniosek i odpowiedzialna za kontakt."),
    )
    requester_email = models.EmailField(
        _("e-mail"), help_text=_("Na ten adres wyślemy potwierdzenie i decyzję.")
    )
    requester_phone = models.CharField(
        _("telefon"), max_length=30, blank=True, help_text=_("Numer, pod którym złapiemy Cię w razie pytań.")
    )
    ngo = models.ForeignKey(
        "ngo_directory.NGOProfilePage",
        verbose_name=_("organizacja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Organizacja z bazy organizacji, w imieniu której składany jest wniosek."),
    )
    group_name = models.CharField(
        _("grupa nieformalna lub mieszkaniec"),
        max_length=200,
        blank=True,
        help_text=_("Gdy wniosek nie dotyczy organizacji z bazy: nazwa grupy lub „mieszkaniec”."),
    )
    created_at = models.DateTimeField(_("złożono"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("data decyzji"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decyzję podjął(-ęła)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(
        _("uzasadnienie lub uwagi"),
        blank=True,
        help_text=_("Powód odrzucenia albo uwagi do zatwierdzenia; trafia do wnioskodawcy."),
    )

    class Meta:
        abstract = True

    @property
    def requester_label(self) -> str:
        if self.ngo_id:
            return self.ngo.title
        return self.group_name or str(_("mieszkaniec"))

    @property
    def is_pending(self) -> bool:
        return self.status == RequestStatus.PENDING

    @property
    def can_withdraw(self) -> bool:
        return self.status in (RequestStatus.PENDING, RequestStatus.APPROVED) and not self.is_past()

    def is_past(self) -> bool:
        return False

    def get_token(self) -> str:
        """The signed part of the requester's private link (view and withdraw): ``<pk>-<signature>``.

        Wagtail's page URLs allow only letters, digits, ``_`` and ``-`` in a segment, so the
        ``django.core.signing`` signature is joined with a hyphen instead of its usual colon.
        """
        return f"{self.pk}-{signing.Signer(salt=self.signing_salt).signature(str(self.pk))}"

    @classmethod
    def from_token(cls, token: str):
        """The request a signed link points at, or ``None`` for a tampered or unknown link."""
        pk, _sep, signature = (token or "").partition("-")
        if not pk.isdigit() or not signature:
            return None
        try:
            signing.Signer(salt=cls.signing_salt).unsign(f"{pk}:{signature}")
        except signing.BadSignature:
            return None
        return cls.objects.filter(pk=int(pk)).first()


class BookingRequest(StaffDecisionRequest):
    """A request to use a room once or weekly; its dates are :class:`Booking` rows."""

    signing_salt = "booking.bookingrequest"

    room = models.ForeignKey(
        "booking.Room", verbose_name=_("sala"), on_delete=models.PROTECT, related_name="requests"
    )
    first_starts_at = models.DateTimeField(
        _("pierwszy termin"), db_index=True, help_text=_("Początek pierwszego (lub jedynego) terminu.")
    )
    attendees = models.PositiveSmallIntegerField(
        _("liczba uczestników"), help_text=_("Ile osób weźmie udział (nie więcej niż liczba miejsc w sali).")
    )
    purpose = models.TextField(
        _("cel spotkania"), max_length=2000, help_text=_("Czego dotyczy spotkanie, kto w nim uczestniczy.")
    )
    equipment_needs = models.TextField(
        _("potrzebny sprzęt"),
        blank=True,
        max_length=1000,
        help_text=_("Np. rzutnik, flipchart, nagłośnienie."),
    )
    repeat_until = models.DateField(
        _("powtarzaj co tydzień do"),
        null=True,
        blank=True,
        help_text=_("Ostatni dzień cyklu cotygodniowych spotkań; puste – jednorazowo."),
    )
    show_publicly = models.BooleanField(
        _("pokaż nazwę wydarzenia publicznie"),
        default=False,
        help_text=_(
            "Gdy zaznaczone, w publicznym kalendarzu sali pojawi się nazwa wydarzenia zamiast „Zajęte”."
        ),
    )
    public_title = models.CharField(
        _("nazwa wydarzenia"),
        max_length=120,
        blank=True,
        help_text=_("Krótka nazwa widoczna publicznie, np. „Próba chóru Lutnia”."),
    )
    rules_accepted = models.BooleanField(
        _("akceptacja regulaminu"), default=False, help_text=_("Wnioskodawca zaakceptował regulamin sal.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("wniosek o rezerwację sali")
        verbose_name_plural = _("wnioski o rezerwację sal")

    def __str__(self):
        local = timezone.localtime(self.first_starts_at)
        return f"{self.room} – {local:%d.%m.%Y %H:%M} – {self.requester_name}"

    def is_past(self) -> bool:
        last = max((o.ends_at for o in self.occurrences.all()), default=self.first_starts_at)
        return last < timezone.now()

    @property
    def public_label(self) -> str:
        """What the public calendar shows: never the requester, the purpose only when chosen."""
        if self.show_publicly and self.public_title:
            return self.public_title
        return str(_("Zajęte"))


class Booking(models.Model):
    """One date of a booking request: the row the database keeps from overlapping.

    ``blocked_until`` is the end plus the room's buffer, so two approved bookings of a room
    always have at least the buffer between them. On PostgreSQL an exclusion constraint
    (migration 0002) forbids approved rows whose ``[starts_at, blocked_until)`` ranges overlap.
    """

    request = models.ForeignKey(
        BookingRequest, verbose_name=_("wniosek"), on_delete=models.CASCADE, related_name="occurrences"
    )
    room = models.ForeignKey(
        "booking.Room", verbose_name=_("sala"), on_delete=models.PROTECT, related_name="bookings"
    )
    starts_at = models.DateTimeField(_("początek"))
    ends_at = models.DateTimeField(_("koniec"))
    blocked_until = models.DateTimeField(
        _("zajęta do"), help_text=_("Koniec rezerwacji wraz z przerwą techniczną sali.")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING,
        db_index=True,
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("termin rezerwacji")
        verbose_name_plural = _("terminy rezerwacji")
        indexes = [models.Index(fields=["room", "starts_at"], name="booking_room_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=models.F("ends_at")), name="booking_blocked_after_end"
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.room}: {local:%d.%m.%Y %H:%M}–{timezone.localtime(self.ends_at):%H:%M}"

    def save(self, *args, **kwargs):
        if self.blocked_until is None or self.blocked_until < self.ends_at:
            self.blocked_until = self.ends_at + datetime.timedelta(minutes=self.room.buffer_minutes)
        super().save(*args, **kwargs)


ADVISORY_TOPICS = [
    ("founding", _("zakładanie organizacji")),
    ("legal", _("sprawy prawne")),
    ("accounting", _("księgowość i finanse")),
    ("grants", _("granty i projekty")),
    ("promotion", _("promocja i komunikacja")),
    ("volunteering", _("wolontariat")),
]


class AdvisoryRequest(StaffDecisionRequest):
    """A request for a consultation (doradztwo); staff accept with a time or decline."""

    signing_salt = "booking.advisoryrequest"

    topic = models.CharField(
        _("temat"), max_length=20, choices=ADVISORY_TOPICS, help_text=_("W czym możemy pomóc.")
    )
    preferred_dates = models.TextField(
        _("dogodne terminy"),
        max_length=1000,
        help_text=_("Dni i godziny, w których możesz przyjść, np. „wtorki po 15:00, 12.03 cały dzień”."),
    )
    description = models.TextField(
        _("opis sprawy"), max_length=3000, help_text=_("Krótko opisz sprawę, abyśmy mogli się przygotować.")
    )
    privacy_accepted = models.BooleanField(
        _("zgoda na przetwarzanie danych"),
        default=False,
        help_text=_("Zgoda na kontakt w sprawie konsultacji."),
    )
    appointment_starts_at = models.DateTimeField(
        _("termin konsultacji – początek"), null=True, blank=True, help_text=_("Ustalany przy zatwierdzeniu.")
    )
    appointment_ends_at = models.DateTimeField(_("termin konsultacji – koniec"), null=True, blank=True)
    appointment_place = models.CharField(
        _("miejsce konsultacji"),
        max_length=200,
        blank=True,
        help_text=_("Np. „Biuro COP, I piętro, ul. 3-go Maja 19” albo „rozmowa telefoniczna”."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("wniosek o doradztwo")
        verbose_name_plural = _("wnioski o doradztwo")
        constraints = [
            models.CheckConstraint(
                condition=Q(appointment_starts_at__isnull=True)
                | Q(appointment_ends_at__gt=models.F("appointment_starts_at")),
                name="booking_advisory_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.get_topic_display()} – {self.requester_name}"

    def is_past(self) -> bool:
        return bool(self.appointment_ends_at and self.appointment_ends_at < timezone.now())
