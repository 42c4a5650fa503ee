"""Public pages: the Volunteer Centre, school volunteer clubs and volunteer offers."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Length, NullIf, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import BasePage, prefetch_listing_images
from home.pagination import counted_page
from home.restrictions import is_private, view_restrictions_of
from ngo_directory.models import DISTRICTS, NGOProfilePage

ADULT_AGE = 18
OFFERS_PER_PAGE = 12


class Skill(index.Indexed, models.Model):
    """A skill volunteers offer and offers ask for (taxonomy managed by COP staff)."""

    name = models.CharField(_("nazwa"), max_length=100, unique=True, help_text=_("Np. „Obsługa komputera”."))
    slug = models.SlugField(
        _("adres (slug)"), max_length=100, unique=True, help_text=_("Używany w filtrach.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("umiejętność")
        verbose_name_plural = _("umiejętności")

    def __str__(self):
        return self.name


class VolunteerCentrePage(RoutablePageMixin, BasePage):
    """The Volunteer Centre: what it offers, how to join, contacts, the sign-up form and e-mail links."""

    intro = models.TextField(
        _("wstęp"), blank=True, max_length=600, help_text=_("Krótko: czym jest Centrum Wolontariatu.")
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("treść"),
        blank=True,
        help_text=_("Co oferuje Centrum, jak zostać wolontariuszem, kontakt."),
    )
    volunteer_day_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Dzień Wolontariusza"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Strona wydarzenia „Dzień Wolontariusza” (z programem)."),
    )
    volunteer_day_text = models.CharField(
        _("zaproszenie na Dzień Wolontariusza"),
        max_length=250,
        blank=True,
        help_text=_("Jedno zdanie przy odnośniku do Dnia Wolontariusza."),
    )
    signup_intro = models.TextField(
        _("wstęp do formularza zapisu"),
        blank=True,
        help_text=_("Tekst nad formularzem zapisu do gminnej bazy wolontariuszy."),
    )
    consent_text = models.TextField(
        _("treść zgody na przetwarzanie danych"),
        help_text=_("Klauzula zgody pokazywana przy zapisie. Po zmianie treści zmień też wersję."),
    )
    consent_version = models.CharField(
        _("wersja treści zgody"),
        max_length=20,
        default="1",
        help_text=_("Zapisywana razem ze zgodą każdej osoby, np. „2026-11”."),
    )
    staff_email = models.EmailField(
        _("e-mail do powiadomień"),
        blank=True,
        help_text=_("Na ten adres przychodzą informacje o nowych wolontariuszach (niepubliczny)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("volunteer_day_page"), FieldPanel("volunteer_day_text")],
            heading=_("Dzień Wolontariusza"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signup_intro"),
                FieldPanel("consent_text"),
                FieldPanel("consent_version"),
                FieldPanel("staff_email"),
            ],
            heading=_("Gminna baza wolontariuszy"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "volunteering.VolunteerClubIndexPage",
        "volunteering.VolunteerOfferIndexPage",
        "home.StandardPage",
    ]
    max_count = 1
    page_description = _(
        "Centrum Wolontariatu (tylko jedno): opis, zapis do gminnej bazy wolontariuszy, koła i oferty."
    )

    class Meta:
        verbose_name = _("Centrum Wolontariatu")
        verbose_name_plural = _("Centrum Wolontariatu")

    def get_summary_source(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.linked_pages())
        return context

    def linked_pages(self) -> dict:
        """The live, public club and offer lists under this page and the Volunteer Day page.

        One query for the three (plain pages: the template needs only their URLs and titles); the
        view restrictions come from the request's memo (``home.restrictions``).
        """
        lists = (VolunteerClubIndexPage, VolunteerOfferIndexPage)
        wanted = Q(path__startswith=self.path, depth=self.depth + 1) & Page.objects.type_q(*lists)
        day_id = self.volunteer_day_page_id
        if day_id:
            wanted |= Q(pk=day_id)
        found = {"club_index": None, "offer_index": None, "volunteer_day": None}
        for page in Page.objects.live().filter(wanted).order_by("path"):
            if page.pk == day_id and not view_restrictions_of(page).exists():
                found["volunteer_day"] = page
            if page.depth != self.depth + 1 or not page.path.startswith(self.path) or is_private(page):
                continue
            for key, page_class in zip(("club_index", "offer_index"), lists, strict=True):
                if found[key] is None and issubclass(page.specific_class or Page, page_class):
                    found[key] = page
        return found

    @path("")
    def index(self, request):
        return self.render(request)

    @path("zapisz-sie/", name="signup")
    def signup(self, request):
        from ..views import signup

        return signup(request, self)

    @path("zapisano/", name="signup_done")
    def signup_done(self, request):
        from ..views import signup_done

        return signup_done(request, self)

    @path("potwierdz-email/<str:token>/", name="confirm_email")
    def confirm_email(self, request, token):
        from ..views import confirm_email

        return confirm_email(request, self, token)

    @path("zgoda-opiekuna/<str:token>/", name="guardian_consent")
    def guardian_consent(self, request, token):
        from ..views import guardian_consent

        return guardian_consent(request, self, token)

    @path("wycofaj-zgode/<str:token>/", name="withdraw")
    def withdraw(self, request, token):
        from ..views import withdraw

        return withdraw(request, self, token)

    @path("wycofaj-zgloszenie/<str:token>/", name="withdraw_application")
    def withdraw_application(self, request, token):
        from ..views import withdraw_application

        return withdraw_application(request, self, token)


class VolunteerClubIndexPage(BasePage):
    """The list of school volunteer clubs (szkolne koła wolontariatu)."""

    intro = models.TextField(_("wstęp"), blank=True, max_length=600, help_text=_("Tekst nad listą kół."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["volunteering.VolunteerCentrePage"]
    subpage_types = ["volunteering.VolunteerClubPage"]
    max_count = 1
    page_description = _("Lista szkolnych kół wolontariatu (tylko jedna); koła są jej podstronami.")

    class Meta:
        verbose_name = _("lista kół wolontariatu")
        verbose_name_plural = _("listy kół wolontariatu")

    def get_summary_source(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        clubs = VolunteerClubPage.objects.child_of(self).live().public().order_by("title")
        context["clubs"] = prefetch_listing_images(clubs)
        return context


class VolunteerClubPage(BasePage):
    """One school volunteer club; its coordinators edit it (and its news) under COP moderation."""

    school_name = models.CharField(_("szkoła"), max_length=200, help_text=_("Pełna nazwa szkoły."))
    street = models.CharField(_("adres szkoły"), max_length=150, help_text=_("Ulica i numer."))
    district = models.CharField(
        _("dzielnica / sołectwo"), max_length=20, choices=DISTRICTS, help_text=_("Gdzie jest szkoła.")
    )
    coordinator_name = models.CharField(
        _("opiekun koła"), max_length=150, help_text=_("Imię i nazwisko nauczyciela – opiekuna koła.")
    )
    contact_email = models.EmailField(
        _("e-mail koła"), blank=True, help_text=_("Publiczny adres kontaktowy koła (najlepiej szkolny).")
    )
    members_count = models.PositiveSmallIntegerField(
        _("liczba członków"), default=0, help_text=_("Ilu uczniów działa w kole (w przybliżeniu).")
    )
    intro = models.TextField(_("wstęp"), blank=True, max_length=600, help_text=_("Jedno–dwa zdania o kole."))
    activities = StreamField(
        BaseStreamBlock(),
        verbose_name=_("działania i zdjęcia"),
        blank=True,
        help_text=_("Czym zajmuje się koło; zdjęcia dodaj blokiem „zdjęcie”."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("school_name"),
                FieldRowPanel([FieldPanel("street"), FieldPanel("district")]),
                FieldRowPanel([FieldPanel("coordinator_name"), FieldPanel("contact_email")]),
                FieldPanel("members_count"),
            ],
            heading=_("Szkoła i opiekun"),
        ),
        FieldPanel("intro"),
        FieldPanel("activities"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("school_name"),
        index.SearchField("intro"),
        index.SearchField("activities"),
        index.FilterField("district"),
    ]
    parent_page_types = ["volunteering.VolunteerClubIndexPage"]
    subpage_types = ["volunteering.VolunteerClubNewsPage"]
    page_description = _("Szkolne koło wolontariatu; redaguje je opiekun koła, zmiany akceptuje COP.")

    class Meta:
        verbose_name = _("koło wolontariatu")
        verbose_name_plural = _("koła wolontariatu")

    def get_summary_source(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = VolunteerClubNewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        context["news"] = prefetch_listing_images(news)[:10]
        return context


class VolunteerClubNewsPage(BasePage):
    """A news item of one school volunteer club."""

    date = models.DateField(_("data"), default=datetime.date.today, help_text=_("Data wydarzenia lub wpisu."))
    intro = models.TextField(_("wstęp"), blank=True, max_length=600, help_text=_("Jedno–dwa zdania."))
    body = StreamField(
        BaseStreamBlock(), verbose_name=_("treść"), blank=True, help_text=_("Relacja, zdjęcia.")
    )

    content_panels = [*Page.content_panels, FieldPanel("date"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["volunteering.VolunteerClubPage"]
    subpage_types = []
    page_description = _("Wiadomość z życia szkolnego koła wolontariatu.")

    class Meta:
        verbose_name = _("wiadomość koła")
        verbose_name_plural = _("wiadomości kół")

    def get_summary_source(self):
        return self.intro


def open_offers():
    """Live, public offers that still take volunteers (ongoing or not yet over)."""
    today = timezone.localdate()
    return (
        VolunteerOfferPage.objects.live()
        .public()
        .filter(accepting_applications=True)
        .filter(Q(is_ongoing=True) | Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today))
    )


class VolunteerOfferIndexPage(BasePage):
    """All open volunteer offers (from NGO profiles and from COP) with filters."""

    intro = models.TextField(_("wstęp"), blank=True, max_length=600, help_text=_("Tekst nad listą ofert."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["volunteering.VolunteerCentrePage"]
    subpage_types = ["volunteering.VolunteerOfferPage"]
    max_count = 1
    page_description = _(
        "Lista ofert wolontariatu z filtrami (tylko jedna); oferty COP są jej podstronami, "
        "oferty organizacji – podstronami ich profili."
    )

    class Meta:
        verbose_name = _("lista ofert wolontariatu")
        verbose_name_plural = _("listy ofert wolontariatu")

    def get_summary_source(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        from ..forms import OfferFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = OfferFilterForm(request.GET or None)
        offers = filter_offers(open_offers(), form.cleaned_data_or_empty)
        offers = with_organiser_label(offers)
        offers = prefetch_listing_images(offers.order_by("-first_published_at", "-pk"))
        page_obj = counted_page(offers, OFFERS_PER_PAGE, request.GET.get("strona", 1))
        query = request.GET.copy()
        query.pop("strona", None)
        context.update(
            offers=page_obj,
            filter_form=form,
            filter_query=query.urlencode(),
        )
        return context


def with_organiser_label(offers):
    """The offers annotated with ``organiser_label``: the NGO whose profile they sit under, else
    their organiser's name, else the Volunteer Centre (a subquery, no query per offer)."""
    steplen = VolunteerOfferPage.steplen
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - steplen)
    ngo_title = NGOProfilePage.objects.filter(path=parent_path).values("title")[:1]
    return offers.annotate(
        organiser_label=Coalesce(
            Subquery(ngo_title),
            NullIf("organiser_name", Value("")),
            Value("Centrum Wolontariatu"),
            output_field=models.CharField(),
        )
    )


