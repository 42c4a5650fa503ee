"""The NGO directory: one profile page per organisation under a single directory page, and the 1.5% page."""

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import BasePage
from home.pagination import CappedPaginator
from home.search import fold_diacritics

from ..identifiers import compact, validate_krs, validate_nip, validate_regon

DISTRICTS = [
    ("czerwionka", "Czerwionka"),
    ("leszczyny", "Leszczyny"),
    ("debiensko", "Dębieńsko"),
    ("czuchow", "Czuchów"),
    ("belk", "Bełk"),
    ("ksiazenice", "Książenice"),
    ("palowice", "Palowice"),
    ("przegedza", "Przegędza"),
    ("stanowice", "Stanowice"),
    ("szczejkowice", "Szczejkowice"),
]

LEGAL_FORMS = [
    ("stowarzyszenie", _("stowarzyszenie")),
    ("fundacja", _("fundacja")),
    ("stowarzyszenie_zwykle", _("stowarzyszenie zwykłe")),
    ("kgw", _("koło gospodyń wiejskich")),
    ("spoldzielnia_socjalna", _("spółdzielnia socjalna")),
    ("inna", _("inna forma")),
]
# Forms that are always entered in the National Court Register, so their KRS number is required.
LEGAL_FORMS_IN_KRS = {"stowarzyszenie", "fundacja", "spoldzielnia_socjalna"}

DIRECTORY_PER_PAGE = 20
SEARCH_COUNT_CAP = 1000


LOGO_RENDITION = "fill-160x160"
GALLERY_RENDITION = "fill-480x320"  # templates/ngo_directory/ngo_profile_page.html


class AreaOfActivity(index.Indexed, models.Model):
    """An area of activity (taxonomy managed by COP staff), e.g. "sport", "kultura", "pomoc społeczna"."""

    name = models.CharField(_("nazwa"), max_length=100, unique=True, help_text=_("Np. „Sport i rekreacja”."))
    slug = models.SlugField(
        _("adres (slug)"), max_length=100, unique=True, help_text=_("Używany w adresach filtrów.")
    )
    description = models.TextField(_("opis"), blank=True, help_text=_("Krótki opis obszaru (opcjonalnie)."))

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("obszar działalności")
        verbose_name_plural = _("obszary działalności")

    def __str__(self):
        return self.name


def identifier_conflicts(*, krs: str = "", nip: str = "", exclude_page_id=None) -> dict[str, str]:
    """Field errors for a KRS/NIP already used by another organisation in the directory."""
    errors = {}
    others = NGOProfilePage.objects.all()
    if exclude_page_id:
        others = others.exclude(pk=exclude_page_id)
    if krs and others.filter(krs=krs).exists():
        errors["krs"] = _("Organizacja z tym numerem KRS jest już w bazie organizacji.")
    if nip and others.filter(nip=nip).exists():
        errors["nip"] = _("Organizacja z tym numerem NIP jest już w bazie organizacji.")
    return errors


