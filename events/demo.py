"""Polish demo content of the events app: the calendar, the "Wspólnie znaczy lepiej" project with its
four meetings, integration meetings, a World Café workshop, trainings and the Volunteer Day.

Dates are relative to the day the demo is loaded, so there are always past and upcoming events.
The project's meetings keep the rhythm of the source text (10.02, 17.02, 10.03, 17.03: a week, three
weeks, a week apart) with the first one a few days ago, so that it can honestly be shown as held
while the other three are open for registration. Loading twice changes nothing.
"""

import datetime

from django.utils import timezone

from home.demo import DemoContext, child_page
from home.models import NavigationSettings

from .models import PRIVACY_NOTICE, ConsentText, EventIndexPage, EventPage, ProjectPage, Registration

PROJECT_SLUG = "wspolnie-znaczy-lepiej"
VOLUNTEER_DAY_SLUG = "dzien-wolontariusza"
MOK = (
    "Miejski Ośrodek Kultury (Centrum Kulturalno-Edukacyjne)",
    "ul. 3-go Maja 36A, 43-230 Czerwionka-Leszczyny",
)
COP = ("Sala konferencyjna COP, I piętro", "ul. 3-go Maja 19, 43-230 Czerwionka-Leszczyny")

PEOPLE = [
    ("Katarzyna Wójcik", "Stowarzyszenie Aktywni Razem"),
    ("Tomasz Kamiński", "Fundacja Zielona Gmina"),
    ("Magdalena Lewandowska", "Koło Gospodyń Wiejskich w Bełku"),
    ("Piotr Zieliński", "UKS Orlik Czerwionka"),
    ("Agnieszka Szymańska", ""),
    ("Michał Woźniak", "Stowarzyszenie Przyjaciół Dębieńska"),
    ("Joanna Dąbrowska", "Fundacja Pomocna Dłoń"),
    ("Krzysztof Kozłowski", ""),
    ("Ewa Jankowska", "Towarzystwo Miłośników Ziemi Czerwionkowskiej"),
    ("Paweł Mazur", "Ochotnicza Straż Pożarna Stanowice"),
    ("Barbara Krawczyk", ""),
    ("Grzegorz Piotrowski", "Stowarzyszenie Seniorów Leszczyny"),
]


