"""Records with personal data: volunteers, their consents, applications to offers, hours, the GDPR log.

None of these is ever shown on a public page or returned by the API.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ngo_directory.models import DISTRICTS

from .pages import ADULT_AGE

GUARDIAN_SIGNS_BELOW = 13

AVAILABILITY_CHOICES = [
    ("weekday_mornings", _("dni robocze rano")),
    ("weekday_afternoons", _("dni robocze po południu")),
    ("evenings", _("wieczory")),
    ("weekends", _("weekendy")),
    ("holidays", _("ferie i wakacje")),
    ("occasional", _("okazjonalnie, przy wydarzeniach")),
]

AGE_GROUPS = [
    ("child", _("poniżej 13 lat")),
    ("teen", _("13–17 lat")),
    ("adult", _("18–59 lat")),
    ("senior", _("60 lat i więcej")),
]


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Full years of age on ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def today() -> datetime.date:
    """Today in the site's time zone (Europe/Warsaw), which decides a person's age."""
    return timezone.localdate()


CONSENT_TEXT = (
    "Wyrażam zgodę na przetwarzanie moich danych osobowych przez Centrum Organizacji Pozarządowych "
    "w Czerwionce-Leszczynach w celu prowadzenia gminnej bazy wolontariuszy i kontaktu w sprawie ofert "
    "wolontariatu. Zgodę mogę wycofać w każdej chwili linkiem z każdej wiadomości."
)


def born_years_ago(years: int, days_extra: int = 30) -> datetime.date:
    """A date of birth making the person exactly ``years`` old today (Europe/Warsaw)."""
    now = timezone.localdate()
    try:
        anniversary = now.replace(year=now.year - years)
    except ValueError:
        anniversary = now.replace(year=now.year - years, day=28)
    return anniversary - datetime.timedelta(days=days_extra)


class Volunteer(models.Model):
    """A person in the municipal volunteer database (gminna baza wolontariuszy)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("czeka na potwierdzenie")
        ACTIVE = "active", _("aktywny")
        WITHDRAWN = "withdrawn", _("zgoda wycofana")
        ANONYMISED = "anonymised", _("zanonimizowany")

    class Signer(models.TextChoices):
        SELF = "self", _("wolontariusz (pełnoletni)")
        SELF_WITH_GUARDIAN = "self_with_guardian", _("wolontariusz za zgodą opiekuna (13–17 lat)")
        GUARDIAN = "guardian", _("rodzic lub opiekun (poniżej 13 lat)")

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        help_text=_("Aktywny dopiero po potwierdzeniu e-maila (i zgody opiekuna u niepełnoletnich)."),
    )
    first_name = models.CharField(_("imię"), max_length=100, help_text=_("Imię wolontariusza."))
    last_name = models.CharField(_("nazwisko"), max_length=100, help_text=_("Nazwisko wolontariusza."))
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Adres wolontariusza (u dzieci poniżej 13 lat opcjonalny).")
    )
    phone = models.CharField(_("telefon"), max_length=40, blank=True, help_text=_("Numer kontaktowy."))
    date_of_birth = models.DateField(
        _("data urodzenia"), null=True, blank=True, help_text=_("Decyduje o zgodzie opiekuna.")
    )
    district = models.CharField(
        _("dzielnica / sołectwo"),
        max_length=20,
        choices=DISTRICTS,
        blank=True,
        help_text=_("Gdzie mieszka wolontariusz."),
    )
    interests = models.ManyToManyField(
        "ngo_directory.AreaOfActivity",
        verbose_name=_("zainteresowania"),
        blank=True,
        related_name="volunteers",
        help_text=_("Obszary, w których chce pomagać."),
    )
    skills = models.ManyToManyField(
        "volunteering.Skill",
        verbose_name=_("umiejętności"),
        blank=True,
        related_name="volunteers",
        help_text=_("Co potrafi."),
    )
    availability = models.JSONField(
        _("dostępność"), default=list, blank=True, help_text=_("Kiedy może pomagać.")
    )
    languages = models.CharField(
        _("języki"), max_length=200, blank=True, help_text=_("Np. „angielski, niemiecki”.")
    )
    experience = models.TextField(
        _("doświadczenie"), blank=True, help_text=_("Wcześniejszy wolontariat, kursy.")
    )
    club = models.ForeignKey(
        "volunteering.VolunteerClubPage",
        verbose_name=_("koło wolontariatu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteers",
        help_text=_("Szkolne koło, do którego należy."),
    )
    signer = models.CharField(
        _("kto podpisał zgodę"),
        max_length=20,
        choices=Signer.choices,
        default=Signer.SELF,
        help_text=_("Wynika z wieku w dniu zapisu."),
    )
    guardian_name = models.CharField(
        _("imię i nazwisko opiekuna"), max_length=200, blank=True, help_text=_("Wymagane poniżej 18 lat.")
    )
    guardian_email = models.EmailField(
        _("e-mail opiekuna"), blank=True, help_text=_("Opiekun potwierdza zgodę linkiem z e-maila.")
    )
    email_confirmed_at = models.DateTimeField(
        _("e-mail potwierdzony"), null=True, blank=True, help_text=_("Kiedy wolontariusz potwierdził adres.")
    )
    guardian_confirmed_at = models.DateTimeField(
        _("zgoda opiekuna"), null=True, blank=True, help_text=_("Kiedy opiekun potwierdził zgodę.")
    )
    withdrawn_at = models.DateTimeField(
        _("zgoda wycofana"), null=True, blank=True, help_text=_("Kiedy wycofano zgodę.")
    )
    anonymised_at = models.DateTimeField(
        _("zanonimizowano"), null=True, blank=True, help_text=_("Kiedy usunięto dane osobowe.")
    )
    created_at = models.DateTimeField(_("zapisano"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("wolontariusz")
        verbose_name_plural = _("wolontariusze")
        constraints = [
            models.CheckConstraint(
                name="volunteer_minor_has_guardian",
                condition=models.Q(signer="self")
                | ~models.Q(guardian_email="")
                | models.Q(status="anonymised"),
            ),
            # Active only after the guardian's consent (minors) and the confirmed address (when there is one).
            models.CheckConstraint(
                name="volunteer_active_only_when_confirmed",
                condition=~models.Q(status="active")
                | (
                    (models.Q(signer="self") | models.Q(guardian_confirmed_at__isnull=False))
                    & (models.Q(email="") | models.Q(email_confirmed_at__isnull=False))
                ),
            ),
            # One record per person: an address (in any letter case) belongs to one live record. A record
            # whose consent was withdrawn (anonymised after the grace period) does not block a new sign-up.
            models.UniqueConstraint(
                Lower("email"),
                name="volunteer_unique_email_case_insensitive",
                condition=~models.Q(email="") & ~models.Q(status__in=["withdrawn", "anonymised"]),
                violation_error_message=_(
                    "Ten adres e-mail ma już inny zapis w gminnej bazie wolontariuszy."
                ),
            ),
            # A child without an address (the guardian signs) is known by the guardian's address, name
            # and date of birth: a guardian sending the form twice makes no second live record.
            models.UniqueConstraint(
                Lower("guardian_email"),
                Lower("first_name"),
                Lower("last_name"),
                "date_of_birth",
                name="volunteer_unique_child_per_guardian",
                condition=models.Q(email="") & ~models.Q(status__in=["withdrawn", "anonymised"]),
                violation_error_message=_("To dziecko ma już zapis w gminnej bazie wolontariuszy."),
            ),
        ]

    def __str__(self):
        if self.status == self.Status.ANONYMISED:
            return str(_("Wolontariusz zanonimizowany #%(pk)s") % {"pk": self.pk})
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def age(self) -> int | None:
        return age_on(self.date_of_birth, today()) if self.date_of_birth else None

    @property
    def age_group(self) -> str:
        age = self.age
        if age is None:
            return ""
        if age < GUARDIAN_SIGNS_BELOW:
            return "child"
        if age < ADULT_AGE:
            return "teen"
        return "adult" if age < 60 else "senior"

    def get_age_group_display(self) -> str:
        return str(dict(AGE_GROUPS).get(self.age_group, "–"))

    @property
    def needs_guardian(self) -> bool:
        return self.signer != self.Signer.SELF

    @property
    def contact_email(self) -> str:
        """Where messages go: the volunteer, or the guardian when a young child has no address."""
        return self.email or self.guardian_email

    def clean(self):
        super().clean()
        if self.status == self.Status.ACTIVE and not self.ready_to_activate():
            raise ValidationError(
                {
                    "status": _(
                        "Nie można aktywować: brak potwierdzenia adresu e-mail lub zgody opiekuna "
                        "(wolontariusz niepełnoletni)."
                    )
                }
            )

    def ready_to_activate(self) -> bool:
        email_ok = bool(self.email_confirmed_at) or not self.email
        guardian_ok = bool(self.guardian_confirmed_at) or not self.needs_guardian
        return email_ok and guardian_ok

    def get_availability_display(self) -> str:
        labels = dict(AVAILABILITY_CHOICES)
        return ", ".join(str(labels.get(item, item)) for item in self.availability)


class ConsentRecord(models.Model):
    """Consent to data processing: who gave it, the consent text version, when; and its withdrawal."""

    class Role(models.TextChoices):
        VOLUNTEER = "volunteer", _("wolontariusz")
        GUARDIAN = "guardian", _("rodzic / opiekun")

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("wolontariusz"), on_delete=models.CASCADE, related_name="consents"
    )
    role = models.CharField(
        _("kto wyraził zgodę"), max_length=20, choices=Role.choices, help_text=_("Wolontariusz albo opiekun.")
    )
    text_version = models.CharField(
        _("wersja treści zgody"), max_length=20, help_text=_("Wersja klauzuli z chwili zgody.")
    )
    text = models.TextField(_("treść zgody"), help_text=_("Treść klauzuli z chwili zgody."))
    given_at = models.DateTimeField(_("udzielono"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("wycofano"), null=True, blank=True)

    class Meta:
        ordering = ["given_at"]
        verbose_name = _("zgoda na przetwarzanie danych")
        verbose_name_plural = _("zgody na przetwarzanie danych")

    def __str__(self):
        return f"{self.get_role_display()} – v{self.text_version} ({self.given_at:%Y-%m-%d %H:%M})"


def consent_version_of(text: str) -> str:
    """The version of a consent wording: a hash of the exact words, so a new wording is a new version."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class OfferApplication(models.Model):
    """A resident's application to one volunteer offer; seen by the offer's NGO and by COP staff."""

    class Status(models.TextChoices):
        NEW = "new", _("nowe")
        ACCEPTED = "accepted", _("przyjęte")
        DECLINED = "declined", _("odrzucone")
        WITHDRAWN = "withdrawn", _("wycofane")

    offer = models.ForeignKey(
        "volunteering.VolunteerOfferPage",
        verbose_name=_("oferta"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("wolontariusz z bazy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_("Jeśli zgłaszający jest w gminnej bazie (ten sam e-mail)."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
        help_text=_("Decyzja organizatora."),
    )
    name = models.CharField(_("imię i nazwisko"), max_length=200, help_text=_("Kto się zgłasza."))
    email = models.EmailField(_("e-mail"), help_text=_("Adres do odpowiedzi."))
    phone = models.CharField(_("telefon"), max_length=40, blank=True, help_text=_("Opcjonalnie."))
    age = models.PositiveSmallIntegerField(_("wiek"), help_text=_("Wiek zgłaszającego w latach."))
    guardian_name = models.CharField(
        _("opiekun"), max_length=200, blank=True, help_text=_("Dla osób poniżej 18 lat.")
    )
    guardian_email = models.EmailField(
        _("e-mail opiekuna"), blank=True, help_text=_("Dla osób poniżej 18 lat.")
    )
    message = models.TextField(_("wiadomość"), blank=True, help_text=_("Dlaczego chce pomóc, kiedy może."))
    consent_version = models.CharField(
        _("wersja zgody"),
        max_length=20,
        help_text=_("Skrót treści zgody, którą widział zgłaszający (zmienia się razem z treścią)."),
    )
    consent_text = models.TextField(
        _("treść zgody"), help_text=_("Dokładnie te słowa zgody, które zgłaszający zaznaczył w formularzu.")
    )
    withdrawn_at = models.DateTimeField(
        _("wycofano"),
        null=True,
        blank=True,
        help_text=_("Kiedy zgłaszający wycofał zgłoszenie linkiem z e-maila."),
    )
    created_at = models.DateTimeField(_("zgłoszono"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("zgłoszenie do oferty")
        verbose_name_plural = _("zgłoszenia do ofert")

    def __str__(self):
        return f"{self.name} → {self.offer.title}"


class HoursEntry(models.Model):
    """Hours of volunteering of one person on one offer, entered by the NGO or staff."""

    application = models.ForeignKey(
        OfferApplication, verbose_name=_("zgłoszenie"), on_delete=models.CASCADE, related_name="hours"
    )
    date = models.DateField(_("data"), default=datetime.date.today, help_text=_("Dzień pracy wolontariusza."))
    hours = models.DecimalField(_("liczba godzin"), max_digits=5, decimal_places=1, help_text=_("Np. 2,5."))
    description = models.CharField(
        _("co robił(a)"), max_length=250, blank=True, help_text=_("Krótki opis zadań.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wpisał(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("wpisano"), auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("godziny wolontariatu")
        verbose_name_plural = _("godziny wolontariatu")
        constraints = [
            models.CheckConstraint(
                name="hours_entry_positive", condition=models.Q(hours__gt=0, hours__lte=24)
            )
        ]

    def __str__(self):
        return f"{self.date}: {self.hours} h"


class GdprAuditEntry(models.Model):
    """Who exported, erased or purged whose data, and when. Holds a record number, never personal data."""

    class Action(models.TextChoices):
        EXPORT = "export", _("eksport danych")
        ERASE = "erase", _("usunięcie / anonimizacja")
        PURGE = "purge", _("usunięcie po okresie przechowywania")
        WITHDRAW = "withdraw", _("wycofanie zgody")

    action = models.CharField(_("czynność"), max_length=20, choices=Action.choices)
    volunteer_id_ref = models.PositiveBigIntegerField(_("numer rekordu"), null=True, blank=True)
    record_type = models.CharField(_("rodzaj rekordu"), max_length=50, default="volunteer")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("uwagi"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("kiedy"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("wpis rejestru RODO")
        verbose_name_plural = _("rejestr RODO")

    def __str__(self):
        return f"{self.get_action_display()} #{self.volunteer_id_ref} ({self.created_at:%Y-%m-%d %H:%M})"
