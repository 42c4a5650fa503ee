"""Events: the calendar page, event pages with registration, project pages, registrations and consents."""

import datetime
import hashlib
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from home.models import BasePage, prefetch_listing_images

EVENT_TYPES = [
    ("integration", _("spotkanie integracyjne")),
    ("world_cafe", _("warsztat World Café")),
    ("training", _("szkolenie")),
    ("volunteer_day", _("Dzień Wolontariusza")),
    ("project_meeting", _("spotkanie projektowe")),
    ("other", _("inne")),
]
ORGANISER_COP = "cop"
MONTH_PARAM = "miesiac"

PRIVACY_NOTICE = (
    "Wyrażam zgodę na przetwarzanie moich danych osobowych (imię i nazwisko, e-mail, organizacja, "
    "informacje o potrzebach) przez Centrum Organizacji Pozarządowych w Czerwionce-Leszczynach, "
    "ul. 3-go Maja 19, w celu przeprowadzenia zapisów na wydarzenie i kontaktu w jego sprawie. "
    "Dane przechowujemy do 12 miesięcy po wydarzeniu. Mam prawo dostępu do danych, ich poprawienia "
    "i usunięcia oraz wycofania zgody w dowolnym momencie."
)


class ConsentText(models.Model):
    """One version of a consent text a visitor accepted (stored once, referenced by each record).

    The version is a hash of the exact text, so any change of the wording makes a new version and
    every registration keeps pointing at the words the person actually saw.
    """

    KIND_CHOICES = [("rules", _("regulamin")), ("privacy", _("przetwarzanie danych"))]

    kind = models.CharField(_("rodzaj zgody"), max_length=20, choices=KIND_CHOICES)
    version = models.CharField(
        _("wersja"), max_length=16, help_text=_("Skrót treści (zmienia się z treścią).")
    )
    text = models.TextField(_("treść zgody"), help_text=_("Dokładnie ta treść, którą widziała osoba."))
    created_at = models.DateTimeField(_("pierwsze użycie"), auto_now_add=True)

    class Meta:
        verbose_name = _("treść zgody")
        verbose_name_plural = _("treści zgód")
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="events_consent_kind_version")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.version})"

    @staticmethod
    def version_of(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @classmethod
    def record(cls, kind: str, text: str) -> "ConsentText":
        consent, _created = cls.objects.get_or_create(
            kind=kind, version=cls.version_of(text), defaults={"text": text}
        )
        return consent


def public_events():
    """Live, public event pages with what every listing shows (organiser, image) fetched up front."""
    return prefetch_listing_images(EventPage.objects.live().public().select_related("organiser"))


def filter_events(events, *, event_type=None, organiser=None):
    """Apply the visitor's filters: event type and organiser (``"cop"`` or an NGO profile id)."""
    if event_type:
        events = events.filter(event_type=event_type)
    if organiser == ORGANISER_COP:
        events = events.filter(organiser__isnull=True)
    elif organiser:
        # Anything but an id (a hand-edited address) matches nothing instead of failing.
        events = events.filter(organiser_id=organiser) if str(organiser).isdigit() else events.none()
    return events


def upcoming(events, now=None):
    return events.filter(end__gte=now or timezone.now()).order_by("start", "pk")


def past(events, now=None):
    return events.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


def paginate(request, items, per_page):
    paginator = Paginator(items, max(per_page, 1))
    try:
        return paginator.page(request.GET.get("strona", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class EventIndexPage(RoutablePageMixin, BasePage):
    """The calendar: upcoming events, the archive, a month view and the iCal feed, with filters."""

    intro = models.TextField(
        _("wstęp"), blank=True, max_length=600, help_text=_("Krótki wstęp nad kalendarzem.")
    )
    per_page = models.PositiveSmallIntegerField(
        _("wydarzeń na stronie"),
        default=12,
        validators=[MinValueValidator(1)],
        help_text=_("Ile wydarzeń pokazać na jednej stronie listy."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    api_fields = [*BasePage.api_fields, APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage", "events.ProjectPage"]
    max_count = 1
    page_description = _(
        "Kalendarz wydarzeń (tylko jeden): nadchodzące, archiwum, widok miesiąca i kalendarz iCal. "
        "Pokazuje wszystkie wydarzenia serwisu, także te dodane przez organizacje."
    )

    class Meta:
        verbose_name = _("kalendarz wydarzeń")
        verbose_name_plural = _("kalendarze wydarzeń")

    def get_summary_source(self):
        return self.intro

    def _filtered(self, request):
        from .forms import EventFilterForm

        form = EventFilterForm(request.GET or None)
        cleaned = form.cleaned_data if form.is_valid() else {}
        events = filter_events(
            public_events(), event_type=cleaned.get("rodzaj"), organiser=cleaned.get("organizator")
        )
        return form, events

    def _render(self, request, template, **extra):
        context = self.get_context(request)
        context.update(extra)
        return TemplateResponse(request, template, context)

    @path("")
    def upcoming_view(self, request):
        form, events = self._filtered(request)
        return self._render(
            request,
            "events/event_index_page.html",
            filter_form=form,
            events=paginate(request, upcoming(events), self.per_page),
            view_name="upcoming",
        )

    @path("archiwum/")
    def archive_view(self, request):
        form, events = self._filtered(request)
        return self._render(
            request,
            "events/event_index_page.html",
            filter_form=form,
            events=paginate(request, past(events), self.per_page),
            view_name="archive",
        )

    @path("miesiac/")
    def month_view(self, request):
        form, events = self._filtered(request)
        month = parse_month(request.GET.get(MONTH_PARAM))
        tz = timezone.get_current_timezone()
        first = datetime.datetime(month.year, month.month, 1, tzinfo=tz)
        following = next_month(month)
        after = datetime.datetime(following.year, following.month, 1, tzinfo=tz)
        in_month = events.filter(start__lt=after, end__gte=first).order_by("start", "pk")
        days: dict[datetime.date, list] = {}
        for event in in_month:
            day = max(timezone.localtime(event.start), first).date()
            days.setdefault(day, []).append(event)
        return self._render(
            request,
            "events/event_month.html",
            filter_form=form,
            month=month,
            days=sorted(days.items()),
            previous_month=previous_month(month),
            next_month=following,
            view_name="month",
        )

    @path("ical/")
    def feed_view(self, request):
        from .ical import calendar_response

        form, events = self._filtered(request)
        return calendar_response(
            upcoming(events)[:500], name=f"{self.title} – Czerwionka-Leszczyny", filename="wydarzenia.ics"
        )

    def feed_url_for(self, organiser=None):
        url = self.url + self.reverse_subpage("feed_view")
        return f"{url}?organizator={organiser}" if organiser else url


def parse_month(value) -> datetime.date:
    """``YYYY-MM`` from the address, or the current month for anything else (never an error)."""
    try:
        parsed = datetime.datetime.strptime((value or "")[:7], "%Y-%m").date()
        if 2000 <= parsed.year <= 2100:
            return parsed
    except ValueError:
        pass
    return timezone.localdate().replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def previous_month(month: datetime.date) -> datetime.date:
    return (month - datetime.timedelta(days=1)).replace(day=1)


class CooperationAreaBlock(blocks.StructBlock):
    """One area of a project (e.g. an area of the Cooperation Model) with a short description."""

    title = blocks.CharBlock(label=_("Nazwa obszaru"), max_length=200)
    description = blocks.TextBlock(label=_("Opis"), required=False, max_length=600)

    class Meta:
        icon = "list-ul"
        label = _("Obszar")
        template = "events/blocks/area_block.html"
        preview_value = {
            "title": "Współpraca JST/NGO w zakresie tworzenia polityk publicznych",
            "description": "Jak organizacje współtworzą programy i strategie gminy.",
        }


class ProjectPage(BasePage):
    """A project (e.g. "Wspólnie znaczy lepiej") with goals, areas, rules and a schedule of events.

    The schedule is made of the event pages added under the project page.
    """

    intro = models.TextField(
        _("wstęp"), blank=True, max_length=800, help_text=_("Krótko: o co chodzi w projekcie.")
    )
    description = StreamField(
        BaseStreamBlock(),
        verbose_name=_("opis projektu"),
        blank=True,
        help_text=_("Opis, partnerzy, finansowanie."),
    )
    goals = RichTextField(
        _("cele"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Cel główny i cele szczegółowe (lista)."),
    )
    areas_title = models.CharField(
        _("nagłówek obszarów"),
        max_length=150,
        blank=True,
        default="Obszary",
        help_text=_("Np. „Obszary Modelu Współpracy”."),
    )
    areas = StreamField(
        [("area", CooperationAreaBlock())],
        verbose_name=_("obszary"),
        blank=True,
        help_text=_("Obszary, którymi zajmuje się projekt."),
    )
    place_name = models.CharField(
        _("miejsce"), max_length=200, blank=True, help_text=_("Np. „Miejski Ośrodek Kultury”.")
    )
    place_address = models.CharField(
        _("adres miejsca"), max_length=250, blank=True, help_text=_("Ulica, numer i miejscowość.")
    )
    cost = models.CharField(
        _("koszt udziału"),
        max_length=200,
        blank=True,
        default="Udział bezpłatny",
        help_text=_("Np. „Udział bezpłatny”."),
    )
    rules_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("regulamin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Plik z regulaminem projektu i zasadami naboru."),
    )
    registration_info = RichTextField(
        _("zapisy"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Jak się zgłosić; zapis na konkretne spotkanie jest na stronie spotkania."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("description"),
        FieldPanel("goals"),
        MultiFieldPanel([FieldPanel("areas_title"), FieldPanel("areas")], heading=_("Obszary")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("place_name"), FieldPanel("place_address")]), FieldPanel("cost")],
            heading=_("Miejsce i koszt"),
        ),
        MultiFieldPanel(
            [FieldPanel("rules_document"), FieldPanel("registration_info")], heading=_("Regulamin i zapisy")
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("description"),
        index.SearchField("goals"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("intro"),
        APIField("description"),
        APIField("goals"),
        APIField("areas"),
        APIField("place_name"),
        APIField("place_address"),
        APIField("cost"),
        APIField("registration_info"),
    ]
    parent_page_types = ["home.HomePage", "home.StandardPage", "events.EventIndexPage"]
    subpage_types = ["events.EventPage"]
    page_description = _(
        "Projekt z celami, obszarami, regulaminem i harmonogramem; spotkania projektu dodaje się "
        "jako strony wydarzeń pod tą stroną."
    )

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekty")

    def get_summary_source(self):
        return self.intro

    def schedule(self):
        return (
            EventPage.objects.live()
            .public()
            .child_of(self)
            .select_related("organiser")
            .order_by("start", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["schedule"] = self.schedule()
        return context


class EventPage(RoutablePageMixin, BasePage):
    """One event: when, where, who organises it, for whom, and (optionally) registration."""

    event_type = models.CharField(
        _("rodzaj wydarzenia"),
        max_length=20,
        choices=EVENT_TYPES,
        default="other",
        help_text=_("Służy do filtrów."),
    )
    start = models.DateTimeField(_("początek"), help_text=_("Data i godzina rozpoczęcia (czas polski)."))
    end = models.DateTimeField(_("koniec"), help_text=_("Data i godzina zakończenia (czas polski)."))
    is_cancelled = models.BooleanField(
        _("wydarzenie odwołane"), default=False, help_text=_("Zaznacz, jeśli wydarzenie się nie odbędzie.")
    )
    place_name = models.CharField(_("miejsce"), max_length=200, help_text=_("Np. „Sala konferencyjna COP”."))
    place_address = models.CharField(
        _("adres"),
        max_length=250,
        help_text=_("Ulica, numer i miejscowość, np. „ul. 3-go Maja 19, Czerwionka-Leszczyny”."),
    )
    organiser = models.ForeignKey(
        "ngo_directory.NGOProfilePage",
        verbose_name=_("organizator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_(
            "Organizacja, która prowadzi wydarzenie. Puste = Centrum Organizacji Pozarządowych. "
            "Wydarzenia dodane pod profilem organizacji dostają ją automatycznie."
        ),
    )
    audience = models.CharField(
        _("dla kogo"),
        max_length=250,
        blank=True,
        help_text=_("Np. „przedstawiciele organizacji, mieszkańcy”."),
    )
    is_free = models.BooleanField(
        _("udział bezpłatny"), default=True, help_text=_("Odznacz, jeśli udział jest płatny.")
    )
    price_info = models.CharField(
        _("informacja o opłacie"),
        max_length=200,
        blank=True,
        help_text=_("Dla płatnych: kwota i sposób płatności."),
    )
    intro = models.TextField(
        _("wstęp"), blank=True, max_length=600, help_text=_("Jedno, dwa zdania o wydarzeniu.")
    )
    description = StreamField(
        BaseStreamBlock(),
        verbose_name=_("opis"),
        blank=True,
        help_text=_("Program, prowadzący, dokumenty do pobrania."),
    )
    rules_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("regulamin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Plik z regulaminem udziału; osoba zapisująca się musi go zaakceptować."),
    )
    rules_summary = models.TextField(
        _("najważniejsze zasady"),
        blank=True,
        max_length=1000,
        help_text=_(
            "Krótko, co akceptuje osoba zapisująca się (pokazujemy przy zgodzie i zapisujemy wersję)."
        ),
    )
    registration_enabled = models.BooleanField(
        _("zapisy przez stronę"), default=False, help_text=_("Włącz formularz zapisu na stronie wydarzenia.")
    )
    capacity = models.PositiveIntegerField(
        _("liczba miejsc"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Puste = bez limitu. Gdy miejsca się skończą, kolejne osoby trafią na listę rezerwową."),
    )
    waiting_list_enabled = models.BooleanField(
        _("lista rezerwowa"),
        default=True,
        help_text=_("Gdy brak miejsc: zapisuj na listę rezerwową (odznacz, aby zamknąć zapisy)."),
    )
    registration_opens_at = models.DateTimeField(
        _("zapisy od"), null=True, blank=True, help_text=_("Puste = od razu po publikacji.")
    )
    registration_closes_at = models.DateTimeField(
        _("zapisy do"), null=True, blank=True, help_text=_("Puste = do rozpoczęcia wydarzenia.")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("event_type"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("is_cancelled"),
            ],
            heading=_("Termin"),
        ),
        MultiFieldPanel([FieldPanel("place_name"), FieldPanel("place_address")], heading=_("Miejsce")),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("price_info")]),
            ],
            heading=_("Organizator i uczestnicy"),
        ),
        FieldPanel("intro"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list_enabled")]),
                FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
                FieldPanel("rules_document"),
                FieldPanel("rules_summary"),
            ],
            heading=_("Zapisy"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("description"),
        index.SearchField("place_name"),
        index.FilterField("start"),
        index.FilterField("event_type"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("event_type"),
        APIField("start"),
        APIField("end"),
        APIField("place_name"),
        APIField("place_address"),
        APIField("audience"),
        APIField("is_free"),
        APIField("intro"),
        APIField("description"),
    ]
    parent_page_types = ["events.EventIndexPage", "events.ProjectPage", "ngo_directory.NGOProfilePage"]
    subpage_types = []
    page_description = _(
        "Wydarzenie: spotkanie, warsztat, szkolenie; z terminem, miejscem i opcjonalnymi zapisami "
        "(limit miejsc i lista rezerwowa)."
    )

    class Meta:
        verbose_name = _("wydarzenie")
        verbose_name_plural = _("wydarzenia")
        indexes = [models.Index(fields=["start"], name="events_event_start")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="events_end_after_start"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Koniec musi być później niż początek.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Zapisy muszą się kończyć później, niż się zaczynają.")
        if not self.is_free and not self.price_info:
            errors["price_info"] = _("Podaj informację o opłacie dla wydarzenia płatnego.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # An event under an organisation's profile is always that organisation's event.
        if self.path and self.depth and self.depth > 1:
            from ngo_directory.models import NGOProfilePage

            parent = Page.objects.filter(path=self.path[: -self.steplen]).only("pk", "content_type").first()
            if parent and parent.specific_class is NGOProfilePage:
                self.organiser_id = parent.pk
        return super().save(*args, **kwargs)

    def get_summary_source(self):
        return self.intro

    # What visitors see -------------------------------------------------------------------------

    @property
    def organiser_name(self) -> str:
        return (
            self.organiser.title
            if self.organiser_id and self.organiser
            else "Centrum Organizacji Pozarządowych"
        )

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def same_day(self) -> bool:
        return self.local_start.date() == self.local_end.date()

    @property
    def registration_closes(self):
        return self.registration_closes_at or self.start

    def registration_state(self, now=None) -> str:
        """``off``, ``not_yet``, ``closed`` or ``open``: what the registration box tells the visitor."""
        now = now or timezone.now()
        if not self.registration_enabled or self.is_cancelled:
            return "off"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        if now >= self.registration_closes:
            return "closed"
        return "open"

    @cached_property
    def confirmed_count(self) -> int:
        return self.registrations.filter(status=Registration.CONFIRMED).count()

    @property
    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    def rules_consent_text(self) -> str:
        """The exact words of the rules consent; its hash is the recorded version."""
        text = f"Akceptuję regulamin wydarzenia „{self.title}”"
        if self.rules_document_id:
            document = self.rules_document
            text += f" (dokument „{document.title}”, wersja pliku {document.file_hash or document.pk})"
        text += "."
        if self.rules_summary:
            text += " Najważniejsze zasady: " + self.rules_summary
        return text

    def cancel_url(self, token: str) -> str:
        return self.get_full_url() + self.reverse_subpage("cancel_view") + "?" + urlencode({"t": token})

    def ical_url(self) -> str:
        return self.url + self.reverse_subpage("ical_view")

    def get_schema_org(self, request=None):
        data = super().get_schema_org(request)
        data.update(
            {
                "@type": "Event",
                "startDate": self.start.isoformat(),
                "endDate": self.end.isoformat(),
                "eventStatus": "https://schema.org/EventCancelled"
                if self.is_cancelled
                else "https://schema.org/EventScheduled",
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "location": {"@type": "Place", "name": self.place_name, "address": self.place_address},
                "organizer": {"@type": "Organization", "name": self.organiser_name},
                "isAccessibleForFree": self.is_free,
            }
        )
        return data

    # Routes -----------------------------------------------------------------------------------

    @path("")
    def event_view(self, request):
        from .views import event_page

        return event_page(request, page=self)

    @path("ical/")
    def ical_view(self, request):
        from .ical import calendar_response

        if not self.live:
            raise Http404
        return calendar_response([self], name=self.title, filename=f"{self.slug}.ics")

    @path("rezygnacja/")
    def cancel_view(self, request):
        from .views import cancel_registration

        return cancel_registration(request, page=self)


class Registration(models.Model):
    """One person's registration for an event: confirmed, on the waiting list, or cancelled.

    Only one active registration per e-mail address and event (any letter case), enforced by the
    database. The order of the waiting list is the order of registration.
    """

    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (CONFIRMED, _("potwierdzony")),
        (WAITING, _("lista rezerwowa")),
        (CANCELLED, _("anulowany")),
    ]

    event = models.ForeignKey(
        EventPage, verbose_name=_("wydarzenie"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("imię i nazwisko"), max_length=150, help_text=_("Osoba zapisująca się."))
    email = models.EmailField(_("e-mail"), help_text=_("Adres do potwierdzenia i rezygnacji."))
    organisation = models.CharField(
        _("organizacja"), max_length=200, blank=True, help_text=_("Organizacja, którą osoba reprezentuje.")
    )
    accessibility_needs = models.TextField(
        _("potrzeby dostępnościowe"),
        blank=True,
        max_length=1000,
        help_text=_("Np. tłumacz PJM, pętla indukcyjna, dostęp bez schodów, dieta."),
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=CONFIRMED)
    created_at = models.DateTimeField(_("zapisano"), default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField(
        _("przeniesiono z listy rezerwowej"),
        null=True,
        blank=True,
        help_text=_("Kiedy zwolniło się miejsce."),
    )
    cancelled_at = models.DateTimeField(_("zrezygnowano"), null=True, blank=True)
    attended = models.BooleanField(
        _("obecność"), null=True, blank=True, help_text=_("Puste = nie sprawdzono; tak/nie po wydarzeniu.")
    )
    consent_given_at = models.DateTimeField(_("zgody wyrażono"), default=timezone.now)
    rules_consent = models.ForeignKey(
        ConsentText,
        verbose_name=_("zaakceptowany regulamin"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    privacy_consent = models.ForeignKey(
        ConsentText,
        verbose_name=_("zgoda na przetwarzanie danych"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("zapis na wydarzenie")
        verbose_name_plural = _("zapisy na wydarzenia")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=~Q(status="cancelled"),
                name="events_one_active_registration_per_email",
                violation_error_message=_("Ten adres e-mail jest już zapisany na to wydarzenie."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waiting", "cancelled"]),
                name="events_registration_status",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="events_reg_queue")]

    def __str__(self):
        return f"{self.name} – {self.event.title}"

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)
