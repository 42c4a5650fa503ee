"""Benchmark data and targets of the NGO directory (see bench/README.md; ``home.bench`` provides the tools).

``build`` adds ``context.size("ngos")`` organisation profiles (5,000 at ``--scale full``) with valid
KRS/NIP/REGON numbers, areas of activity, addresses and map coordinates, published in bulk and
indexed for search in bulk. :func:`add_organisations` is also what ``bench/run.py --search-ngos``
uses to grow the directory to 100,000 organisations for the search measurement.
"""

import random
from decimal import Decimal

from django.urls import reverse

from home.bench import BenchContext, Target, bulk_child_pages
from home.blocks import paragraph

from .identifiers import valid_krs, valid_nip, valid_regon
from .models import AreaOfActivity, NGODirectoryPage, NGOProfilePage, TaxCampaignPage
from .models.pages import DISTRICTS, LEGAL_FORMS_IN_KRS
from .search import refresh_documents

# Series offsets far from the demo content, the factories and the onboarding requests.
KRS_BASE = 3_000_000
NIP_BASE = 1_000_000

KINDS = [
    ("stowarzyszenie", "Stowarzyszenie"),
    ("stowarzyszenie", "Uczniowski Klub Sportowy"),
    ("fundacja", "Fundacja"),
    ("stowarzyszenie_zwykle", "Stowarzyszenie zwykłe"),
    ("kgw", "Koło Gospodyń Wiejskich"),
    ("spoldzielnia_socjalna", "Spółdzielnia Socjalna"),
    ("stowarzyszenie", "Ochotnicza Straż Pożarna"),
]
THEMES = [
    ("Przyjaciół Dzieci", ["dzieci-mlodziez"], "dzieci i młodzież"),
    ("Pomocy Seniorom „Złota Jesień”", ["seniorzy", "pomoc-spoleczna"], "seniorzy"),
    ("Miłośników Ziemi Śląskiej", ["kultura"], "mieszkańcy gminy"),
    ("Sportowe „Górnik”", ["sport"], "dzieci, młodzież i dorośli"),
    ("Rozwoju Sołectwa", ["kultura", "seniorzy"], "mieszkańcy sołectwa"),
    ("Pomocy Osobom Niepełnosprawnym", ["zdrowie", "pomoc-spoleczna"], "osoby z niepełnosprawnościami"),
    ("Ekologiczne „Zielona Gmina”", ["ekologia"], "mieszkańcy gminy"),
    ("Ratownictwa i Bezpieczeństwa", ["ratownictwo"], "mieszkańcy gminy"),
    ("Wsparcia Rodziny „Razem”", ["pomoc-spoleczna", "dzieci-mlodziez"], "rodziny w trudnej sytuacji"),
    ("Opieki nad Zwierzętami", ["ekologia"], "bezdomne zwierzęta"),
]
DESCRIPTIONS = [
    "Prowadzimy zajęcia dla dzieci i młodzieży, organizujemy wyjazdy i festyny rodzinne.",
    "Wspieramy seniorów: spotkania, wycieczki, pomoc w codziennych sprawach i wolontariat sąsiedzki.",
    "Dbamy o śląską tradycję: zespół śpiewaczy, warsztaty rękodzieła i kuchni regionalnej.",
    "Organizujemy treningi piłki nożnej, turnieje i obozy sportowe; promujemy zdrowy styl życia.",
    "Pomagamy rodzinom w kryzysie: paczki żywnościowe, poradnictwo, świetlica środowiskowa.",
    "Sprzątamy lasy i brzegi rzek, sadzimy drzewa, prowadzimy edukację ekologiczną w szkołach.",
]
STREETS = ["ul. 3-go Maja", "ul. Wolności", "ul. Furgoła", "ul. Sportowa", "ul. Kościelna", "ul. Wiejska"]


def areas_by_slug() -> dict[str, AreaOfActivity]:
    return {area.slug: area for area in AreaOfActivity.objects.all()}


