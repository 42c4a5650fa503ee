"""Polish demo content of the NGO directory: areas, 14 invented organisations of the municipality, their
editor accounts, the directory and the 1.5% page, a pending onboarding request. Idempotent."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from home.blocks import heading, paragraph
from home.demo import DemoContext
from home.editors import add_editor
from home.models import NavigationSettings

from .forms import CONSENT_TEXT
from .identifiers import valid_nip, valid_regon
from .models import AreaOfActivity, NGODirectoryPage, NGOProfilePage, OnboardingRequest, TaxCampaignPage
from .services import give_ngo_subtree

EDITOR_PASSWORD = "ngo-demo-2026"

AREAS = [
    ("Sport i rekreacja", "sport", "Kluby sportowe, rekreacja, turystyka."),
    ("Kultura i tradycja", "kultura", "Zespoły, koła gospodyń, ochrona dziedzictwa Śląska."),
    ("Dzieci i młodzież", "dzieci-mlodziez", "Świetlice, edukacja pozaszkolna, wypoczynek."),
    ("Seniorzy", "seniorzy", "Aktywizacja i wsparcie osób starszych."),
    ("Pomoc społeczna", "pomoc-spoleczna", "Pomoc rodzinom, osobom w kryzysie i potrzebującym."),
    (
        "Zdrowie i niepełnosprawność",
        "zdrowie",
        "Rehabilitacja, profilaktyka, wsparcie osób z niepełnosprawnościami.",
    ),
    ("Ekologia i zwierzęta", "ekologia", "Ochrona przyrody, opieka nad zwierzętami."),
    ("Bezpieczeństwo i ratownictwo", "ratownictwo", "Ochotnicze straże pożarne, ratownictwo."),
]

# (slug, title, short name, legal form, district, OPP, areas, beneficiaries, street, lat, lng, goal, description)
ORGANISATIONS = [
    (
        "uks-orlik",
        "Uczniowski Klub Sportowy „Orlik” Czerwionka",
        "UKS Orlik",
        "stowarzyszenie",
        "czerwionka",
        True,
        ["sport", "dzieci-mlodziez"],
        "dzieci i młodzież szkolna",
        "ul. Sportowa 4",
        "50.158200",
        "18.686500",
        "sprzęt i obozy sportowe dla dzieci",
        "Prowadzimy treningi piłki nożnej i lekkiej atletyki dla ponad 120 dzieci. Organizujemy gminny turniej „Orlik Cup”.",
    ),
    (
        "fundacja-usmiech",
        "Fundacja „Uśmiech Dziecka” z Leszczyn",
        "Fundacja Uśmiech",
        "fundacja",
        "leszczyny",
        True,
        ["dzieci-mlodziez", "pomoc-spoleczna"],
        "dzieci z rodzin w trudnej sytuacji",
        "ul. Furgoła 12",
        "50.146100",
        "18.701200",
        "wyprawki szkolne i kolonie letnie",
        "Prowadzimy świetlicę środowiskową, pomagamy w nauce i organizujemy wyjazdy wakacyjne dla dzieci.",
    ),
    (
        "kgw-palowice",
        "Koło Gospodyń Wiejskich w Palowicach",
        "KGW Palowice",
        "kgw",
        "palowice",
        False,
        ["kultura", "seniorzy"],
        "mieszkańcy Palowic, seniorzy",
        "ul. Wiejska 31",
        "50.095400",
        "18.764800",
        "",
        "Kultywujemy śląską tradycję kulinarną i obrzędową, organizujemy dożynki sołeckie i warsztaty rękodzieła.",
    ),
    (
        "kgw-belk",
        "Koło Gospodyń Wiejskich „Bełkowianki”",
        "Bełkowianki",
        "kgw",
        "belk",
        False,
        ["kultura"],
        "mieszkańcy Bełku",
        "ul. Kościelna 2",
        "50.103200",
        "18.719900",
        "",
        "Zespół śpiewaczy i koło gospodyń: występy, kiermasze świąteczne, spotkania pokoleń.",
    ),
    (
        "osp-stanowice",
        "Ochotnicza Straż Pożarna w Stanowicach",
        "OSP Stanowice",
        "stowarzyszenie",
        "stanowice",
        True,
        ["ratownictwo", "dzieci-mlodziez"],
        "mieszkańcy gminy, młodzieżowa drużyna pożarnicza",
        "ul. Strażacka 1",
        "50.184900",
        "18.699100",
        "sprzęt ratowniczy i szkolenie młodzieżowej drużyny",
        "Ratujemy życie i mienie, szkolimy młodzież, prowadzimy pokazy pierwszej pomocy w szkołach.",
    ),
    (
        "stowarzyszenie-debiensko",
        "Stowarzyszenie Miłośników Ziemi Dębieńskiej",
        "SMZD",
        "stowarzyszenie",
        "debiensko",
        False,
        ["kultura"],
        "mieszkańcy Dębieńska",
        "ul. Młyńska 7",
        "50.167800",
        "18.640300",
        "",
        "Dokumentujemy historię kopalni „Dębieńsko” i dzielnicy, wydajemy zeszyty historyczne, oprowadzamy wycieczki.",
    ),
    (
        "senior-aktywny",
        "Stowarzyszenie „Aktywny Senior” Czuchów",
        "Aktywny Senior",
        "stowarzyszenie",
        "czuchow",
        True,
        ["seniorzy", "zdrowie"],
        "osoby 60+",
        "ul. Szkolna 10",
        "50.130500",
        "18.704400",
        "zajęcia ruchowe i wycieczki dla seniorów",
        "Gimnastyka, nordic walking, kurs obsługi smartfona i wspólne wyjazdy dla seniorów z całej gminy.",
    ),
    (
        "fundacja-zielona-gmina",
        "Fundacja „Zielona Gmina”",
        "Zielona Gmina",
        "fundacja",
        "przegedza",
        False,
        ["ekologia"],
        "mieszkańcy, szkoły",
        "ul. Leśna 5",
        "50.120300",
        "18.789600",
        "",
        "Sadzimy drzewa, sprzątamy lasy nad Bierawką, prowadzimy zajęcia przyrodnicze w szkołach.",
    ),
    (
        "przytulisko-lapa",
        "Stowarzyszenie Pomocy Zwierzętom „Łapa”",
        "Łapa",
        "stowarzyszenie",
        "ksiazenice",
        True,
        ["ekologia"],
        "bezdomne zwierzęta i ich opiekunowie",
        "ul. Polna 18",
        "50.142000",
        "18.610200",
        "leczenie i sterylizacja bezdomnych zwierząt",
        "Prowadzimy dom tymczasowy dla psów i kotów, akcje adopcyjne i zbiórki karmy.",
    ),
    (
        "razem-szczejkowice",
        "Stowarzyszenie „Razem dla Szczejkowic”",
        "Razem dla Szczejkowic",
        "stowarzyszenie_zwykle",
        "szczejkowice",
        False,
        ["kultura", "dzieci-mlodziez"],
        "mieszkańcy sołectwa",
        "ul. Główna 40",
        "50.175100",
        "18.595400",
        "",
        "Grupa sąsiedzka: festyny, porządkowanie placu zabaw, wspólne wigilie sołeckie.",
    ),
    (
        "spoldzielnia-pracownia",
        "Spółdzielnia Socjalna „Pracownia Dobrych Rzeczy”",
        "Pracownia Dobrych Rzeczy",
        "spoldzielnia_socjalna",
        "czerwionka",
        False,
        ["pomoc-spoleczna"],
        "osoby wracające na rynek pracy",
        "ul. 3 Maja 25",
        "50.161500",
        "18.683300",
        "",
        "Prowadzimy kawiarnię i pracownię stolarską, w których pracę znajdują osoby długo bezrobotne.",
    ),
    (
        "amazonki",
        "Stowarzyszenie „Amazonki” Czerwionka-Leszczyny",
        "Amazonki",
        "stowarzyszenie",
        "leszczyny",
        True,
        ["zdrowie"],
        "kobiety po leczeniu onkologicznym i ich rodziny",
        "ul. Słowackiego 3",
        "50.143800",
        "18.697500",
        "rehabilitacja i grupy wsparcia",
        "Wspieramy kobiety po chorobie nowotworowej: rehabilitacja, grupy wsparcia, kampanie profilaktyczne.",
    ),
    (
        "ks-gornik-czuchow",
        "Klub Sportowy „Górnik” Czuchów",
        "KS Górnik",
        "stowarzyszenie",
        "czuchow",
        False,
        ["sport"],
        "dzieci, młodzież i dorośli",
        "ul. Boczna 1",
        "50.128900",
        "18.707800",
        "",
        "Drużyny piłkarskie od żaka do seniora; gospodarz boiska w Czuchowie.",
    ),
    (
        "fundacja-tecza",
        "Fundacja Rehabilitacji Dzieci „Tęcza”",
        "Fundacja Tęcza",
        "fundacja",
        "debiensko",
        True,
        ["zdrowie", "dzieci-mlodziez"],
        "dzieci z niepełnosprawnościami i ich rodziny",
        "ul. Szpitalna 9",
        "50.169900",
        "18.645600",
        "turnusy rehabilitacyjne dla dzieci",
        "Finansujemy rehabilitację, organizujemy turnusy i spotkania rodziców dzieci z niepełnosprawnościami.",
    ),
]


def ensure_areas(context: DemoContext) -> dict[str, AreaOfActivity]:
    areas = {}
    for name, slug, description in AREAS:
        area, created = AreaOfActivity.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        if created:
            context.note(f"obszar „{name}”")
        areas[slug] = area
    return areas


def ensure_directory(context: DemoContext) -> NGODirectoryPage:
    directory = NGODirectoryPage.objects.first()
    if directory:
        return directory
    directory = NGODirectoryPage(
        title="Baza organizacji",
        slug="organizacje",
        intro=(
            "Stowarzyszenia, fundacje, koła gospodyń wiejskich i kluby sportowe z gminy Czerwionka-Leszczyny. "
            "Znajdź organizację według obszaru działalności, dzielnicy lub nazwy."
        ),
        listing_summary="Baza organizacji pozarządowych gminy Czerwionka-Leszczyny z mapą i wyszukiwarką.",
    )
    context.home.add_child(instance=directory)
    directory.save_revision().publish()
    context.note("strona „Baza organizacji”")
    return directory


def ensure_organisations(context: DemoContext, directory, areas) -> None:
    User = get_user_model()
    for n, row in enumerate(ORGANISATIONS, start=1):
        (slug, title, short, form, district, opp, area_slugs, beneficiaries, street, lat, lng, goal, text) = (
            row
        )
        page = NGOProfilePage.objects.filter(slug=slug).first()
        if page is None:
            page = NGOProfilePage(
                title=title,
                slug=slug,
                short_name=short,
                legal_form=form,
                krs="" if form in ("kgw", "stowarzyszenie_zwykle") else f"{800_000 + n * 137:010d}",
                nip=valid_nip(900 + n * 11),
                regon=valid_regon(700 + n * 13),
                is_opp=opp,
                beneficiaries=beneficiaries,
                district=district,
                street=street,
                postal_code="44-230",
                latitude=Decimal(lat),
                longitude=Decimal(lng),
                email=f"kontakt@{slug}.example.org",
                phone=f"32 431 {10 + n:02d} {20 + n:02d}",
                website=f"https://{slug}.example.org",
                opp_goal=goal,
                contact_person_name="Joanna Kaczmarek" if n % 4 == 0 else "",
                contact_person_role="prezeska zarządu" if n % 4 == 0 else "",
                contact_person_email=f"prezes@{slug}.example.org" if n % 4 == 0 else "",
                contact_person_public=n % 8 == 0,
                listing_summary=text.split(".")[0] + ".",
                description=[
                    heading("Czym się zajmujemy"),
                    paragraph(f"<p>{text}</p>"),
                    paragraph(
                        "<p>Zapraszamy do współpracy wolontariuszy i partnerów z gminy Czerwionka-Leszczyny.</p>"
                    ),
                ],
            )
            page.areas.set([areas[a] for a in area_slugs])
            directory.add_child(instance=page)
            page.save_revision().publish()
            context.note(f"organizacja „{short}”")
        subtree = give_ngo_subtree(page)
        username = f"ngo-{slug}"[:30]
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username,
                f"redakcja@{slug}.example.org",
                EDITOR_PASSWORD,
                first_name="Redakcja",
                last_name=short,
            )
            context.note(f"konto redaktora {username}")
        add_editor(subtree, user)
        context.accounts.append((f"redaktor NGO: {short}"[:40], username, EDITOR_PASSWORD))


def ensure_campaign(context: DemoContext) -> TaxCampaignPage:
    campaign = TaxCampaignPage.objects.first()
    if campaign:
        return campaign
    campaign = TaxCampaignPage(
        title="Przekaż 1,5% podatku",
        slug="przekaz-1-5-procent",
        intro=(
            "Twoje 1,5% podatku może zostać w gminie. Poniżej organizacje pożytku publicznego z Czerwionki-Leszczyn: "
            "wybierz jedną i wpisz jej numer KRS w zeznaniu PIT."
        ),
        listing_summary="Organizacje pożytku publicznego z gminy, którym możesz przekazać 1,5% podatku.",
    )
    context.home.add_child(instance=campaign)
    campaign.save_revision().publish()
    context.note("strona „Przekaż 1,5% podatku”")
    return campaign


def ensure_onboarding_request(context: DemoContext, areas) -> None:
    if OnboardingRequest.objects.exists():
        return
    request = OnboardingRequest.objects.create(
        name="Stowarzyszenie Rowerowe „Szprycha” Czerwionka-Leszczyny",
        short_name="Szprycha",
        legal_form="stowarzyszenie",
        krs=f"{812_345:010d}",
        nip=valid_nip(4321),
        district="leszczyny",
        email="szprycha@example.org",
        description="Organizujemy rajdy rowerowe po gminie i dbamy o oznakowanie tras.",
        contact_first_name="Michał",
        contact_last_name="Zając",
        contact_email="michal.zajac@example.org",
        consent_text=CONSENT_TEXT,
        consent_given_at=timezone.now(),
    )
    request.areas.add(areas["sport"])
    context.note("zgłoszenie organizacji czekające na decyzję")


def ensure_menu(context: DemoContext, directory, campaign) -> None:
    navigation = NavigationSettings.for_site(context.site)
    raw = list(navigation.main_menu.raw_data)
    present = {item["value"].get("page") for item in raw}
    added = False
    for page, label in ((directory, "Organizacje"), (campaign, "1,5% podatku")):
        if page.pk not in present:
            position = max(len(raw) - 1, 0)  # before the last item ("Kontakt")
            raw.insert(position, {"type": "item", "value": {"label": label, "page": page.pk, "url": ""}})
            added = True
    if added:
        navigation.main_menu = raw
        navigation.save()
        context.note("menu: organizacje i 1,5%")


def load(context: DemoContext) -> None:
    areas = ensure_areas(context)
    directory = ensure_directory(context)
    ensure_organisations(context, directory, areas)
    campaign = ensure_campaign(context)
    ensure_onboarding_request(context, areas)
    ensure_menu(context, directory, campaign)
