"""Pages and settings of the site foundation: home, standard pages, news, contact, accessibility."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index
from wagtail.url_routing import RouteResult

from .blocks import RICH_TEXT_FEATURES, BaseStreamBlock, HighlightBlock, MenuItemBlock, OpeningHoursBlock
from .panels import EMAIL_PANELS, FORM_FIELD_PANELS, PublishingPanel
from .restrictions import BasePageQuerySet, view_restrictions_of

LISTING_RENDITION = "fill-640x400"
OG_RENDITION = "fill-1200x630"  # templates/base.html: og:image
HERO_RENDITION = "fill-1600x600"  # templates/home/home_page.html
PARTNER_LOGO_RENDITION = "max-300x120"  # templates/home/home_page.html


def prefetch_listing_images(queryset, field="listing_image"):
    """Join the listing images to the pages and fetch their renditions (one more query in all)."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=LISTING_RENDITION)
    # ``prefetched_renditions`` is where Wagtail's ``get_rendition`` looks (``prefetch_renditions``).
    return queryset.select_related(field).prefetch_related(
        Prefetch(f"{field}__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )


def attach_renditions(wanted) -> None:
    """The renditions of several images, each with its own filter specs, in one query.

    ``wanted`` is ``[(image or None, spec), ...]``; every image object gets the renditions of its image
    in ``prefetched_renditions``, where Wagtail's ``get_rendition`` looks (as ``prefetch_renditions``
    does for one list of images). A page with images from several places (the home page: the hero,
    the news cards, the partners' logos) pays one query instead of one per place.
    """
    wanted = [(image, spec) for image, spec in wanted if image is not None]
    if not wanted:
        return
    ids_by_spec = {}
    for image, spec in wanted:
        ids_by_spec.setdefault(spec, set()).add(image.pk)
    condition = Q()
    for spec, ids in ids_by_spec.items():
        condition |= Q(filter_spec=spec, image_id__in=ids)
    by_image = {}
    for rendition in get_image_model().get_rendition_model().objects.filter(condition):
        by_image.setdefault(rendition.image_id, []).append(rendition)
    for image, _spec in wanted:
        image.prefetched_renditions = by_image.get(image.pk, [])
        for rendition in image.prefetched_renditions:
            rendition.image = image  # its alt text reads the image: no query back for it


def _routes_to_children(specific_class, path_components) -> bool:
    """Whether a page of ``specific_class`` hands ``path_components`` to its children like ``BasePage``.

    True for a class without its own ``route``, and for a routable page (``RoutablePageMixin`` on a
    ``BasePage``) when the path is none of its own sub-URLs: Wagtail then goes on to the children
    (``RoutablePageMixin.route``), which needs only the plain page, not its specific row.
    """
    if specific_class is None:
        return False
    if specific_class.route is BasePage.route:
        return True
    if specific_class.route is not RoutablePageMixin.route:
        return False
    if super(RoutablePageMixin, specific_class).route is not BasePage.route:
        return False
    try:
        specific_class.get_resolver().resolve("/" + "/".join(path_components) + "/")
    except Http404:  # Resolver404: not one of the page's own URLs
        return True
    return False


class BasePage(Page):
    """Fields every public page shares: the summary and image used in listings, search and sharing."""

    listing_summary = models.TextField(
        _("podsumowanie"),
        blank=True,
        max_length=300,
        help_text=_(
            "Jedno lub dwa zdania widoczne na listach, w wynikach wyszukiwania i przy udostępnianiu "
            "w mediach społecznościowych. Gdy puste, użyjemy początku treści."
        ),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("zdjęcie na listach"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Zdjęcie pokazywane na listach i przy udostępnianiu (najlepiej poziome, min. 1200 px)."),
    )

    # ``public()`` reads the view restrictions once per request (home/restrictions.py).
    objects = PageManager.from_queryset(BasePageQuerySet)()

    # The sitemap (home/sitemaps.py) reads these from the class, never from each page: a type whose
    # pages must not be offered to search engines sets ``sitemap_exclude``; a routable type lists the
    # sub-pages (relative paths such as "archiwum/") that search engines should find after each page.
    sitemap_exclude = False
    sitemap_subpaths: tuple[str, ...] = ()

    def route(self, request, path_components):
        """Wagtail's ``Page.route``, without loading the specific row of a page passed through.

        Wagtail loads ``.specific`` at every level (a query each) only to call its ``route``; a level
        whose class would route the rest of the path exactly like this one is walked as a plain
        ``Page`` (see :func:`_routes_to_children`). The page finally routed to is specific, as before.
        """
        page = self
        while path_components:
            try:
                subpage = page.get_children().get(slug=path_components[0])
            except self.base_page_model.DoesNotExist as e:
                raise Http404 from e
            subpage._cached_parent_obj = page  # as Wagtail: the parent needs no query
            path_components = path_components[1:]
            if path_components and _routes_to_children(subpage.specific_class, path_components):
                page = subpage
                continue
            return subpage.specific.route(request, path_components)
        if self.live:
            return RouteResult(self)
        raise Http404

    def get_view_restrictions(self):
        """Wagtail's answer in one query instead of two (every public page asks on every request).

        The restrictions of this page and of its ancestors, an alias page (or ancestor) counting
        through the page it is an alias of, exactly as ``Page.get_view_restrictions`` decides.
        """
        return view_restrictions_of(self)

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading=_("Na listach i w mediach społecznościowych"),
        ),
    ]
    # Wagtail's list is [publishing schedule, comments]: the same, with Polish hints under the dates.
    settings_panels = [PublishingPanel(), *Page.settings_panels[1:]]
    search_fields = [*Page.search_fields, index.SearchField("listing_summary")]
    api_fields = [
        APIField("listing_summary"),
        APIField("listing_image", serializer=ImageRenditionField(LISTING_RENDITION)),
    ]

    class Meta:
        abstract = True

    def get_summary(self) -> str:
        """The text for listings and meta descriptions."""
        if self.search_description:
            return self.search_description
        if self.listing_summary:
            return self.listing_summary
        return Truncator(strip_tags(self.get_summary_source())).words(30)

    def get_summary_source(self) -> str:
        """HTML of the page's main text, used when no summary was written."""
        return ""

    def get_schema_org(self, request=None) -> dict:
        """schema.org metadata of this page (JSON-LD)."""
        return {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": self.seo_title or self.title,
            "description": self.get_summary(),
            "url": self.get_full_url(request),
            "inLanguage": "pl",
        }


class PartnerLogo(Orderable):
    """A partner shown in the strip of logos on the home page."""

    page = ParentalKey("home.HomePage", related_name="partners", on_delete=models.CASCADE)
    name = models.CharField(
        _("nazwa partnera"),
        max_length=150,
        help_text=_("Pełna nazwa; służy też jako tekst alternatywny logo."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Logo partnera; bez logo pokażemy samą nazwę."),
    )
    url = models.URLField(
        _("strona partnera"), blank=True, help_text=_("Adres strony internetowej partnera.")
    )

    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("url")]
    api_fields = [
        APIField("name"),
        APIField("url"),
        APIField("logo", serializer=ImageRenditionField("max-300x120")),
    ]


class HomePage(BasePage):
    """The Centre's home page: a hero, the Centre's services, latest news, events and partners."""

    hero_title = models.CharField(
        _("tytuł powitania"), max_length=150, help_text=_("Najważniejsze zdanie strony, np. nazwa Centrum.")
    )
    hero_text = models.TextField(
        _("tekst powitania"), blank=True, max_length=500, help_text=_("Krótko: czym jest Centrum i dla kogo.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("zdjęcie powitania"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Szerokie zdjęcie w tle powitania (tekst musi pozostać czytelny)."),
    )
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("strona przycisku"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Dokąd prowadzi przycisk w powitaniu."),
    )
    hero_cta_label = models.CharField(
        _("tekst przycisku"), max_length=60, blank=True, help_text=_("Np. „Poznaj Centrum”.")
    )
    highlights_title = models.CharField(
        _("nagłówek usług"),
        max_length=100,
        default="W czym pomagamy",
        help_text=_("Nagłówek sekcji z usługami."),
    )
    highlights = StreamField(
        [("highlight", HighlightBlock())],
        verbose_name=_("usługi Centrum"),
        blank=True,
        help_text=_("Karty z usługami Centrum (najlepiej 3–6)."),
    )
    news_count = models.PositiveSmallIntegerField(
        _("liczba aktualności"),
        default=3,
        help_text=_("Ile najnowszych aktualności pokazać (0 ukrywa sekcję)."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("treść dodatkowa"),
        blank=True,
        help_text=_("Dodatkowe sekcje pod aktualnościami."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldRowPanel([FieldPanel("hero_cta_page"), FieldPanel("hero_cta_label")]),
            ],
            heading=_("Powitanie"),
        ),
        FieldPanel("highlights_title"),
        FieldPanel("highlights"),
        FieldPanel("news_count"),
        FieldPanel("body"),
        InlinePanel("partners", label=_("Partnerzy"), heading=_("Partnerzy")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("hero_text"), index.SearchField("body")]
    api_fields = [
        *BasePage.api_fields,
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("hero_image", serializer=ImageRenditionField("fill-1600x600")),
        APIField("highlights"),
        APIField("body"),
        APIField("partners"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    page_description = _("Strona główna serwisu Centrum (tylko jedna).")

    class Meta:
        verbose_name = _("strona główna")
        verbose_name_plural = _("strony główne")

    def get_summary_source(self):
        return self.hero_text

    def latest_news(self):
        """The newest news items with their listing images (renditions: :meth:`attach_home_renditions`)."""
        if not self.news_count:
            return NewsPage.objects.none()
        news = NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")
        return news.select_related("listing_image")[: self.news_count]

    def home_sections(self, request):
        """HTML sections that other apps contribute through the ``cop_home_sections`` hook.

        The base never imports a domain app: the events app, for example, registers a hook that
        renders the upcoming events here.
        """
        return [fn(request, self) for fn in hooks.get_hooks("cop_home_sections")]

    def prefetch_images(self):
        """The hero and the sharing image (often the same) in one query; their renditions come with the
        other images of the page (:meth:`attach_home_renditions`)."""
        ids = {self.hero_image_id, self.listing_image_id} - {None}
        if not ids:
            return
        by_id = get_image_model().objects.in_bulk(ids)
        if self.hero_image_id in by_id:
            self.hero_image = by_id[self.hero_image_id]
        if self.listing_image_id in by_id:
            self.listing_image = by_id[self.listing_image_id]

    def attach_home_renditions(self, latest_news, partners) -> None:
        """Every rendition the home page shows – hero, sharing image, news cards, partners' logos – in
        one query (the images themselves came with their rows)."""
        attach_renditions(
            [
                (self.hero_image if self.hero_image_id else None, HERO_RENDITION),
                (self.listing_image if self.listing_image_id else None, OG_RENDITION),
                *[(item.listing_image, LISTING_RENDITION) for item in latest_news],
                *[(partner.logo, PARTNER_LOGO_RENDITION) for partner in partners],
            ]
        )

    def prefetch_linked_pages(self, request, latest_news):
        """The button's page and the news index with the layout's pages: one query for all of them.

        Returns the news index (the parent of the newest news item), ``None`` without news.
        """
        from .layout import layout_pages

        news_parent_path = latest_news[0].path[: -self.steplen] if latest_news else None
        pages = layout_pages(
            request,
            self,
            extra_ids=[self.hero_cta_page_id, *self._highlight_page_ids()],
            extra_paths=[news_parent_path] if news_parent_path else [],
        )
        if self.hero_cta_page_id in pages["by_id"]:
            self.hero_cta_page = pages["by_id"][self.hero_cta_page_id]
        if news_parent_path is None:
            return None
        return pages["by_path"].get(news_parent_path) or latest_news[0].get_parent()

    def _highlight_page_ids(self) -> list:
        return [(block.get("value") or {}).get("page") for block in self.highlights.raw_data]

    def highlight_cards(self, request) -> list[dict]:
        """The service cards as ``{title, text, page}`` (the block template's ``value``), their pages taken
        from the layout's one query (read straight from the stream, which would fetch them again)."""
        from .layout import layout_pages

        by_id = layout_pages(request, self)["by_id"]
        cards = []
        for block in self.highlights.raw_data:
            value = block.get("value") or {}
            page = by_id.get(value.get("page"))
            cards.append(
                {
                    "title": value.get("title", ""),
                    "text": value.get("text", ""),
                    "page": page if page is not None and page.live else None,
                }
            )
        return cards

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prefetch_images()
        context["latest_news"] = latest_news = list(self.latest_news())
        context["news_index"] = self.prefetch_linked_pages(request, latest_news)
        context["highlight_cards"] = self.highlight_cards(request)
        context["partner_list"] = partners = list(self.partners.select_related("logo"))
        self.attach_home_renditions(latest_news, partners)
        context["home_sections"] = [html for html in self.home_sections(request) if html]
        return context

    def get_schema_org(self, request=None):
        data = super().get_schema_org(request)
        data["@type"] = "WebSite"
        return data


class StandardPage(BasePage):
    """A general content page built from the shared blocks (about the Centre, projects, rules)."""

    intro = models.TextField(_("wstęp"), blank=True, max_length=600, help_text=_("Krótki wstęp pod tytułem."))
    body = StreamField(
        BaseStreamBlock(), verbose_name=_("treść"), blank=True, help_text=_("Treść strony z bloków.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("intro"), APIField("body")]
    page_description = _("Zwykła strona z treścią: opis Centrum, projektu, zasady, informacje.")

    class Meta:
        verbose_name = _("strona z treścią")
        verbose_name_plural = _("strony z treścią")

    def get_summary_source(self):
        return self.intro


class NewsIndexPage(BasePage):
    """The list of news items, newest first, paginated."""

    intro = models.TextField(_("wstęp"), blank=True, max_length=600, help_text=_("Krótki wstęp nad listą."))
    per_page = models.PositiveSmallIntegerField(
        _("aktualności na stronie"),
        default=10,
        help_text=_("Ile aktualności pokazać na jednej stronie listy."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    api_fields = [*BasePage.api_fields, APIField("intro")]
    subpage_types = ["home.NewsPage"]
    page_description = _("Lista aktualności Centrum; aktualności dodaje się jako strony podrzędne.")

    class Meta:
        verbose_name = _("lista aktualności")
        verbose_name_plural = _("listy aktualności")

    def get_summary_source(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.live().public().child_of(self).order_by("-date", "-pk")
        paginator = Paginator(prefetch_listing_images(news), max(self.per_page, 1))
        try:
            context["news"] = paginator.page(request.GET.get("strona", 1))
        except PageNotAnInteger:
            context["news"] = paginator.page(1)
        except EmptyPage:
            context["news"] = paginator.page(paginator.num_pages)
        return context


class NewsPage(BasePage):
    """One news item (aktualność)."""

    date = models.DateField(
        _("data publikacji"), default=timezone.localdate, help_text=_("Data pokazywana przy aktualności.")
    )
    intro = models.TextField(
        _("wstęp"), blank=True, max_length=600, help_text=_("Lead: jedno, dwa zdania wprowadzenia.")
    )
    body = StreamField(
        BaseStreamBlock(), verbose_name=_("treść"), blank=True, help_text=_("Treść aktualności.")
    )

    content_panels = [*Page.content_panels, FieldPanel("date"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    api_fields = [*BasePage.api_fields, APIField("date"), APIField("intro"), APIField("body")]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []
    page_description = _("Aktualność: informacja, relacja ze spotkania, zaproszenie.")

    class Meta:
        verbose_name = _("aktualność")
        verbose_name_plural = _("aktualności")

    def get_summary_source(self):
        return self.intro

    def get_schema_org(self, request=None):
        data = super().get_schema_org(request)
        organisation = {"@type": "Organization", "name": "Centrum Organizacji Pozarządowych"}
        data.update(
            {
                "@type": "NewsArticle",
                "headline": self.title,
                "datePublished": self.date.isoformat(),
                "dateModified": (self.last_published_at or timezone.now()).isoformat(),
                "mainEntityOfPage": data["url"],
                "author": organisation,
                "publisher": organisation,
            }
        )
        if self.listing_image:
            # The same rendition as the page's og:image (base.html), so no second image is generated.
            url = self.listing_image.get_rendition("fill-1200x630").url
            data["image"] = request.build_absolute_uri(url) if request else url
        return data


class AccessibilityStatementPage(BasePage):
    """The accessibility statement (deklaracja dostępności) required by Polish law."""

    COMPLIANCE_CHOICES = [
        ("full", _("Strona internetowa jest w pełni zgodna z ustawą o dostępności cyfrowej.")),
        ("partial", _("Strona internetowa jest częściowo zgodna z ustawą o dostępności cyfrowej.")),
        ("none", _("Strona internetowa jest niezgodna z ustawą o dostępności cyfrowej.")),
    ]

    entity_name = models.CharField(
        _("nazwa podmiotu"),
        max_length=200,
        help_text=_("Podmiot publiczny, który zobowiązuje się zapewnić dostępność."),
    )
    published_on = models.DateField(_("data publikacji strony"), help_text=_("Data publikacji serwisu."))
    updated_on = models.DateField(
        _("data ostatniej istotnej aktualizacji"), help_text=_("Data ostatniej dużej zmiany serwisu.")
    )
    compliance = models.CharField(
        _("status zgodności"),
        max_length=10,
        choices=COMPLIANCE_CHOICES,
        default="partial",
        help_text=_("Wynik oceny dostępności."),
    )
    non_accessible_content = RichTextField(
        _("treści niedostępne"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Co nie jest dostępne i dlaczego."),
    )
    prepared_on = models.DateField(
        _("data sporządzenia deklaracji"), help_text=_("Kiedy sporządzono deklarację.")
    )
    assessment_method = models.CharField(
        _("sposób oceny"),
        max_length=200,
        default="samoocena przeprowadzona przez podmiot publiczny",
        help_text=_("Np. samoocena."),
    )
    contact_person = models.CharField(
        _("osoba kontaktowa"), max_length=150, help_text=_("Kto odpowiada na zgłoszenia.")
    )
    contact_email = models.EmailField(
        _("e-mail kontaktowy"), help_text=_("Adres do zgłoszeń w sprawie dostępności.")
    )
    contact_phone = models.CharField(
        _("telefon kontaktowy"), max_length=40, help_text=_("Numer do zgłoszeń.")
    )
    procedure = RichTextField(
        _("procedura wnioskowo-skargowa"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Jak złożyć żądanie zapewnienia dostępności i skargę."),
    )
    architectural_accessibility = RichTextField(
        _("dostępność architektoniczna"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Dojście, wejścia, windy, toalety, pętla indukcyjna, pies asystujący."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("entity_name"),
        FieldRowPanel([FieldPanel("published_on"), FieldPanel("updated_on"), FieldPanel("prepared_on")]),
        FieldPanel("compliance"),
        FieldPanel("non_accessible_content"),
        FieldPanel("assessment_method"),
        MultiFieldPanel(
            [FieldPanel("contact_person"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Informacje zwrotne i dane kontaktowe"),
        ),
        FieldPanel("procedure"),
        FieldPanel("architectural_accessibility"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("entity_name"),
        APIField("published_on"),
        APIField("updated_on"),
        APIField("compliance"),
        APIField("non_accessible_content"),
        APIField("prepared_on"),
        APIField("procedure"),
        APIField("architectural_accessibility"),
    ]
    max_count = 1
    subpage_types = []
    page_description = _("Deklaracja dostępności serwisu (wymagana ustawą; tylko jedna).")

    class Meta:
        verbose_name = _("deklaracja dostępności")
        verbose_name_plural = _("deklaracje dostępności")


class ContactFormField(AbstractFormField):
    """A field of the contact form, defined by staff."""

    page = ParentalKey("home.ContactFormPage", on_delete=models.CASCADE, related_name="form_fields")

    panels = FORM_FIELD_PANELS


class ContactFormPage(BasePage, AbstractEmailForm):
    """A contact form: spam-protected, saved first and e-mailed after (home.protection)."""

    intro = models.TextField(_("wstęp"), blank=True, max_length=600, help_text=_("Tekst nad formularzem."))
    thank_you_text = RichTextField(
        _("podziękowanie"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Tekst po wysłaniu formularza."),
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Pola formularza")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(EMAIL_PANELS, heading=_("Powiadomienie e-mail")),
    ]
    api_fields = [*BasePage.api_fields, APIField("intro")]
    subpage_types = []
    page_description = _("Formularz kontaktowy; zgłoszenia trafiają do panelu i na wskazany e-mail.")

    class Meta:
        verbose_name = _("formularz kontaktowy")
        verbose_name_plural = _("formularze kontaktowe")

    def get_summary_source(self):
        return self.intro

    def get_form_class(self):
        from .protection import protect_form_class

        return protect_form_class(super().get_form_class())

    def process_form_submission(self, form):
        """Save first, notify after: a failing mail server never loses a message."""
        from .protection import drop_protection_fields, notify_after_commit

        drop_protection_fields(form)
        submission = self.get_submission_class().objects.create(form_data=form.cleaned_data, page=self)
        if self.to_address:
            notify_after_commit(self.send_mail, form)
        return submission

    def send_mail(self, form):
        """Wagtail's e-mail about the submission, written now and sent through the task queue
        (``home/mail.py``): a slow mail server never holds up the visitor."""
        from django.conf import settings
        from django.core.mail import EmailMessage

        from .mail import queue_email

        addresses = [address.strip() for address in self.to_address.split(",") if address.strip()]
        queue_email(
            EmailMessage(
                subject=self.subject,
                body=self.render_email(form),
                from_email=self.from_address or settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL,
                to=addresses,
                headers={"Auto-Submitted": "auto-generated"},
            )
        )

    def serve(self, request, *args, **kwargs):
        from .protection import rate_limit_exceeded

        if request.method == "POST" and rate_limit_exceeded(request, group=f"contact-form-{self.pk}"):
            from .views import rate_limited

            return rate_limited(request)
        return super().serve(request, *args, **kwargs)


def default_staff_group():
    """The "Pracownicy COP" group (created by a data migration), or none on a database without it."""
    from django.contrib.auth.models import Group

    from .permissions import STAFF_GROUP

    return Group.objects.filter(name=STAFF_GROUP).values_list("pk", flat=True).first()


class _LayoutSettingMixin:
    """Every page's layout reads both settings: they come with the site, in one query per request
    (``home/site_context.py``); a row that does not exist yet is created by Wagtail, as before."""

    @classmethod
    def for_request(cls, request):
        if not hasattr(request, cls.get_cache_attr_name()):
            from .site_context import load

            load(request)
        return super().for_request(request)


@register_setting(icon="site")
class SiteSettings(_LayoutSettingMixin, BaseSiteSetting):
    """The Centre's contact details, opening hours and footer, edited by staff."""

    organisation_name = models.CharField(
        _("nazwa"),
        max_length=200,
        default="Centrum Organizacji Pozarządowych",
        help_text=_("Nazwa w stopce i metadanych."),
    )
    street = models.CharField(
        _("ulica"), max_length=150, default="ul. 3-go Maja 19", help_text=_("Ulica i numer budynku.")
    )
    address_extra = models.CharField(
        _("uzupełnienie adresu"),
        max_length=150,
        blank=True,
        default="I piętro",
        help_text=_("Np. piętro, numer pokoju."),
    )
    postal_code = models.CharField(
        _("kod pocztowy"), max_length=6, default="43-230", help_text=_("W formacie 00-000.")
    )
    city = models.CharField(
        _("miejscowość"), max_length=100, default="Czerwionka-Leszczyny", help_text=_("Miejscowość.")
    )
    phone = models.CharField(_("telefon"), max_length=40, blank=True, help_text=_("Telefon do biura."))
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Adres e-mail biura."))
    opening_hours = StreamField(
        [("hours", OpeningHoursBlock())],
        verbose_name=_("godziny otwarcia"),
        blank=True,
        help_text=_("Godziny pracy biura."),
    )
    facebook_url = models.URLField(_("Facebook"), blank=True, help_text=_("Adres profilu na Facebooku."))
    instagram_url = models.URLField(_("Instagram"), blank=True, help_text=_("Adres profilu na Instagramie."))
    youtube_url = models.URLField(_("YouTube"), blank=True, help_text=_("Adres kanału YouTube."))
    footer_text = models.TextField(
        _("tekst w stopce"), blank=True, help_text=_("Np. informacja o operatorze i finansowaniu.")
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("deklaracja dostępności"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Strona z deklaracją dostępności (odnośnik w stopce każdej strony)."),
    )
    staff_notification_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("grupa powiadamiana"),
        null=True,
        blank=True,
        default=default_staff_group,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Członkowie tej grupy dostają e-mail o nowych zgłoszeniach organizacji, wnioskach o salę "
            "i doradztwo, nowych wolontariuszach i stronach przesłanych do akceptacji. "
            "Puste pole oznacza grupę „Pracownicy COP”."
        ),
    )
    staff_notification_email = models.EmailField(
        _("dodatkowy adres powiadomień"),
        blank=True,
        help_text=_("Opcjonalnie: np. wspólna skrzynka biura, która też dostaje te powiadomienia."),
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("address_extra"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
            ],
            heading=_("Adres"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("opening_hours")], heading=_("Kontakt")
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("youtube_url")],
            heading=_("Media społecznościowe"),
        ),
        FieldPanel("footer_text"),
        FieldPanel("accessibility_statement"),
        MultiFieldPanel(
            [FieldPanel("staff_notification_group"), FieldPanel("staff_notification_email")],
            heading=_("Powiadomienia dla pracowników"),
        ),
    ]

    class Meta:
        verbose_name = _("dane Centrum")

    @cached_property
    def social_links(self):
        pairs = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in pairs if url]

    def schema_org(self, request=None) -> dict:
        return {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": self.organisation_name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": " ".join(filter(None, [self.street, self.address_extra])),
                "postalCode": self.postal_code,
                "addressLocality": self.city,
                "addressCountry": "PL",
            },
            **({"telephone": self.phone} if self.phone else {}),
            **({"email": self.email} if self.email else {}),
            **({"sameAs": [url for _name, url in self.social_links]} if self.social_links else {}),
        }


@register_setting(icon="list-ul")
class NavigationSettings(_LayoutSettingMixin, BaseSiteSetting):
    """The main menu and the footer menu, edited by staff."""

    main_menu = StreamField(
        [("item", MenuItemBlock())],
        verbose_name=_("menu główne"),
        blank=True,
        help_text=_("Pozycje menu w nagłówku, w kolejności."),
    )
    footer_menu = StreamField(
        [("item", MenuItemBlock())],
        verbose_name=_("menu w stopce"),
        blank=True,
        help_text=_("Odnośniki w stopce, w kolejności."),
    )

    panels = [FieldPanel("main_menu"), FieldPanel("footer_menu")]

    class Meta:
        verbose_name = _("menu serwisu")


class ExternalEditorSubtree(models.Model):
    """One external editor group, the page it owns (with its descendants) and its media collection."""

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("strona"), on_delete=models.CASCADE, related_name="editor_subtree"
    )
    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("grupa redaktorów"),
        on_delete=models.CASCADE,
        related_name="editor_subtree",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("kolekcja plików"),
        on_delete=models.PROTECT,
        related_name="editor_subtree",
    )
    kind = models.CharField(
        _("rodzaj"), max_length=30, help_text=_("Kto redaguje: np. „organizacja” albo „koło wolontariatu”.")
    )
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    class Meta:
        verbose_name = _("obszar redaktora zewnętrznego")
        verbose_name_plural = _("obszary redaktorów zewnętrznych")

    def __str__(self):
        return f"{self.group.name} → {self.page.title}"