def add_organisations(count: int, start: int = 0, seed: int = 5000) -> list[NGOProfilePage]:
    """``count`` live organisation profiles (numbers ``start`` … ``start + count - 1`` of the series)."""
    directory = NGODirectoryPage.objects.first()
    areas = areas_by_slug()
    rng = random.Random(seed + start)
    pages, page_areas, used_nips = (
        [],
        {},
        set(NGOProfilePage.objects.exclude(nip="").values_list("nip", flat=True)),
    )
    for number in range(start, start + count):
        legal_form, prefix = KINDS[number % len(KINDS)]
        theme, theme_areas, beneficiaries = THEMES[(number // len(KINDS)) % len(THEMES)]
        district, district_name = DISTRICTS[number % len(DISTRICTS)]
        nip = valid_nip(NIP_BASE + number)
        while nip in used_nips:  # the series almost never repeats; skip when it does
            nip = valid_nip(NIP_BASE + number + rng.randint(200_000, 900_000))
        used_nips.add(nip)
        is_opp = legal_form in LEGAL_FORMS_IN_KRS and number % 4 == 0
        page = NGOProfilePage(
            title=f"{prefix} {theme} {district_name} nr {number + 1}",
            slug=f"bench-organizacja-{number + 1}",
            legal_form=legal_form,
            krs=valid_krs(KRS_BASE + number) if legal_form in LEGAL_FORMS_IN_KRS else "",
            nip=nip,
            regon=valid_regon(NIP_BASE + number),
            is_opp=is_opp,
            opp_goal="zajęcia dla dzieci i pomoc sąsiedzka" if is_opp else "",
            beneficiaries=beneficiaries,
            district=district,
            street=f"{STREETS[number % len(STREETS)]} {1 + number % 90}",
            postal_code="44-230",
            latitude=Decimal(f"{50.09 + rng.random() * 0.1:.6f}"),
            longitude=Decimal(f"{18.66 + rng.random() * 0.12:.6f}"),
            email=f"kontakt{number + 1}@example.org",
            description=[paragraph(f"<p>{DESCRIPTIONS[number % len(DESCRIPTIONS)]}</p>")],
            listing_summary="",
        )
        pages.append(page)
        page_areas[page.slug] = [areas[slug] for slug in theme_areas if slug in areas]

    def add_areas(saved_pages):
        for page in saved_pages:  # in memory for the search index (modelcluster), no query per page
            page.areas = page_areas[page.slug]
        through = NGOProfilePage.areas.through
        through.objects.bulk_create(
            [
                through(ngoprofilepage_id=page.id, areaofactivity_id=area.id)
                for page in saved_pages
                for area in page_areas[page.slug]
            ],
            batch_size=2000,
        )
        refresh_documents(saved_pages)  # the directory's own search documents (PostgreSQL)

    saved = []
    for chunk in range(0, len(pages), 5000):  # memory stays flat at 100,000 profiles
        saved += bulk_child_pages(
            directory, pages[chunk : chunk + 5000], published_at=lambda page: None, before_index=add_areas
        )
    return saved


def build(context: BenchContext) -> None:
    count = context.size("ngos")
    add_organisations(count)
    context.note(f"{count} organizacji")


def targets(context: BenchContext) -> list[Target]:
    directory = NGODirectoryPage.objects.first()
    profile = NGOProfilePage.objects.live().filter(slug__startswith="bench-").order_by("path").last()
    profile = profile or NGOProfilePage.objects.live().order_by("path").first()
    campaign = TaxCampaignPage.objects.live().first()
    targets = [
        Target("katalog organizacji", directory.url),
        Target("katalog: strona 50", f"{directory.url}?strona=50"),
        Target("katalog: filtr obszaru i dzielnicy", f"{directory.url}?obszar=sport&dzielnica=czerwionka"),
        Target("katalog: wyszukiwanie", f"{directory.url}?q=seniorom"),
        Target("profil organizacji", profile.url),
        Target("formularz: dodaj organizację", f"{directory.url}dodaj/"),
        Target(  # the biggest section of the sitemap: its first page of 1,000 organisations
            "sitemap: organizacje bez pamięci",
            reverse("sitemap_section", args=(NGOProfilePage._meta.app_label,)),
            uncached=True,
        ),
        Target("API: organizacje", "/api/cop/v1/organizacje/", kind="api"),
        Target("API: organizacje, filtr", "/api/cop/v1/organizacje/?obszar=sport&opp=true", kind="api"),
        Target("API: organizacje, wyszukiwanie", "/api/cop/v1/organizacje/?q=seniorom", kind="api"),
        Target("API: organizacja", f"/api/cop/v1/organizacje/{profile.pk}/", kind="api"),
        # The organisation picker of the request forms, as a visitor types (no Polish letters, a cut word).
        Target(
            "API: podpowiedzi organizacji",
            "/api/cop/v1/organizacje/podpowiedzi/?q=przyjaciol+dzie",
            kind="api",
        ),
    ]
    if campaign is not None:
        targets.insert(5, Target("kampania 1,5%", campaign.url))
    return targets


# Realistic visitor queries for the search measurement (``bench/run.py --search-ngos``).
SEARCH_QUERIES = [
    "seniorom",
    "pomoc społeczna",
    "pomoc spoleczna",  # typed without Polish letters
    "klub sportowy",
    "koło gospodyń bełk",
    "fundacja zwierzętami",
]


def grow_for_search(context: BenchContext, total: int) -> str:
    """Add organisations until the directory holds ``total`` (``bench/run.py --search-ngos``)."""
    existing = NGOProfilePage.objects.count()
    bench_made = NGOProfilePage.objects.filter(slug__startswith="bench-organizacja-").count()
    missing = max(0, total - existing)
    add_organisations(missing, start=bench_made)
    return f"{existing + missing} organizacji"


def search_targets(context: BenchContext) -> list[Target]:
    from urllib.parse import urlencode

    directory = NGODirectoryPage.objects.first()
    return [
        *(
            Target(f"katalog: „{query}”", f"{directory.url}?{urlencode({'q': query})}")
            for query in SEARCH_QUERIES
        ),
        Target(
            f"API: „{SEARCH_QUERIES[1]}”",
            f"/api/cop/v1/organizacje/?{urlencode({'q': SEARCH_QUERIES[1]})}",
            kind="api",
        ),
    ]
