"""Surveys: a survey page built from question blocks, and the responses visitors submit.

Response rules live here and in the database: when a survey accepts answers, what a response may
store in each mode (an anonymous response stores no e-mail and no organisation), and one confirmed
response per organisation or per person (partial unique constraints).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import BasePage

from .blocks import QuestionBlock, SurveyQuestionsBlock

DEFAULT_MIN_GROUP_SIZE = 5


class SurveyIndexPage(BasePage):
    """The list of surveys: open ones first, then closed ones with published results."""

    intro = models.TextField(
        _("wstęp"),
        blank=True,
        help_text=_("Krótki tekst nad listą ankiet, np. po co Centrum prowadzi ankiety."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["surveys.SurveyPage"]
    max_count = 1
    page_description = _("Lista ankiet Centrum (otwartych i z opublikowanymi wynikami). Jedna w serwisie.")

    class Meta:
        verbose_name = _("lista ankiet")
        verbose_name_plural = _("listy ankiet")

    def get_summary_source(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        surveys = list(SurveyPage.objects.child_of(self).live().public().order_by("-closes_at", "title"))
        context["open_surveys"] = [survey for survey in surveys if survey.state == SurveyPage.State.OPEN]
        context["upcoming_surveys"] = [
            survey for survey in surveys if survey.state == SurveyPage.State.NOT_YET_OPEN
        ]
        context["published_results"] = [survey for survey in surveys if survey.results_are_public]
        return context


class SurveyPage(RoutablePageMixin, BasePage):
    """One survey: questions as blocks, when it accepts answers, who may answer and how often."""

    class Mode(models.TextChoices):
        ANONYMOUS = "anonymous", _("Anonimowa (bez e-maila i organizacji)")
        PER_PERSON = "per_person", _("Jedna odpowiedź na osobę (potwierdzenie e-mailem)")
        PER_ORGANISATION = (
            "per_organisation",
            _("Jedna odpowiedź na organizację (potwierdzenie e-mailem organizacji)"),
        )

    class State(models.TextChoices):
        NOT_YET_OPEN = "not_yet_open", _("jeszcze nieotwarta")
        OPEN = "open", _("otwarta")
        CLOSED = "closed", _("zamknięta")

    intro = models.TextField(
        _("wstęp"),
        blank=True,
        help_text=_("Jedno lub dwa zdania: kogo dotyczy ankieta i ile czasu zajmie jej wypełnienie."),
    )
    description = StreamField(
        BaseStreamBlock(),
        verbose_name=_("opis"),
        blank=True,
        help_text=_("Dłuższy opis nad pytaniami (opcjonalnie): cel, sposób wykorzystania wyników, kontakt."),
    )
    questions = StreamField(
        SurveyQuestionsBlock(),
        verbose_name=_("pytania"),
        help_text=_(
            "Pytania w kolejności. Każde ma stały identyfikator; pytanie może być pokazywane tylko po "
            "wybraniu określonej odpowiedzi we wcześniejszym pytaniu."
        ),
    )
    opens_at = models.DateTimeField(
        _("otwarcie"), null=True, blank=True, help_text=_("Od kiedy można odpowiadać. Puste = od publikacji.")
    )
    closes_at = models.DateTimeField(
        _("zamknięcie"), null=True, blank=True, help_text=_("Do kiedy można odpowiadać. Puste = bez terminu.")
    )
    response_mode = models.CharField(
        _("kto odpowiada"),
        max_length=20,
        choices=Mode.choices,
        default=Mode.ANONYMOUS,
        help_text=_(
            "Anonimowa: nie zapisujemy imienia, e-maila, adresu IP ani konta. Na osobę: odpowiedź liczy się po "
            "kliknięciu linku z e-maila. Na organizację: wybór organizacji z bazy i link wysłany na jej adres "
            "e-mail; nowa potwierdzona odpowiedź zastępuje poprzednią."
        ),
    )
    submit_label = models.CharField(
        _("napis na przycisku"),
        max_length=60,
        default="Wyślij odpowiedzi",
        help_text=_("Np. „Wyślij ankietę”."),
    )
    thank_you_text = models.TextField(
        _("podziękowanie"),
        default="Dziękujemy za wypełnienie ankiety!",
        help_text=_("Tekst pokazywany po wysłaniu odpowiedzi."),
    )
    notify_email = models.EmailField(
        _("powiadomienie dla pracownika"),
        blank=True,
        help_text=_(
            "Adres, na który przyjdzie krótka informacja o nowej odpowiedzi (bez treści odpowiedzi)."
        ),
    )
    publish_results = models.BooleanField(
        _("publikuj wyniki po zamknięciu"),
        default=False,
        help_text=_(
            "Po zamknięciu ankiety strona pokaże zbiorcze wyniki (nigdy pojedynczych odpowiedzi ani treści "
            "odpowiedzi tekstowych)."
        ),
    )
    results_min_group = models.PositiveSmallIntegerField(
        _("najmniejsza publikowana grupa"),
        null=True,
        blank=True,
        help_text=_(
            "Wyniki pytań i odpowiedzi z mniejszą liczbą osób nie są publikowane. Puste = ustawienie serwisu "
            "(domyślnie 5)."
        ),
    )
    results_intro = models.TextField(
        _("komentarz do wyników"), blank=True, help_text=_("Tekst nad opublikowanymi wynikami (opcjonalnie).")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("description"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("response_mode"),
                FieldPanel("submit_label"),
                FieldPanel("thank_you_text"),
                FieldPanel("notify_email"),
            ],
            heading=_("Zasady odpowiadania"),
        ),
        MultiFieldPanel(
            [FieldPanel("publish_results"), FieldPanel("results_min_group"), FieldPanel("results_intro")],
            heading=_("Publikacja wyników"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["surveys.SurveyIndexPage", "home.HomePage", "home.StandardPage"]
    subpage_types = []
    page_description = _("Ankieta z pytaniami różnych typów, terminem, zasadami odpowiadania i wynikami.")

    class Meta:
        verbose_name = _("ankieta")
        verbose_name_plural = _("ankiety")

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("Zamknięcie musi być później niż otwarcie.")
        if self.publish_results and not self.closes_at:
            errors["publish_results"] = _("Wyniki publikujemy po zamknięciu: ustaw datę zamknięcia.")
        if self.results_min_group is not None and self.results_min_group < 1:
            errors["results_min_group"] = _("Podaj liczbę większą od zera.")
        if errors:
            raise ValidationError(errors)

    def get_summary_source(self):
        return self.intro

    # Rules ---------------------------------------------------------------------------------------

    def state_at(self, moment) -> "SurveyPage.State":
        if self.opens_at and moment < self.opens_at:
            return self.State.NOT_YET_OPEN
        if self.closes_at and moment >= self.closes_at:
            return self.State.CLOSED
        return self.State.OPEN

    @property
    def state(self) -> "SurveyPage.State":
        return self.state_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def is_anonymous(self) -> bool:
        return self.response_mode == self.Mode.ANONYMOUS

    @property
    def needs_confirmation(self) -> bool:
        return self.response_mode in (self.Mode.PER_PERSON, self.Mode.PER_ORGANISATION)

    @property
    def min_group_size(self) -> int:
        if self.results_min_group:
            return self.results_min_group
        return getattr(settings, "SURVEYS_MIN_GROUP_SIZE", DEFAULT_MIN_GROUP_SIZE)

    @property
    def results_are_public(self) -> bool:
        return self.publish_results and self.state == self.State.CLOSED

    def question_blocks(self):
        """``(block, value)`` of every question (section headings left out), in order."""
        return [
            (child.block, child.value) for child in self.questions if isinstance(child.block, QuestionBlock)
        ]

    # Views ---------------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["state"] = self.state
        context["State"] = self.State
        if self.results_are_public:
            from .services import public_results

            context["results"] = public_results(self)
        return context

    def serve_preview(self, request, mode_name):
        from .views import survey_form

        request.is_preview = True
        return survey_form(request, self)

    @path("")
    def survey(self, request):
        from .views import survey_form

        return survey_form(request, self)

    @path("dziekujemy/")
    def thank_you(self, request):
        return self.render(
            request, template="surveys/survey_thank_you.html", context_overrides={"pending": False}
        )

    @path("sprawdz-poczte/")
    def check_email(self, request):
        return self.render(
            request, template="surveys/survey_thank_you.html", context_overrides={"pending": True}
        )

    @path("potwierdz/<path:token>/")
    def confirm(self, request, token):
        from .views import confirm_response

        return confirm_response(request, self, token)


class SurveyResponseQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SurveyResponse.Status.CONFIRMED)


class SurveyResponse(models.Model):
    """One visitor's answers to one survey, stored by question key.

    In anonymous mode nothing identifies the respondent: no e-mail, no organisation, no IP address,
    no account, and the time is kept to the hour only.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("czeka na potwierdzenie e-mailem")
        CONFIRMED = "confirmed", _("potwierdzona")

    survey = models.ForeignKey(
        SurveyPage, verbose_name=_("ankieta"), on_delete=models.CASCADE, related_name="responses"
    )
    submitted_at = models.DateTimeField(_("wysłano"), default=timezone.now, db_index=True)
    status = models.CharField(_("stan"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    confirmed_at = models.DateTimeField(_("potwierdzono"), null=True, blank=True)
    organisation = models.ForeignKey(
        "ngo_directory.NGOProfilePage",
        verbose_name=_("organizacja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
        help_text=_("Tylko w ankietach „jedna odpowiedź na organizację”."),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Tylko w ankietach „jedna odpowiedź na osobę”.")
    )
    answers = models.JSONField(_("odpowiedzi"), default=dict, blank=True)

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("odpowiedź na ankietę")
        verbose_name_plural = _("odpowiedzi na ankiety")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["survey", "status", "submitted_at"], name="surveys_resp_survey_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organisation"],
                condition=Q(status="confirmed", organisation__isnull=False),
                name="surveys_one_confirmed_per_organisation",
                violation_error_message=_("Ta organizacja ma już potwierdzoną odpowiedź na tę ankietę."),
            ),
            models.UniqueConstraint(
                fields=["survey", "email"],
                condition=Q(status="confirmed") & ~Q(email=""),
                name="surveys_one_confirmed_per_person",
                violation_error_message=_("Ta osoba ma już potwierdzoną odpowiedź na tę ankietę."),
            ),
            models.CheckConstraint(
                condition=Q(status="pending", confirmed_at__isnull=True) | Q(status="confirmed"),
                name="surveys_pending_not_confirmed",
            ),
        ]

    def __str__(self):
        return f"{self.survey.title} – {timezone.localtime(self.submitted_at):%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        # The anonymity promise is kept here, whatever code creates the response.
        if self.survey.is_anonymous:
            self.email = ""
            self.organisation = None
            self.submitted_at = self.submitted_at.replace(minute=0, second=0, microsecond=0)
            if self.confirmed_at:
                self.confirmed_at = self.confirmed_at.replace(minute=0, second=0, microsecond=0)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        mode = self.survey.response_mode
        if mode == SurveyPage.Mode.ANONYMOUS and (self.email or self.organisation_id):
            raise ValidationError(
                _("Odpowiedź na anonimową ankietę nie może zawierać e-maila ani organizacji.")
            )
        if mode == SurveyPage.Mode.PER_PERSON and (not self.email or self.organisation_id):
            raise ValidationError({"email": _("Podaj adres e-mail.")})
        if mode == SurveyPage.Mode.PER_ORGANISATION and (not self.organisation_id or self.email):
            raise ValidationError({"organisation": _("Wybierz organizację.")})
