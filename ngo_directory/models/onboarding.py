"""Onboarding: a request to add an organisation, sent through the public form and decided by COP staff."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..identifiers import compact, validate_krs, validate_nip, validate_regon
from .pages import DISTRICTS, LEGAL_FORMS, LEGAL_FORMS_IN_KRS, identifier_conflicts


class OnboardingRequest(models.Model):
    """ "Dodaj organizację": organisation data and its contact person, until staff approve or reject it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("czeka na decyzję")
        APPROVED = "approved", _("zatwierdzone")
        REJECTED = "rejected", _("odrzucone")

    name = models.CharField(
        _("pełna nazwa organizacji"), max_length=255, help_text=_("Tak jak w KRS lub statucie.")
    )
    short_name = models.CharField(
        _("nazwa skrócona"), max_length=100, blank=True, help_text=_("Jeśli używacie skrótu.")
    )
    legal_form = models.CharField(
        _("forma prawna"), max_length=30, choices=LEGAL_FORMS, help_text=_("Forma prawna.")
    )
    krs = models.CharField(
        _("numer KRS"),
        max_length=10,
        blank=True,
        validators=[validate_krs],
        help_text=_(
            "10 cyfr, np. 0000123456 (wymagany dla stowarzyszeń, fundacji i spółdzielni socjalnych)."
        ),
    )
    nip = models.CharField(
        _("NIP"), max_length=13, blank=True, validators=[validate_nip], help_text=_("10 cyfr.")
    )
    regon = models.CharField(
        _("REGON"), max_length=17, blank=True, validators=[validate_regon], help_text=_("9 lub 14 cyfr.")
    )
    is_opp = models.BooleanField(
        _("status organizacji pożytku publicznego (OPP)"),
        default=False,
        help_text=_("Zaznacz, jeśli organizacja ma status OPP."),
    )
    district = models.CharField(
        _("dzielnica / sołectwo"),
        max_length=20,
        choices=DISTRICTS,
        help_text=_("Gdzie organizacja ma siedzibę."),
    )
    street = models.CharField(_("ulica i numer"), max_length=150, blank=True, help_text=_("Adres siedziby."))
    postal_code = models.CharField(
        _("kod pocztowy"), max_length=6, blank=True, help_text=_("W formacie 00-000.")
    )
    email = models.EmailField(_("e-mail organizacji"), help_text=_("Publiczny adres e-mail organizacji."))
    phone = models.CharField(
        _("telefon organizacji"), max_length=40, blank=True, help_text=_("Publiczny numer.")
    )
    website = models.URLField(_("strona internetowa"), blank=True, help_text=_("Adres strony, jeśli jest."))
    areas = models.ManyToManyField(
        "ngo_directory.AreaOfActivity",
        verbose_name=_("obszary działalności"),
        blank=True,
        related_name="+",
        help_text=_("Zaznacz obszary, w których działa organizacja."),
    )
    description = models.TextField(
        _("czym zajmuje się organizacja"),
        max_length=3000,
        help_text=_("Kilka zdań o działalności organizacji."),
    )
    contact_first_name = models.CharField(
        _("imię"), max_length=100, help_text=_("Osoby, która będzie redagować profil.")
    )
    contact_last_name = models.CharField(
        _("nazwisko"), max_length=100, help_text=_("Osoby, która będzie redagować profil.")
    )
    contact_email = models.EmailField(
        _("e-mail osoby kontaktowej"), help_text=_("Na ten adres wyślemy zaproszenie do redagowania profilu.")
    )
    contact_phone = models.CharField(
        _("telefon osoby kontaktowej"), max_length=40, blank=True, help_text=_("Opcjonalnie.")
    )
    consent_text = models.TextField(
        _("treść zgody"), help_text=_("Treść zgody, którą zaakceptowała osoba zgłaszająca.")
    )
    consent_given_at = models.DateTimeField(_("zgoda wyrażona"), help_text=_("Kiedy zaakceptowano zgodę."))

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        help_text=_("Stan zgłoszenia."),
    )
    decision_comment = models.TextField(
        _("uzasadnienie decyzji"),
        blank=True,
        help_text=_("Przy odrzuceniu: powód, który otrzyma zgłaszający."),
    )
    decided_at = models.DateTimeField(
        _("data decyzji"), null=True, blank=True, help_text=_("Kiedy rozpatrzono.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rozpatrzył(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Pracownik COP, który podjął decyzję."),
    )
    profile = models.ForeignKey(
        "ngo_directory.NGOProfilePage",
        verbose_name=_("utworzony profil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Profil utworzony po zatwierdzeniu."),
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("konto redaktora"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Konto utworzone dla osoby kontaktowej."),
    )
    invitation_sent_at = models.DateTimeField(
        _("zaproszenie wysłane"),
        null=True,
        blank=True,
        help_text=_("Kiedy serwer poczty przyjął ostatnie zaproszenie do redagowania profilu."),
    )
    invitation_error = models.CharField(
        _("błąd wysyłki zaproszenia"),
        max_length=300,
        blank=True,
        help_text=_("Dlaczego ostatnia próba wysłania zaproszenia się nie udała (puste, gdy się udała)."),
    )
    rejection_sent_at = models.DateTimeField(
        _("e-mail z odmową wysłany"),
        null=True,
        blank=True,
        help_text=_("Kiedy serwer poczty przyjął ostatni e-mail z powodem odrzucenia zgłoszenia."),
    )
    rejection_error = models.CharField(
        _("błąd wysyłki e-maila z odmową"),
        max_length=300,
        blank=True,
        help_text=_(
            "Dlaczego ostatnia próba wysłania e-maila z odmową się nie udała (puste, gdy się udała)."
        ),
    )
    created_at = models.DateTimeField(_("wysłano"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("zgłoszenie organizacji")
        verbose_name_plural = _("zgłoszenia organizacji")
        constraints = [
            models.UniqueConstraint(
                fields=["krs"],
                condition=Q(status="pending") & ~Q(krs=""),
                name="ngo_onboarding_pending_unique_krs",
                violation_error_message=_("Zgłoszenie organizacji z tym numerem KRS już czeka na decyzję."),
            ),
            models.UniqueConstraint(
                fields=["nip"],
                condition=Q(status="pending") & ~Q(nip=""),
                name="ngo_onboarding_pending_unique_nip",
                violation_error_message=_("Zgłoszenie organizacji z tym numerem NIP już czeka na decyzję."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def invitation_failed(self) -> bool:
        return bool(self.invitation_error)

    @property
    def rejection_failed(self) -> bool:
        return bool(self.rejection_error)

    @property
    def contact_name(self):
        return f"{self.contact_first_name} {self.contact_last_name}".strip()

    def clean(self):
        super().clean()
        self.krs, self.nip, self.regon = compact(self.krs), compact(self.nip), compact(self.regon)
        errors = {}
        if self.legal_form in LEGAL_FORMS_IN_KRS and not self.krs:
            errors["krs"] = _("Stowarzyszenie, fundacja i spółdzielnia socjalna mają numer KRS: wpisz go.")
        if not self.krs and not self.nip:
            errors.setdefault("nip", _("Podaj numer KRS lub NIP, abyśmy mogli zweryfikować organizację."))
        if self.status == self.Status.PENDING:
            errors = {**identifier_conflicts(krs=self.krs, nip=self.nip), **errors}
            pending = OnboardingRequest.objects.filter(status=self.Status.PENDING).exclude(pk=self.pk)
            if self.krs and "krs" not in errors and pending.filter(krs=self.krs).exists():
                errors["krs"] = _("Zgłoszenie organizacji z tym numerem KRS już czeka na decyzję COP.")
            if self.nip and "nip" not in errors and pending.filter(nip=self.nip).exists():
                errors["nip"] = _("Zgłoszenie organizacji z tym numerem NIP już czeka na decyzję COP.")
        if errors:
            raise ValidationError(errors)