def filter_offers(offers, filters: dict):
    """Apply the listing/API filters (area, skill, district, suitable for minors).

    Areas and skills are matched in subqueries, so no offer comes twice and no ``DISTINCT`` is needed
    (``home.pagination.counted_page`` counts the rows with a window).
    """
    if area := filters.get("area"):
        offers = offers.filter(pk__in=VolunteerOfferPage.objects.filter(areas__slug=area).values("pk"))
    if skill := filters.get("skill"):
        offers = offers.filter(pk__in=VolunteerOfferPage.objects.filter(skills__slug=skill).values("pk"))
    if district := filters.get("district"):
        offers = offers.filter(district=district)
    if filters.get("for_minors"):
        offers = offers.filter(min_age__lt=ADULT_AGE)
    return offers


class VolunteerOfferPage(BasePage):
    """A volunteer opportunity, published by an NGO under its profile or by COP under the offers list."""

    organiser_name = models.CharField(
        _("organizator"),
        max_length=200,
        blank=True,
        help_text=_("Wypełnij tylko dla ofert COP; oferta pod profilem organizacji ma ją jako organizatora."),
    )
    intro = models.TextField(_("wstęp"), max_length=600, help_text=_("Jedno–dwa zdania: czego szukacie."))
    tasks = StreamField(
        BaseStreamBlock(), verbose_name=_("zadania"), help_text=_("Co będzie robić wolontariusz.")
    )
    skills = ParentalManyToManyField(
        "volunteering.Skill",
        verbose_name=_("poszukiwane umiejętności"),
        blank=True,
        related_name="offers",
        help_text=_("Umiejętności, które przydadzą się przy tej ofercie."),
    )
    areas = ParentalManyToManyField(
        "ngo_directory.AreaOfActivity",
        verbose_name=_("obszary"),
        blank=True,
        related_name="volunteer_offers",
        help_text=_("Obszary działalności, których dotyczy oferta."),
    )
    is_ongoing = models.BooleanField(
        _("oferta stała"), default=False, help_text=_("Zaznacz, jeśli wolontariat trwa cały czas (bez dat).")
    )
    start_date = models.DateField(_("od"), null=True, blank=True, help_text=_("Pierwszy dzień wolontariatu."))
    end_date = models.DateField(
        _("do"), null=True, blank=True, help_text=_("Ostatni dzień (puste = jeden dzień).")
    )
    place = models.CharField(_("miejsce"), max_length=200, help_text=_("Adres lub opis miejsca."))
    district = models.CharField(
        _("dzielnica / sołectwo"),
        max_length=20,
        choices=DISTRICTS,
        help_text=_("Gdzie odbywa się wolontariat."),
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimalny wiek"),
        default=ADULT_AGE,
        help_text=_("Od ilu lat (poniżej 18 – oferta dla niepełnoletnich)."),
    )
    places_available = models.PositiveSmallIntegerField(
        _("liczba miejsc"), default=1, help_text=_("Ilu wolontariuszy potrzebujecie.")
    )
    accepting_applications = models.BooleanField(
        _("przyjmujemy zgłoszenia"), default=True, help_text=_("Odznacz, gdy miejsca są zajęte.")
    )
    contact_name = models.CharField(
        _("osoba kontaktowa"), max_length=150, help_text=_("Kto odpowiada na pytania.")
    )
    contact_email = models.EmailField(
        _("e-mail kontaktowy"), help_text=_("Tu przychodzą zgłoszenia chętnych.")
    )
    contact_phone = models.CharField(
        _("telefon kontaktowy"), max_length=40, blank=True, help_text=_("Opcjonalnie.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("organiser_name"),
        FieldPanel("intro"),
        FieldPanel("tasks"),
        MultiFieldPanel([FieldPanel("skills"), FieldPanel("areas")], heading=_("Umiejętności i obszary")),
        MultiFieldPanel(
            [
                FieldPanel("is_ongoing"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("district")]),
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("places_available")]),
                FieldPanel("accepting_applications"),
            ],
            heading=_("Kiedy, gdzie, dla kogo"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Kontakt"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("tasks"),
        index.FilterField("district"),
        index.FilterField("min_age"),
    ]
    parent_page_types = ["volunteering.VolunteerOfferIndexPage", "ngo_directory.NGOProfilePage"]
    subpage_types = []
    page_description = _(
        "Oferta wolontariatu: zadania, terminy, miejsce, minimalny wiek; chętni zgłaszają się przez stronę."
    )

    class Meta:
        verbose_name = _("oferta wolontariatu")
        verbose_name_plural = _("oferty wolontariatu")

    def clean(self):
        super().clean()
        if not self.is_ongoing and not self.start_date:
            raise ValidationError({"start_date": _("Podaj datę rozpoczęcia albo zaznacz „oferta stała”.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Data zakończenia nie może być wcześniejsza niż rozpoczęcia.")}
            )

    def get_summary_source(self):
        return self.intro

    @property
    def organiser(self) -> str:
        from ngo_directory.models import NGOProfilePage

        parent = self.get_parent()  # its class is known without loading the specific page
        if parent.specific_class is not None and issubclass(parent.specific_class, NGOProfilePage):
            return parent.title
        return self.organiser_name or "Centrum Wolontariatu"

    @property
    def suitable_for_minors(self) -> bool:
        return self.min_age < ADULT_AGE

    @property
    def is_open(self) -> bool:
        today = timezone.localdate()
        if not self.accepting_applications:
            return False
        if self.is_ongoing:
            return True
        last = self.end_date or self.start_date
        return bool(last and last >= today)

    def serve(self, request, *args, **kwargs):
        from ..views import offer_page

        return offer_page(request, self)