class NGODirectoryPage(RoutablePageMixin, BasePage):
    """The directory of organisations (one per site): filters, search, map, and the onboarding form."""

    intro = models.TextField(
        _("wstęp"), blank=True, max_length=600, help_text=_("Tekst nad wyszukiwarką organizacji.")
    )
    onboarding_intro = models.TextField(
        _("wstęp do formularza zgłoszenia"),
        blank=True,
        max_length=1000,
        help_text=_("Tekst nad formularzem „Dodaj organizację” (co się stanie po wysłaniu zgłoszenia)."),
    )
    show_map = models.BooleanField(
        _("pokazuj mapę"),
        default=True,
        help_text=_("Mapa organizacji nad listą; lista działa także bez mapy i bez JavaScriptu."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("onboarding_intro"),
        FieldPanel("show_map"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["ngo_directory.NGOProfilePage"]
    max_count = 1
    page_description = _(
        "Baza organizacji pozarządowych gminy (tylko jedna); profile organizacji są jej podstronami."
    )

    class Meta:
        verbose_name = _("baza organizacji")
        verbose_name_plural = _("bazy organizacji")

    def get_summary_source(self):
        return self.intro

    def organisations(self):
        """Live, public profiles of this directory (no drafts, no private pages)."""
        return NGOProfilePage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        from ..forms import DirectoryFilterForm
        from ..services import filter_organisations

        context = super().get_context(request, *args, **kwargs)
        form = DirectoryFilterForm(request.GET or None)
        filters = form.filters
        matching = filter_organisations(self.organisations(), filters)
        # A search counts at most SEARCH_COUNT_CAP matches: a broad word among 100,000 organisations
        # matches tens of thousands, and counting them all would cost more than the rest of the page.
        paginator = CappedPaginator(
            matching.values("pk"),
            DIRECTORY_PER_PAGE,
            cap=SEARCH_COUNT_CAP if filters.get("q") else None,
            count_queryset=matching.order_by(),
        )
        try:
            page_obj = paginator.page(request.GET.get("strona", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        # The page's keys are sorted on (title, pk) alone, then only its 20 rows are read in full: with
        # tens of thousands of matches, sorting whole rows cost more than sorting the keys. The keys are
        # read first (not a LIMIT subquery inside ``pk__in``, which PostgreSQL could plan very badly).
        keys = [row["pk"] for row in page_obj.object_list]
        rows = (
            NGOProfilePage.objects.filter(pk__in=keys)
            .select_related("logo")
            .prefetch_related("areas", Prefetch("logo__renditions"))
            .in_bulk()
        )
        page_obj.object_list = [rows[key] for key in keys if key in rows]
        # The map shows the organisations listed on this page of results (at most DIRECTORY_PER_PAGE),
        # so the page stays small however many organisations match.
        markers = []
        if self.show_map:
            base_url = self.get_url(request) or ""
            markers = [
                {
                    "title": org.title,
                    "url": f"{base_url}{org.slug}/",
                    "lat": float(org.latitude),
                    "lng": float(org.longitude),
                    "address": org.street,
                }
                for org in page_obj.object_list
                if org.latitude is not None and org.longitude is not None
            ]
        context.update(
            filter_form=form,
            page_obj=page_obj,
            organisations=page_obj.object_list,
            result_count=paginator.count,
            result_count_capped=paginator.capped,
            is_filtered=bool(filters),
            map_markers=markers,
        )
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("dodaj/", name="onboarding")
    def onboarding(self, request):
        """The public "Dodaj organizację" form (protected: honeypot, captcha when set, rate limit)."""
        from ..views import onboarding_view

        return onboarding_view(request, self)


class NGOProfilePage(BasePage):
    """The profile of one organisation, edited by the organisation itself under COP moderation."""

    short_name = models.CharField(
        _("nazwa skrócona"),
        max_length=100,
        blank=True,
        help_text=_("Skrót używany na co dzień, np. „UKS Orlik”."),
    )
    legal_form = models.CharField(
        _("forma prawna"), max_length=30, choices=LEGAL_FORMS, help_text=_("Forma prawna organizacji.")
    )
    krs = models.CharField(
        _("numer KRS"),
        max_length=10,
        blank=True,
        validators=[validate_krs],
        help_text=_(
            "10 cyfr z Krajowego Rejestru Sądowego, np. 0000123456 (wymagany dla stowarzyszeń i fundacji)."
        ),
    )
    nip = models.CharField(
        _("NIP"),
        max_length=13,
        blank=True,
        validators=[validate_nip],
        help_text=_("10 cyfr, np. 6422001234."),
    )
    regon = models.CharField(
        _("REGON"), max_length=17, blank=True, validators=[validate_regon], help_text=_("9 lub 14 cyfr.")
    )
    is_opp = models.BooleanField(
        _("organizacja pożytku publicznego (OPP)"),
        default=False,
        help_text=_("Zaznacz, jeśli organizacja ma status OPP i może otrzymać 1,5% podatku."),
    )
    areas = ParentalManyToManyField(
        "ngo_directory.AreaOfActivity",
        verbose_name=_("obszary działalności"),
        blank=True,
        related_name="organisations",
        help_text=_("Wybierz wszystkie obszary, w których działa organizacja."),
    )
    beneficiaries = models.CharField(
        _("adresaci działań"),
        max_length=250,
        blank=True,
        help_text=_("Dla kogo działa organizacja, np. „dzieci i młodzież, seniorzy”."),
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
    city = models.CharField(
        _("miejscowość"), max_length=100, default="Czerwionka-Leszczyny", help_text=_("Miejscowość siedziby.")
    )
    latitude = models.DecimalField(
        _("szerokość geograficzna"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Do mapy, np. 50,1535 (odczytasz ją z mapy OpenStreetMap po kliknięciu w miejsce)."),
    )
    longitude = models.DecimalField(
        _("długość geograficzna"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Do mapy, np. 18,6790."),
    )
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Publiczny adres e-mail organizacji."))
    phone = models.CharField(
        _("telefon"), max_length=40, blank=True, help_text=_("Publiczny numer telefonu.")
    )
    website = models.URLField(_("strona internetowa"), blank=True, help_text=_("Adres strony organizacji."))
    facebook_url = models.URLField(_("Facebook"), blank=True, help_text=_("Adres profilu na Facebooku."))
    instagram_url = models.URLField(_("Instagram"), blank=True, help_text=_("Adres profilu na Instagramie."))
    contact_person_name = models.CharField(
        _("osoba do kontaktu"),
        max_length=150,
        blank=True,
        help_text=_("Imię i nazwisko; widoczne publicznie tylko, gdy zaznaczysz zgodę poniżej."),
    )
    contact_person_role = models.CharField(
        _("funkcja osoby do kontaktu"), max_length=100, blank=True, help_text=_("Np. „prezes zarządu”.")
    )
    contact_person_email = models.EmailField(
        _("e-mail osoby do kontaktu"), blank=True, help_text=_("Widoczny publicznie tylko za zgodą.")
    )
    contact_person_phone = models.CharField(
        _("telefon osoby do kontaktu"),
        max_length=40,
        blank=True,
        help_text=_("Widoczny publicznie tylko za zgodą."),
    )
    contact_person_public = models.BooleanField(
        _("pokazuj osobę do kontaktu publicznie"),
        default=False,
        help_text=_(
            "Zaznacz tylko za zgodą tej osoby: jej imię, nazwisko, e-mail i telefon pojawią się na profilu i w API."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Logo organizacji (kwadratowe lub poziome)."),
    )
    description = StreamField(
        BaseStreamBlock(),
        verbose_name=_("opis działalności"),
        blank=True,
        help_text=_("Czym zajmuje się organizacja, historia, osiągnięcia."),
    )
    opp_goal = models.CharField(
        _("cel 1,5%"),
        max_length=250,
        blank=True,
        help_text=_("Na co organizacja przeznaczy 1,5% podatku (widoczne na stronie kampanii)."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("short_name"),
                FieldPanel("legal_form"),
                FieldRowPanel([FieldPanel("krs"), FieldPanel("nip"), FieldPanel("regon")]),
                FieldPanel("is_opp"),
                FieldPanel("opp_goal"),
            ],
            heading=_("Dane rejestrowe"),
        ),
        MultiFieldPanel([FieldPanel("areas"), FieldPanel("beneficiaries")], heading=_("Działalność")),
        MultiFieldPanel(
            [
                FieldPanel("district"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Adres"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
            ],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_person_name"),
                FieldPanel("contact_person_role"),
                FieldRowPanel([FieldPanel("contact_person_email"), FieldPanel("contact_person_phone")]),
                FieldPanel("contact_person_public"),
            ],
            heading=_("Osoba do kontaktu"),
        ),
        FieldPanel("logo"),
        FieldPanel("description"),
        InlinePanel("gallery_images", label=_("Galeria"), heading=_("Galeria zdjęć")),
        InlinePanel("documents", label=_("Dokument"), heading=_("Dokumenty (statut, sprawozdania)")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("short_name"),
        index.SearchField("beneficiaries"),
        index.SearchField("description"),
        index.RelatedFields("areas", [index.SearchField("name")]),
        index.SearchField("search_text_folded"),
        index.AutocompleteField("short_name"),
        index.AutocompleteField("autocomplete_text_folded"),
        index.FilterField("district"),
        index.FilterField("legal_form"),
        index.FilterField("is_opp"),
    ]
    # A copy must never carry the registry numbers of the original (they are unique).
    exclude_fields_in_copy = ["krs", "nip", "regon"]
    parent_page_types = ["ngo_directory.NGODirectoryPage"]
    # Pages the NGO publishes under its profile (strings: the hub never imports its consumers).
    subpage_types = ["events.EventPage", "volunteering.VolunteerOfferPage"]
    page_description = _(
        "Profil organizacji pozarządowej; organizacja redaguje go sama, zmiany akceptuje COP."
    )

    class Meta:
        verbose_name = _("profil organizacji")
        verbose_name_plural = _("profile organizacji")
        constraints = [
            models.UniqueConstraint(
                fields=["krs"],
                condition=~Q(krs=""),
                name="ngo_profile_unique_krs",
                violation_error_message=_("Organizacja z tym numerem KRS jest już w bazie organizacji."),
            ),
            models.UniqueConstraint(
                fields=["nip"],
                condition=~Q(nip=""),
                name="ngo_profile_unique_nip",
                violation_error_message=_("Organizacja z tym numerem NIP jest już w bazie organizacji."),
            ),
        ]

    def clean(self):
        super().clean()
        self.krs, self.nip, self.regon = compact(self.krs), compact(self.nip), compact(self.regon)
        errors = identifier_conflicts(krs=self.krs, nip=self.nip, exclude_page_id=self.pk)
        if self.legal_form in LEGAL_FORMS_IN_KRS and not self.krs:
            errors.setdefault(
                "krs", _("Stowarzyszenie, fundacja i spółdzielnia socjalna mają numer KRS: wpisz go.")
            )
        if self.is_opp and not self.krs:
            errors.setdefault(
                "krs", _("Organizacja pożytku publicznego ma numer KRS: wpisz go (potrzebny do 1,5%).")
            )
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Podaj obie współrzędne albo żadnej.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if getattr(self, "search_auto_update", True) and (update_fields is None or "areas" in update_fields):
            # The search index is written in ``post_save``, from the page read back from the database –
            # before ``ClusterableModel.save`` has written the areas. Index it again now that they are
            # there, so the search finds an organisation by the names of its areas (a queued task in
            # production, at once with the immediate task backend).
            from modelsearch.tasks import insert_or_update_object_task

            insert_or_update_object_task.enqueue(self._meta.app_label, self._meta.model_name, str(self.pk))
        return result

    def search_text_folded(self) -> str:
        """The searchable text without diacritics, indexed next to the original: the directory search
        folds the visitor's query the same way (``filter_organisations``)."""
        texts = [self.title, self.short_name, self.beneficiaries, self.listing_summary]
        texts += self._meta.get_field("description").get_searchable_content(self.description)
        texts += [area.name for area in self.areas.all()]
        return fold_diacritics(" ".join(text for text in texts if text))

    def autocomplete_text_folded(self) -> str:
        """The names without diacritics, for the organisation picker of other apps' forms
        (``ngo_directory.picker``): "kolo gosp" finds "Koło Gospodyń"."""
        return fold_diacritics(" ".join(name for name in (self.title, self.short_name) if name))

    def get_summary_source(self):
        """Text of the paragraphs, read from the raw data: rendering images or page links in a listing
        would cost a query per organisation."""
        texts = [
            block.get("value") for block in self.description.raw_data if block.get("type") == "paragraph"
        ]
        return " ".join(text for text in texts if isinstance(text, str))

    @property
    def display_name(self):
        return self.short_name or self.title

    def address_lines(self):
        return [line for line in (self.street, f"{self.postal_code} {self.city}".strip()) if line]

    def social_links(self):
        return [url for url in (self.website, self.facebook_url, self.instagram_url) if url]

    def public_contact_person(self):
        """The contact person, only when the organisation marked it public (personal data)."""
        if not (self.contact_person_public and self.contact_person_name):
            return None
        return {
            "name": self.contact_person_name,
            "role": self.contact_person_role,
            "email": self.contact_person_email,
            "phone": self.contact_person_phone,
        }

    def profile_sections(self, request) -> list[str]:
        """HTML sections other apps add to the profile through the ``cop_ngo_profile_sections`` hook.

        Each hook is ``fn(request, profile) -> HTML`` (empty when it has nothing to show): the events
        app shows the organisation's upcoming events and its iCal feed, the volunteering app its open
        offers. The directory never imports them. A profile being previewed before its first save has
        no events or offers yet, so it gets no sections.
        """
        if self.pk is None:
            return []
        sections = (fn(request, self) for fn in hooks.get_hooks("cop_ngo_profile_sections"))
        return [html for html in sections if html]

    def gallery(self):
        """The gallery with its images and their renditions: two queries however many photos."""
        from wagtail.images import get_image_model

        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=GALLERY_RENDITION)
        return self.gallery_images.select_related("image").prefetch_related(
            Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions")
        )

    def document_list(self):
        """The documents with their files: one query however many documents."""
        return self.documents.select_related("document")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["profile_sections"] = self.profile_sections(request)
        return context

    def get_schema_org(self, request=None) -> dict:
        data = {
            "@context": "https://schema.org",
            "@type": "NGO",
            "name": self.title,
            "description": self.get_summary(),
            "url": self.get_full_url(request),
            "areaServed": "Czerwionka-Leszczyny",
        }
        if self.short_name:
            data["alternateName"] = self.short_name
        if self.nip:
            data["taxID"] = self.nip
        identifiers = [
            {"@type": "PropertyValue", "propertyID": name, "value": value}
            for name, value in (("KRS", self.krs), ("NIP", self.nip), ("REGON", self.regon))
            if value
        ]
        if identifiers:
            data["identifier"] = identifiers
        if self.street or self.postal_code:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": self.street,
                "postalCode": self.postal_code,
                "addressLocality": self.city,
                "addressRegion": "śląskie",
                "addressCountry": "PL",
            }
        if self.latitude is not None and self.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        if self.email:
            data["email"] = self.email
        if self.phone:
            data["telephone"] = self.phone
        if links := self.social_links():
            data["sameAs"] = links
        if self.logo_id:
            rendition = self.logo.get_rendition(LOGO_RENDITION)
            data["logo"] = request.build_absolute_uri(rendition.url) if request else rendition.url
        return data


class NGOGalleryImage(Orderable):
    """One photo of an organisation's gallery."""

    page = ParentalKey(NGOProfilePage, related_name="gallery_images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("zdjęcie"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Zdjęcie z działalności organizacji (najlepiej poziome)."),
    )
    caption = models.CharField(
        _("podpis"),
        max_length=250,
        blank=True,
        help_text=_("Co widać na zdjęciu (służy też jako opis dla niewidomych)."),
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("zdjęcie galerii")
        verbose_name_plural = _("galeria")


DOCUMENT_KINDS = [
    ("statut", _("statut")),
    ("sprawozdanie_merytoryczne", _("sprawozdanie merytoryczne")),
    ("sprawozdanie_finansowe", _("sprawozdanie finansowe")),
    ("inny", _("inny dokument")),
]


class NGODocument(Orderable):
    """A document published by an organisation: statute, annual reports."""

    page = ParentalKey(NGOProfilePage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("plik"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Plik PDF lub ODT."),
    )
    kind = models.CharField(
        _("rodzaj"), max_length=30, choices=DOCUMENT_KINDS, default="statut", help_text=_("Rodzaj dokumentu.")
    )
    year = models.PositiveSmallIntegerField(
        _("rok"), null=True, blank=True, help_text=_("Rok, którego dotyczy sprawozdanie (opcjonalnie).")
    )

    panels = [FieldPanel("document"), FieldRowPanel([FieldPanel("kind"), FieldPanel("year")])]

    class Meta(Orderable.Meta):
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenty")


class TaxCampaignPage(BasePage):
    """„Przekaż 1,5% podatku”: every published OPP organisation of the directory, with its KRS."""

    intro = models.TextField(
        _("wstęp"), blank=True, max_length=600, help_text=_("Krótkie zaproszenie nad listą organizacji.")
    )
    instructions = StreamField(
        BaseStreamBlock(),
        verbose_name=_("jak przekazać 1,5%"),
        blank=True,
        help_text=_("Wyjaśnienie krok po kroku; gdy puste, pokażemy krótką instrukcję standardową."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("instructions")]
    parent_page_types = ["home.HomePage", "ngo_directory.NGODirectoryPage"]
    subpage_types = []
    max_count = 1
    page_description = _(
        "Strona kampanii 1,5% podatku: lista organizacji pożytku publicznego tworzy się sama z bazy organizacji."
    )

    class Meta:
        verbose_name = _("strona kampanii 1,5%")
        verbose_name_plural = _("strony kampanii 1,5%")

    def get_summary_source(self):
        return self.intro

    def organisations(self):
        return (
            NGOProfilePage.objects.live().public().filter(is_opp=True).exclude(krs="").order_by("title", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = list(self.organisations())
        return context