def at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def p(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def ensure_calendar(context: DemoContext) -> EventIndexPage:
    calendar = child_page(
        context,
        context.home,
        EventIndexPage(
            title="Wydarzenia",
            slug="wydarzenia",
            intro=(
                "Spotkania integracyjne, warsztaty World Café, szkolenia dla organizacji i Dzień Wolontariusza. "
                "Zapisz się przez stronę wydarzenia albo dodaj kalendarz do swojego telefonu."
            ),
            listing_summary="Kalendarz wydarzeń Centrum Organizacji Pozarządowych i organizacji z gminy.",
        ),
    )
    context.pages["events"] = calendar
    return calendar


def _replace_menu_links(context: DemoContext, old_pk: int, new_pk: int) -> None:
    navigation = NavigationSettings.for_site(context.site)
    changed = False
    for name in ("main_menu", "footer_menu"):
        raw = [dict(item) for item in getattr(navigation, name).raw_data]
        for item in raw:
            if item.get("value", {}).get("page") == old_pk:
                item["value"] = {**item["value"], "page": new_pk}
                changed = True
        setattr(navigation, name, raw)
    if changed:
        navigation.save()


def _ensure_calendar_in_menu(context: DemoContext) -> None:
    navigation = NavigationSettings.for_site(context.site)
    navigation_has_events = any(
        item.get("value", {}).get("page") == context.pages["events"].pk
        for item in navigation.main_menu.raw_data
    )
    if not navigation_has_events and navigation.main_menu.raw_data:
        raw = [dict(item) for item in navigation.main_menu.raw_data]
        raw.insert(
            2,
            {"type": "item", "value": {"label": "Wydarzenia", "page": context.pages["events"].pk, "url": ""}},
        )
        navigation.main_menu = raw
        navigation.save()
        context.note("pozycja menu „Wydarzenia”")


RULES_TEXT = """Regulamin projektu „Wspólnie znaczy lepiej – System pracy organizacji pozarządowych
i administracji w Czerwionce-Leszczynach” (wersja demonstracyjna)

1. W projekcie mogą uczestniczyć przedstawiciele organizacji pozarządowych działających na terenie
   Gminy i Miasta Czerwionka-Leszczyny oraz pracownicy Urzędu Gminy i Miasta.
2. Udział jest bezpłatny. Do projektu można przystąpić na dowolnym etapie.
3. Na każde spotkanie zapisujemy się osobno przez formularz na stronie spotkania. O przyjęciu
   decyduje kolejność zgłoszeń; po wyczerpaniu miejsc prowadzona jest lista rezerwowa.
4. Rezygnację zgłasza się linkiem z wiadomości potwierdzającej zapis.
5. Spotkania odbywają się w Miejskim Ośrodku Kultury, ul. 3-go Maja 36A.
"""


def ensure_rules_document(context: DemoContext):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    Document = get_document_model()
    title = "Regulamin projektu „Wspólnie znaczy lepiej”"
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(
            "regulamin-wspolnie-znaczy-lepiej.txt", ContentFile(RULES_TEXT.encode()), save=False
        )
        document.save()
        context.note("regulamin projektu (dokument)")
    return document


def ensure_project(context: DemoContext) -> ProjectPage:
    """The project page; it replaces the plain page the foundation's demo made at the same address."""
    home = context.home
    existing = home.get_children().filter(slug=PROJECT_SLUG).first()
    old_pk = None
    if existing and not isinstance(existing.specific, ProjectPage):
        # Delete rather than rename: a renamed page would leave an automatic redirect behind.
        old_pk = existing.pk
        existing.delete()
    project = child_page(
        context,
        home,
        ProjectPage(
            title="Wspólnie znaczy lepiej",
            slug=PROJECT_SLUG,
            seo_title="Wspólnie znaczy lepiej – System pracy organizacji pozarządowych i administracji",
            intro=(
                "Projekt „Wspólnie znaczy lepiej – System pracy organizacji pozarządowych i administracji "
                "w Czerwionce-Leszczynach”: wspólna ocena współpracy organizacji i samorządu oraz pomysły, "
                "jak ją poprawić. Zapraszamy przedstawicieli wszystkich organizacji."
            ),
            listing_summary="Cztery spotkania organizacji pozarządowych i Urzędu Gminy i Miasta o Modelu Współpracy.",
            description=[
                p(
                    "<p>Zapraszamy przedstawicieli wszystkich organizacji do udziału w tworzeniu nowych warunków "
                    "współpracy między organizacjami pozarządowymi a Urzędem Gminy i Miasta Czerwionka-Leszczyny.</p>"
                    "<p>Projekt realizuje Centrum Rozwoju Inicjatyw Społecznych CRIS w partnerstwie z Gminą i Miastem "
                    "Czerwionka-Leszczyny oraz Związkiem Gmin i Powiatów Subregionu Zachodniego Województwa "
                    "Śląskiego z siedzibą w Rybniku, w ramach Poddziałania 5.4.2 „Rozwój dialogu obywatelskiego” "
                    "Programu Operacyjnego Kapitał Ludzki, ze środków Europejskiego Funduszu Społecznego.</p>"
                    "<p>Przedstawiciele organizacji mogą przystąpić do projektu na dowolnym etapie. Największy wpływ "
                    "na kształt współpracy da jednak pełny udział w całym procesie planowania, już od tworzenia "
                    "diagnozy.</p>"
                )
            ],
            goals=(
                "<p>Cel główny: wspólna ocena wzajemnych relacji i jakości współpracy NGO – JST oraz sformułowanie "
                "pomysłów, jak te relacje poprawić, żeby współpraca przyczyniła się do podniesienia jakości życia "
                "mieszkańców wspólnoty samorządowej.</p>"
                "<p>Cele szczegółowe spotkań:</p><ul>"
                "<li>diagnoza stanu obecnego, mapowanie rzeczywistości współpracy JST/NGO;</li>"
                "<li>diagnozowanie poszczególnych obszarów Modelu Współpracy.</li></ul>"
                "<p>Wyniki diagnozy i rekomendacje wykorzystają grupy robocze, które wypracują konkretne "
                "rozwiązania w poszczególnych obszarach.</p>"
            ),
            areas_title="Obszary Modelu Współpracy",
            areas=[
                {"type": "area", "value": {"title": title, "description": text}}
                for title, text in [
                    (
                        "Współpraca JST/NGO w zakresie tworzenia polityk publicznych",
                        "Jak organizacje współtworzą programy, strategie i uchwały gminy.",
                    ),
                    (
                        "Współpraca JST/NGO w zakresie realizacji zadań publicznych",
                        "Konkursy, zlecanie zadań, inicjatywa lokalna i ich rozliczanie.",
                    ),
                    (
                        "Infrastruktura współpracy JST/NGO",
                        "Tworzenie warunków do rozwoju aktywności społecznej: lokale, informacja, doradztwo.",
                    ),
                ]
            ],
            place_name=MOK[0],
            place_address=MOK[1],
            rules_document=ensure_rules_document(context),
            cost="Udział w projekcie jest całkowicie bezpłatny.",
            registration_info=(
                "<p>Na każde spotkanie zapisujesz się osobno, formularzem na stronie spotkania. Zapis wymaga "
                "akceptacji regulaminu projektu i zasad naboru. Potwierdzenie i link do rezygnacji przyjdą "
                "e-mailem.</p>"
            ),
        ),
    )
    if old_pk is not None:
        _replace_menu_links(context, old_pk, project.pk)
        context.note("strona projektu zastąpiła zwykłą stronę „Wspólnie znaczy lepiej”")
    _ensure_calendar_in_menu(context)
    context.pages["project"] = project
    return project


def event(
    context, parent, *, slug, title, event_type, start, hours, place, intro, body="", **extra
) -> EventPage:
    return child_page(
        context,
        parent,
        EventPage(
            title=title,
            slug=slug,
            event_type=event_type,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            place_name=place[0],
            place_address=place[1],
            intro=intro,
            description=[p(body)] if body else [],
            **extra,
        ),
    )


def ensure_meetings(context: DemoContext, project: ProjectPage) -> list[EventPage]:
    rules = (
        "Udział bezpłatny, dla przedstawicieli organizacji pozarządowych i administracji z gminy. "
        "Zapis na każde spotkanie osobno; rezygnację zgłaszasz linkiem z e-maila."
    )
    schedule = [
        (
            "i-spotkanie",
            "I spotkanie: diagnoza współpracy",
            -4,
            "Mapowanie rzeczywistości współpracy JST/NGO.",
        ),
        (
            "ii-spotkanie",
            "II spotkanie: tworzenie polityk publicznych",
            3,
            "Obszar tworzenia polityk publicznych.",
        ),
        (
            "iii-spotkanie",
            "III spotkanie: realizacja zadań publicznych",
            24,
            "Obszar realizacji zadań publicznych.",
        ),
        ("iv-spotkanie", "IV spotkanie: infrastruktura współpracy", 31, "Infrastruktura i rekomendacje."),
    ]
    meetings = []
    for slug, title, days, topic in schedule:
        body = f"<p>{topic} Spotkanie prowadzą trenerzy CRIS; zapraszamy przedstawicieli organizacji i Urzędu.</p>"
        if days < 0:
            body += (
                "<p><strong>Spotkanie zrealizowane.</strong> Przedstawiciele organizacji pozarządowych i Urzędu "
                "Gminy i Miasta rozpoczęli wspólną diagnozę współpracy. Dziękujemy za liczny udział!</p>"
            )
        meetings.append(
            event(
                context,
                project,
                slug=slug,
                title=title,
                event_type="project_meeting",
                start=at(days, 16),
                hours=3,
                place=MOK,
                intro=f"Spotkanie w projekcie „Wspólnie znaczy lepiej”. {topic}",
                body=body,
                audience="przedstawiciele organizacji pozarządowych i Urzędu Gminy i Miasta",
                registration_enabled=True,
                capacity=30,
                rules_summary=rules,
                rules_document=project.rules_document,
            )
        )
    return meetings


def next_volunteer_day() -> int:
    """Days from today to the next 5 December (International Volunteer Day)."""
    today = timezone.localdate()
    day = datetime.date(today.year, 12, 5)
    if day < today:
        day = datetime.date(today.year + 1, 12, 5)
    return (day - today).days


def ensure_events(context: DemoContext, calendar: EventIndexPage) -> dict[str, EventPage]:
    events = {}
    events["integration_past"] = event(
        context,
        calendar,
        slug="jesienne-spotkanie-integracyjne",
        title="Jesienne spotkanie integracyjne organizacji",
        event_type="integration",
        start=at(-30, 17),
        hours=3,
        place=COP,
        intro="Poznaj inne organizacje z gminy: krótkie prezentacje, rozmowy przy kawie i wspólne plany.",
        audience="członkowie i wolontariusze organizacji pozarządowych",
    )
    events["integration"] = event(
        context,
        calendar,
        slug="noworoczne-spotkanie-integracyjne",
        title="Noworoczne spotkanie integracyjne organizacji",
        event_type="integration",
        start=at(52, 17),
        hours=3,
        place=COP,
        intro="Podsumowanie roku w Centrum i kalendarz wspólnych działań organizacji na nowy rok.",
        audience="członkowie i wolontariusze organizacji pozarządowych",
        registration_enabled=True,
        capacity=40,
    )
    events["world_cafe"] = event(
        context,
        calendar,
        slug="world-cafe-razem-dla-gminy",
        title="Warsztat World Café: Razem dla gminy",
        event_type="world_cafe",
        start=at(10, 17),
        hours=2,
        place=COP,
        intro="Rozmowy przy stolikach o tym, czego potrzebują organizacje, społecznicy i liderzy lokalni.",
        body=(
            "<p>World Café to rozmowa w małych grupach przy stolikach, które co 20 minut zmieniają skład. "
            "Wnioski zapisujemy na obrusach i podsumowujemy na koniec. Nie trzeba się przygotowywać.</p>"
        ),
        audience="organizacje, mieszkańcy, społecznicy i liderzy lokalni",
        registration_enabled=True,
        capacity=8,
        rules_summary="Liczba miejsc ograniczona (8 osób); po wyczerpaniu miejsc zapis na listę rezerwową.",
    )
    events["training_past"] = event(
        context,
        calendar,
        slug="szkolenie-skad-wziac-pieniadze",
        title="Szkolenie: skąd wziąć pieniądze na działania organizacji",
        event_type="training",
        start=at(-45, 10),
        hours=4,
        place=COP,
        intro="Granty gminne, fundusze rządowe i lokalne fundacje: przegląd źródeł i praktyczne wskazówki.",
        audience="zarządy i członkowie organizacji",
    )
    events["training"] = event(
        context,
        calendar,
        slug="szkolenie-sprawozdawczosc-finansowa",
        title="Szkolenie: sprawozdawczość finansowa organizacji",
        event_type="training",
        start=at(17, 10),
        hours=5,
        place=COP,
        intro="Sprawozdanie finansowe i merytoryczne krok po kroku; dla skarbników i księgowych organizacji.",
        audience="skarbnicy i księgowi organizacji",
        registration_enabled=True,
        capacity=15,
    )
    events["training_later"] = event(
        context,
        calendar,
        slug="szkolenie-ochrona-danych-w-organizacji",
        title="Szkolenie: ochrona danych osobowych w organizacji",
        event_type="training",
        start=at(60, 10),
        hours=4,
        place=COP,
        intro="Jak zbierać zgody, prowadzić listy członków i wolontariuszy zgodnie z RODO.",
        audience="organizacje pozarządowe",
        is_free=False,
        price_info="30 zł od osoby, płatne na miejscu; dla członków organizacji z gminy bezpłatnie.",
        registration_enabled=True,
        capacity=20,
        registration_opens_at=at(14, 9),
    )
    events["volunteer_day"] = event(
        context,
        calendar,
        slug=VOLUNTEER_DAY_SLUG,
        title="Gminny Dzień Wolontariusza",
        event_type="volunteer_day",
        start=at(next_volunteer_day(), 15),
        hours=3,
        place=MOK,
        intro="Święto wolontariuszy z gminy: podziękowania, prezentacje szkolnych Kół Wolontariatu i koncert.",
        body=(
            "<p>Dzień Wolontariusza organizujemy razem ze Stowarzyszeniem Luxtorpeda, które prowadzi Centrum "
            "Wolontariatu. Zapraszamy wolontariuszy, opiekunów kół i organizacje, które współpracują z "
            "wolontariuszami.</p>"
            "<h2>Program</h2><ul>"
            "<li>15:00 – powitanie i podziękowania dla wolontariuszy roku;</li>"
            "<li>15:30 – prezentacje szkolnych Kół Wolontariatu;</li>"
            "<li>16:30 – stoiska organizacji z ofertami wolontariatu;</li>"
            "<li>17:00 – koncert i poczęstunek.</li></ul>"
        ),
        audience="wolontariusze, szkolne Koła Wolontariatu, organizacje i mieszkańcy",
        registration_enabled=True,
        capacity=120,
    )
    from ngo_directory.models import NGOProfilePage

    ngo = NGOProfilePage.objects.live().order_by("path").first()
    if ngo is not None:
        events["ngo"] = event(
            context,
            ngo,
            slug="rodzinny-piknik-sasiedzki",
            title="Rodzinny piknik sąsiedzki",
            event_type="other",
            start=at(21, 14),
            hours=4,
            place=("Park Furgoła", "ul. Furgoła, Czerwionka-Leszczyny"),
            intro="Gry i zabawy dla dzieci, stoiska organizacji i poczęstunek.",
            audience="rodziny z dziećmi, mieszkańcy",
        )
    return events


def add_registrations(event: EventPage, people, *, waiting_after=None, cancelled=()) -> int:
    """Demo registrations (straight into the table: no e-mails go out while loading the demo)."""
    if event.registrations.exists():
        return 0
    rules = ConsentText.record("rules", event.rules_consent_text())
    privacy = ConsentText.record("privacy", PRIVACY_NOTICE)
    start = timezone.now() - datetime.timedelta(days=7)
    for number, (name, organisation) in enumerate(people):
        status = Registration.CONFIRMED
        if waiting_after is not None and number >= waiting_after:
            status = Registration.WAITING
        if number in cancelled:
            status = Registration.CANCELLED
        Registration.objects.create(
            event=event,
            name=name,
            email=name.lower().replace(" ", ".").translate(str.maketrans("ąćęłńóśźż", "acelnoszz"))
            + "@example.org",
            organisation=organisation,
            status=status,
            created_at=start + datetime.timedelta(hours=number * 5),
            cancelled_at=timezone.now() if status == Registration.CANCELLED else None,
            attended=True if event.is_past and status == Registration.CONFIRMED else None,
            rules_consent=rules,
            privacy_consent=privacy,
        )
    return len(people)


def load(context: DemoContext) -> None:
    calendar = ensure_calendar(context)
    project = ensure_project(context)
    meetings = ensure_meetings(context, project)
    events = ensure_events(context, calendar)
    added = 0
    added += add_registrations(meetings[0], PEOPLE[:9])
    added += add_registrations(meetings[1], PEOPLE[2:8])
    # The World Café is full (8 places): 8 confirmed after one cancellation, 3 on the waiting list.
    added += add_registrations(events["world_cafe"], PEOPLE, waiting_after=9, cancelled=(4,))
    added += add_registrations(events["volunteer_day"], PEOPLE[5:11])
    if added:
        context.note(f"{added} zapisów na wydarzenia")
