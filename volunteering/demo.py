"""Polish demo content of the volunteering app: the Volunteer Centre, four school clubs with their
coordinators, offers (under NGO profiles when the NGO demo made them), volunteers in every state.

Idempotent: everything is looked up before it is created. All people are invented (example.org)."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from home.demo import DemoContext, child_page
from home.editors import add_editor
from ngo_directory.models import AreaOfActivity, NGOProfilePage

from .forms import OFFER_CONSENT_LABELS
from .models import (
    ConsentRecord,
    HoursEntry,
    OfferApplication,
    Skill,
    Volunteer,
    VolunteerCentrePage,
    VolunteerClubIndexPage,
    VolunteerClubNewsPage,
    VolunteerClubPage,
    VolunteerOfferIndexPage,
    VolunteerOfferPage,
)
from .models.records import CONSENT_TEXT, born_years_ago, consent_version_of
from .services import give_club_subtree

VOLUNTEER_DAY_SLUG = "dzien-wolontariusza"


def paragraph(html: str) -> dict:
    """A raw ``paragraph`` block (kept here so that demo content never needs the test requirements)."""
    return {"type": "paragraph", "value": html}


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


COORDINATOR_PASSWORD = "kolo-wolontariatu-2026"

AREAS = [
    ("Sport i rekreacja", "sport"),
    ("Kultura i tradycja", "kultura"),
    ("Dzieci i młodzież", "dzieci-mlodziez"),
    ("Seniorzy", "seniorzy"),
    ("Pomoc społeczna", "pomoc-spoleczna"),
    ("Ekologia i zwierzęta", "ekologia"),
]
SKILLS = [
    ("Obsługa komputera", "komputer"),
    ("Prawo jazdy kat. B", "prawo-jazdy"),
    ("Języki obce", "jezyki-obce"),
    ("Fotografia", "fotografia"),
    ("Pierwsza pomoc", "pierwsza-pomoc"),
    ("Praca z dziećmi", "praca-z-dziecmi"),
    ("Prace plastyczne", "plastyka"),
    ("Organizacja wydarzeń", "wydarzenia"),
]
# (slug, title, school, street, district, coordinator, members, login, intro)
CLUBS = [
    (
        "kolo-sp1-czerwionka",
        "Koło Wolontariatu „Pomocna Dłoń” przy SP nr 1",
        "Szkoła Podstawowa nr 1 w Czerwionce",
        "ul. Szkolna 3",
        "czerwionka",
        "Joanna Kruczek",
        24,
        "kolo-sp1",
        "Odwiedzamy seniorów z Domu Dziennego Pobytu i prowadzimy zbiórki dla schroniska.",
    ),
    (
        "kolo-sp4-leszczyny",
        "Szkolne Koło Wolontariatu „Iskra” przy SP nr 4",
        "Szkoła Podstawowa nr 4 w Leszczynach",
        "ul. Polna 12",
        "leszczyny",
        "Tomasz Mrozek",
        18,
        "kolo-sp4",
        "Pomagamy młodszym uczniom w nauce i organizujemy kiermasze charytatywne.",
    ),
    (
        "kolo-zs-debiensko",
        "Koło Wolontariatu „Razem” przy Zespole Szkół w Dębieńsku",
        "Zespół Szkół w Dębieńsku",
        "ul. Młyńska 7",
        "debiensko",
        "Agnieszka Pająk",
        31,
        "kolo-debiensko",
        "Sprzątamy okolice hałdy, sadzimy drzewa i pomagamy przy gminnych festynach.",
    ),
    (
        "kolo-sp-palowice",
        "Koło Wolontariatu „Mali Pomocnicy” przy SP w Palowicach",
        "Szkoła Podstawowa w Palowicach",
        "ul. Lipowa 2",
        "palowice",
        "Bożena Wilczek",
        12,
        "kolo-palowice",
        "Najmłodsi wolontariusze gminy: kartki dla seniorów, dokarmianie ptaków zimą.",
    ),
]
# One news item per club: (slug, title, days ago, intro).
CLUB_NEWS = {
    "kolo-sp1-czerwionka": (
        "zbiorka-karmy",
        "Zbiórka karmy dla schroniska",
        44,
        "Zebraliśmy ponad 120 kg karmy dla zwierząt z przytuliska „Łapa”.",
    ),
    "kolo-sp4-leszczyny": (
        "kiermasz-jesienny",
        "Jesienny kiermasz charytatywny",
        30,
        "Ciasta i ozdoby uczniów przyniosły 2 300 zł na leczenie koleżanki z klasy 3b.",
    ),
    "kolo-zs-debiensko": (
        "sadzenie-drzew",
        "Sadzimy drzewa przy hałdzie",
        21,
        "Razem z Fundacją Zielona Gmina posadziliśmy 150 sadzonek dębów i lip.",
    ),
    "kolo-sp-palowice": (
        "kartki-dla-seniorow",
        "Kartki dla seniorów",
        10,
        "Najmłodsi wolontariusze przygotowali 80 kartek z życzeniami dla seniorów z Palowic.",
    ),
}
# (slug, title, NGO slug or None, areas, skills, district, min age, places, ongoing, start offset days, intro, tasks)
OFFERS = [
    (
        "odwiedziny-seniorow",
        "Odwiedziny u seniorów – „Czas dla seniora”",
        "senior-aktywny",
        ["seniorzy"],
        ["komputer"],
        "czerwionka",
        16,
        6,
        True,
        None,
        "Szukamy osób, które raz w tygodniu odwiedzą samotnego seniora.",
        "Rozmowa, wspólne czytanie, pomoc w obsłudze telefonu i komputera, krótkie spacery.",
    ),
    (
        "sprzatanie-lasu",
        "Wiosenne sprzątanie lasu w Palowicach",
        "fundacja-zielona-gmina",
        ["ekologia"],
        ["wydarzenia"],
        "palowice",
        13,
        25,
        False,
        20,
        "Jednodniowa akcja sprzątania lasu z uczniami i mieszkańcami.",
        "Zbieranie śmieci, segregacja, pomoc przy rejestracji uczestników i ognisku na zakończenie.",
    ),
    (
        "wyprowadzanie-psow",
        "Spacery z psami z przytuliska",
        "przytulisko-lapa",
        ["ekologia"],
        [],
        "czuchow",
        16,
        10,
        True,
        None,
        "Psy z przytuliska czekają na spacer – przyjdź w sobotę.",
        "Wyprowadzanie psów, pomoc przy karmieniu, zdjęcia zwierząt do ogłoszeń adopcyjnych.",
    ),
    (
        "dzien-wolontariusza-obsluga",
        "Obsługa gminnego Dnia Wolontariusza",
        None,
        ["dzieci-mlodziez", "kultura"],
        ["wydarzenia", "fotografia"],
        "czerwionka",
        15,
        12,
        False,
        14,
        "Pomóż nam zorganizować święto wolontariuszy gminy.",
        "Rejestracja gości, dokumentacja fotograficzna, prowadzenie gier dla dzieci.",
    ),
    (
        "korepetycje-swietlica",
        "Korepetycje w świetlicy środowiskowej",
        None,
        ["dzieci-mlodziez", "pomoc-spoleczna"],
        ["praca-z-dziecmi", "jezyki-obce"],
        "leszczyny",
        18,
        4,
        True,
        None,
        "Pomoc dzieciom w odrabianiu lekcji dwa razy w tygodniu.",
        "Matematyka i język angielski na poziomie szkoły podstawowej, popołudniami.",
    ),
]
# (email, first, last, age, district, status, interests, skills, club index, guardian)
VOLUNTEERS = [
    (
        "maria.kowalczyk@example.org",
        "Maria",
        "Kowalczyk",
        34,
        "czerwionka",
        "active",
        ["seniorzy", "pomoc-spoleczna"],
        ["komputer", "prawo-jazdy"],
        None,
        None,
    ),
    (
        "krzysztof.lis@example.org",
        "Krzysztof",
        "Lis",
        67,
        "belk",
        "active",
        ["seniorzy", "kultura"],
        ["wydarzenia"],
        None,
        None,
    ),
    (
        "julia.sowa@example.org",
        "Julia",
        "Sowa",
        16,
        "debiensko",
        "active",
        ["ekologia"],
        ["fotografia"],
        2,
        ("Marta Sowa", "marta.sowa@example.org"),
    ),
    (
        "kacper.nowara@example.org",
        "Kacper",
        "Nowara",
        15,
        "leszczyny",
        "pending",
        ["sport", "dzieci-mlodziez"],
        ["wydarzenia"],
        1,
        ("Adam Nowara", "adam.nowara@example.org"),
    ),
    (
        "",
        "Zuzia",
        "Grabowska",
        11,
        "palowice",
        "active",
        ["ekologia"],
        ["plastyka"],
        3,
        ("Ewa Grabowska", "ewa.grabowska@example.org"),
    ),
    (
        "piotr.mazur@example.org",
        "Piotr",
        "Mazur",
        22,
        "czuchow",
        "pending",
        ["ekologia", "sport"],
        ["pierwsza-pomoc"],
        None,
        None,
    ),
    (
        "aleksandra.wrobel@example.org",
        "Aleksandra",
        "Wróbel",
        41,
        "leszczyny",
        "withdrawn",
        ["dzieci-mlodziez"],
        ["jezyki-obce"],
        None,
        None,
    ),
]


def ensure_taxonomy(context: DemoContext):
    areas = {}
    for name, slug in AREAS:
        areas[slug] = AreaOfActivity.objects.filter(slug=slug).first() or AreaOfActivity.objects.create(
            name=name, slug=slug
        )
    skills = {}
    for name, slug in SKILLS:
        skill, created = Skill.objects.get_or_create(slug=slug, defaults={"name": name})
        if created:
            context.note(f"umiejętność „{name}”")
        skills[slug] = skill
    return areas, skills


def ensure_centre(context: DemoContext) -> VolunteerCentrePage:
    centre = VolunteerCentrePage.objects.first()
    if centre is None:
        centre = child_page(
            context,
            context.home,
            VolunteerCentrePage(
                title="Centrum Wolontariatu",
                slug="wolontariat",
                intro=(
                    "Centrum Wolontariatu prowadzi Stowarzyszenie Luxtorpeda w ramach Centrum Organizacji "
                    "Pozarządowych. Łączymy mieszkańców, którzy chcą pomagać, z organizacjami i instytucjami gminy."
                ),
                body=[
                    heading("Co oferujemy"),
                    paragraph(
                        "<ul><li>gminną bazę wolontariuszy i dobieranie ofert do zainteresowań;</li>"
                        "<li>wsparcie szkolnych kół wolontariatu;</li><li>szkolenia i zaświadczenia o wolontariacie;"
                        "</li><li>gminny Dzień Wolontariusza.</li></ul>"
                    ),
                    heading("Jak zostać wolontariuszem"),
                    paragraph(
                        "<p>Wypełnij formularz zapisu i potwierdź adres e-mail. Osoby niepełnoletnie zapisują się za "
                        "zgodą rodzica lub opiekuna. Odezwiemy się z propozycjami, które pasują do Twoich zainteresowań "
                        "i czasu.</p>"
                    ),
                    {
                        "type": "contact",
                        "value": {
                            "name": "Centrum Wolontariatu",
                            "role": "I piętro, ul. 3-go Maja 19, 43-230 Czerwionka-Leszczyny",
                            "email": "wolontariat@example.org",
                            "phone": "32 431 00 01",
                        },
                    },
                ],
                signup_intro=(
                    "Zapisz się do gminnej bazy wolontariuszy: powiedz nam, co lubisz robić i kiedy masz czas, "
                    "a zaproponujemy Ci oferty organizacji z naszej gminy."
                ),
                consent_text=CONSENT_TEXT,
                consent_version="2026-11",
                staff_email="wolontariat@example.org",
                volunteer_day_text="Co roku w grudniu świętujemy razem z wolontariuszami całej gminy.",
                listing_summary="Centrum Wolontariatu: gminna baza wolontariuszy, oferty, szkolne koła, Dzień Wolontariusza.",
            ),
        )
    day = Page.objects.filter(slug=VOLUNTEER_DAY_SLUG).live().first()
    if day and centre.volunteer_day_page_id != day.pk:
        centre.volunteer_day_page = day
        centre.save_revision().publish()
        context.note("odnośnik do Dnia Wolontariusza")
    context.pages["volunteer_centre"] = centre
    return centre


def ensure_clubs(context: DemoContext, centre) -> list[VolunteerClubPage]:
    index = child_page(
        context,
        centre,
        VolunteerClubIndexPage(
            title="Szkolne koła wolontariatu",
            slug="kola-wolontariatu",
            intro="Uczniowie z czterech szkół gminy pomagają seniorom, zwierzętom i sąsiadom.",
        ),
    )
    User = get_user_model()
    clubs = []
    for slug, title, school, street, district, coordinator, members, login, intro in CLUBS:
        club = child_page(
            context,
            index,
            VolunteerClubPage(
                title=title,
                slug=slug,
                school_name=school,
                street=street,
                district=district,
                coordinator_name=coordinator,
                contact_email=f"{login}@example.org",
                members_count=members,
                intro=intro,
                activities=[paragraph(f"<p>{intro} Spotykamy się w każdy czwartek po lekcjach.</p>")],
            ),
        )
        news_slug, news_title, news_days_ago, news_intro = CLUB_NEWS[slug]
        child_page(
            context,
            club,
            VolunteerClubNewsPage(
                title=news_title,
                slug=news_slug,
                date=timezone.localdate() - datetime.timedelta(days=news_days_ago),
                intro=news_intro,
                body=[paragraph("<p>Dziękujemy wszystkim rodzicom i nauczycielom za wsparcie!</p>")],
            ),
        )
        subtree = give_club_subtree(club)
        user = User.objects.filter(username=login).first()
        if user is None:
            first, last = coordinator.split(" ", 1)
            user = User.objects.create_user(
                login, f"{login}@example.org", COORDINATOR_PASSWORD, first_name=first, last_name=last
            )
            context.note(f"konto opiekuna koła „{login}”")
        add_editor(subtree, user)
        context.accounts.append((f"opiekun koła ({school})", login, COORDINATOR_PASSWORD))
        clubs.append(club)
    return clubs


def ensure_offers(context: DemoContext, centre, areas, skills) -> list[VolunteerOfferPage]:
    index = child_page(
        context,
        centre,
        VolunteerOfferIndexPage(
            title="Oferty wolontariatu",
            slug="oferty",
            intro="Aktualne oferty organizacji i Centrum. Wybierz obszar, dzielnicę lub oferty dla niepełnoletnich.",
        ),
    )
    today = timezone.localdate()
    offers = []
    for (
        slug,
        title,
        ngo_slug,
        area_slugs,
        skill_slugs,
        district,
        min_age,
        places,
        ongoing,
        offset,
        intro,
        tasks,
    ) in OFFERS:
        existing = VolunteerOfferPage.objects.filter(slug=slug).first()
        if existing:
            offers.append(existing)
            continue
        parent = (NGOProfilePage.objects.filter(slug=ngo_slug).first() if ngo_slug else None) or index
        offer = VolunteerOfferPage(
            title=title,
            slug=slug,
            intro=intro,
            tasks=[paragraph(f"<p>{tasks}</p>")],
            organiser_name="" if isinstance(parent, NGOProfilePage) else "Centrum Wolontariatu COP",
            is_ongoing=ongoing,
            start_date=None if ongoing else today + datetime.timedelta(days=offset),
            place="Czerwionka-Leszczyny",
            district=district,
            min_age=min_age,
            places_available=places,
            contact_name="Koordynator wolontariatu",
            contact_email="wolontariat@example.org",
        )
        offer.areas = [areas[s] for s in area_slugs]
        offer.skills = [skills[s] for s in skill_slugs if s in skills]
        parent.add_child(instance=offer)
        offer.save_revision().publish()
        context.note(f"oferta „{title}”")
        offers.append(offer)
    return offers


def ensure_volunteers(context: DemoContext, centre, areas, skills, clubs, offers) -> None:
    now = timezone.now()
    for email, first, last, age, district, status, interests, skill_slugs, club, guardian in VOLUNTEERS:
        known = Q(first_name=first, last_name=last) | (Q(email__iexact=email) if email else Q(pk__in=[]))
        if Volunteer.objects.filter(known).exists():  # also someone who signed up with this address
            continue
        signer = "self" if age >= 18 else ("self_with_guardian" if age >= 13 else "guardian")
        volunteer = Volunteer.objects.create(
            first_name=first,
            last_name=last,
            email=email,
            date_of_birth=born_years_ago(age, 45),
            district=district,
            status=status,
            signer=signer,
            availability=["weekends", "holidays"],
            club=clubs[club] if club is not None else None,
            guardian_name=guardian[0] if guardian else "",
            guardian_email=guardian[1] if guardian else "",
            email_confirmed_at=now if status != "pending" and email else None,
            guardian_confirmed_at=now if guardian and status == "active" else None,
            withdrawn_at=now if status == "withdrawn" else None,
        )
        volunteer.interests.set([areas[s] for s in interests])
        volunteer.skills.set([skills[s] for s in skill_slugs if s in skills])
        ConsentRecord.objects.create(
            volunteer=volunteer,
            role="guardian" if signer == "guardian" else "volunteer",
            text_version="2026-11",
            text=centre.consent_text,
            withdrawn_at=now if status == "withdrawn" else None,
        )
        if guardian and status == "active" and signer != "guardian":
            ConsentRecord.objects.create(
                volunteer=volunteer, role="guardian", text_version="2026-11", text=centre.consent_text
            )
        context.note(f"wolontariusz {first} {last[0]}.")
    maria = Volunteer.objects.filter(email="maria.kowalczyk@example.org").first()
    if maria and offers and not OfferApplication.objects.filter(email=maria.email).exists():
        application = OfferApplication.objects.create(
            offer=offers[0],
            volunteer=maria,
            name="Maria Kowalczyk",
            email=maria.email,
            age=34,
            message="Mogę odwiedzać seniora we wtorki po pracy.",
            consent_text=str(OFFER_CONSENT_LABELS["adult"]),
            consent_version=consent_version_of(str(OFFER_CONSENT_LABELS["adult"])),
            status="accepted",
        )
        for days, hours, what in [
            (21, "2", "Odwiedziny i spacer"),
            (14, "2.5", "Pomoc przy telefonie"),
            (7, "2", "Wspólne czytanie"),
        ]:
            HoursEntry.objects.create(
                application=application,
                date=timezone.localdate() - datetime.timedelta(days=days),
                hours=Decimal(hours),
                description=what,
            )
        context.note("zgłoszenie do oferty z godzinami")


def load(context: DemoContext) -> None:
    areas, skills = ensure_taxonomy(context)
    centre = ensure_centre(context)
    clubs = ensure_clubs(context, centre)
    offers = ensure_offers(context, centre, areas, skills)
    ensure_volunteers(context, centre, areas, skills, clubs, offers)
