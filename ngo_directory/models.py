"""The NGO directory: one profile page per organisation, under a single directory page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import BasePage

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


class NGODirectoryPage(BasePage):
    """The directory of organisations (one per site): filters, search, map."""

    intro = models.TextField(
        _("wstęp"), blank=True, max_length=600, help_text=_("Tekst nad wyszukiwarką organizacji.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
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
        help_text=_("10 cyfr z Krajowego Rejestru Sądowego (jeśli organizacja jest w KRS)."),
    )
    nip = models.CharField(_("NIP"), max_length=10, blank=True, help_text=_("10 cyfr, bez kresek."))
    regon = models.CharField(_("REGON"), max_length=14, blank=True, help_text=_("9 lub 14 cyfr."))
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
        help_text=_("Do mapy, np. 50,1535."),
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
        FieldPanel("logo"),
        FieldPanel("description"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("short_name"),
        index.SearchField("beneficiaries"),
        index.SearchField("description"),
        index.AutocompleteField("short_name"),
        index.FilterField("district"),
        index.FilterField("legal_form"),
        index.FilterField("is_opp"),
    ]
    parent_page_types = ["ngo_directory.NGODirectoryPage"]
    subpage_types = ["volunteering.VolunteerOfferPage"]
    page_description = _(
        "Profil organizacji pozarządowej; organizacja redaguje go sama, zmiany akceptuje COP."
    )

    class Meta:
        verbose_name = _("profil organizacji")
        verbose_name_plural = _("profile organizacji")
