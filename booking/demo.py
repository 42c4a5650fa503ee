"""Demo content of the booking app: the Centre's rooms, a realistic week of bookings, advisory requests.

Idempotent: pages and rooms are looked up by slug, and requests are created only when there are none.
Dates are relative to the day the demo is loaded, so the public week view always has something to show.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from home.blocks import paragraph
from home.demo import DemoContext, child_page, demo_image
from home.models import NavigationSettings
from ngo_directory.models import NGOProfilePage

from .models import (
    AdvisoryPage,
    AdvisoryRequest,
    Blackout,
    Booking,
    BookingRequest,
    RequestStatus,
    Room,
    RoomOpeningHours,
    RoomPhoto,
    RoomsPage,
)
from .services import local_datetime

T = datetime.time
ADDRESS = "I piętro, ul. 3-go Maja 19"

ROOMS = [
    {
        "slug": "sala-konferencyjna",
        "name": "Sala konferencyjna",
        "capacity": 40,
        "description": "Największa sala Centrum: konferencje, walne zebrania, szkolenia i spotkania z mieszkańcami.",
        "equipment": "rzutnik multimedialny i ekran\nnagłośnienie z dwoma mikrofonami\nflipchart\n40 krzeseł, 10 stołów\nWi-Fi",
        "accessibility_notes": "Wejście z poziomu windy, drzwi o szerokości 90 cm.\nPętla indukcyjna dla osób słabosłyszących.",
        "buffer_minutes": 30,
        "colour": (11, 78, 162),
    },
    {
        "slug": "sala-warsztatowa",
        "name": "Sala warsztatowa",
        "capacity": 20,
        "description": "Stoły do pracy w grupach, zlew i szafki na materiały – warsztaty rękodzieła, zajęcia dla dzieci.",
        "equipment": "6 stołów warsztatowych\nzlew z ciepłą wodą\nczajnik i kubki\ntablica suchościeralna",
        "accessibility_notes": "Dostęp windą; stoły o regulowanej wysokości.",
        "buffer_minutes": 30,
        "colour": (29, 107, 47),
    },
    {
        "slug": "mala-sala-spotkan",
        "name": "Mała sala spotkań",
        "capacity": 8,
        "description": "Kameralna sala na zebrania zarządów, rozmowy i konsultacje.",
        "equipment": "stół na 8 osób\nmonitor 55 cali z HDMI\nWi-Fi",
        "accessibility_notes": "Dostęp windą; miejsce przy stole dla osoby na wózku.",
        "buffer_minutes": 15,
        "colour": (122, 61, 140),
    },
    {
        "slug": "sala-centrum-wolontariatu",
        "name": "Sala Centrum Wolontariatu",
        "capacity": 15,
        "description": "Sala Centrum Wolontariatu (Stowarzyszenie Luxtorpeda): spotkania szkolnych kół wolontariatu i koordynatorów.",
        "equipment": "rzutnik\nflipchart\nszafa z materiałami dla wolontariuszy",
        "accessibility_notes": "Dostęp windą; toaleta dostępna na tym samym piętrze.",
        "buffer_minutes": 15,
        "colour": (176, 74, 20),
    },
]

WEEKDAY_HOURS = [(d, T(8), T(20)) for d in range(5)] + [(5, T(9), T(14))]

RULES = (
    "<p>Sale Centrum są bezpłatne dla organizacji pozarządowych, grup nieformalnych i mieszkańców gminy, "
    "na działania o charakterze społecznym, niekomercyjnym.</p>"
    "<ul><li>Wniosek składamy co najmniej 2 dni przed spotkaniem.</li>"
    "<li>Wnioskodawca odpowiada za salę i wyposażenie w czasie rezerwacji.</li>"
    "<li>Po spotkaniu zostawiamy salę uporządkowaną, wyłączamy sprzęt i zamykamy okna.</li>"
    "<li>Klucz odbieramy i oddajemy w biurze COP.</li>"
    "<li>Jeśli sala nie będzie potrzebna, wycofujemy wniosek odnośnikiem z wiadomości e-mail.</li></ul>"
)


def ensure_pages(context: DemoContext) -> None:
    rooms_page = child_page(
        context,
        context.home,
        RoomsPage(
            title="Sale Centrum",
            slug="sale",
            intro=(
                "Cztery sale na I piętrze budynku przy ul. 3-go Maja 19 – bezpłatnie dla organizacji, grup "
                "nieformalnych i mieszkańców. Sprawdź wolne terminy i złóż wniosek."
            ),
            rules=RULES,
        ),
    )
    advisory_page = child_page(
        context,
        context.home,
        AdvisoryPage(
            title="Doradztwo",
            slug="doradztwo",
            intro=(
                "Bezpłatne konsultacje dla organizacji pozarządowych, grup nieformalnych i mieszkańców, "
                "którzy chcą działać społecznie."
            ),
            body=[
                paragraph(
                    "<p>Pomagamy założyć stowarzyszenie lub fundację, rozliczyć organizację, napisać wniosek "
                    "o grant, wypromować działania i zorganizować wolontariat. Konsultacje odbywają się w biurze "
                    "COP (I piętro, ul. 3-go Maja 19), telefonicznie lub online.</p>"
                )
            ],
        ),
    )
    context.pages["rooms"] = rooms_page
    context.pages["advisory"] = advisory_page


def ensure_rooms(context: DemoContext) -> list[Room]:
    rooms = []
    for order, spec in enumerate(ROOMS):
        room = Room.objects.filter(slug=spec["slug"]).first()
        if room is None:
            room = Room.objects.create(
                slug=spec["slug"],
                name=spec["name"],
                floor=ADDRESS,
                capacity=spec["capacity"],
                description=spec["description"],
                equipment=spec["equipment"],
                accessibility_notes=spec["accessibility_notes"],
                buffer_minutes=spec["buffer_minutes"],
                min_notice_hours=48,
                max_advance_days=120,
                sort_order=order,
            )
            RoomOpeningHours.objects.bulk_create(
                [
                    RoomOpeningHours(room=room, weekday=d, opens=o, closes=c, sort_order=i)
                    for i, (d, o, c) in enumerate(WEEKDAY_HOURS)
                ]
            )
            image = demo_image(context, spec["name"], spec["colour"])
            RoomPhoto.objects.create(room=room, image=image, caption=f"{spec['name']} – widok od wejścia")
            context.note(f"sala „{room.name}”")
        rooms.append(room)
    today = timezone.localdate()
    if not Blackout.objects.exists():
        saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7 + 14)
        Blackout.objects.create(
            room=None,
            starts_at=local_datetime(saturday, T(0)),
            ends_at=local_datetime(saturday, T(23, 59)),
            reason="Inwentaryzacja w Centrum",
        )
        monday = today + datetime.timedelta(days=(7 - today.weekday()) % 7 + 21)
        Blackout.objects.create(
            room=rooms[1],
            starts_at=local_datetime(monday, T(0)),
            ends_at=local_datetime(monday + datetime.timedelta(days=2), T(23, 59)),
            reason="Malowanie sali",
        )
        context.note("okresy niedostępności sal")
    return rooms


def make_request(room, day, start, end, status, weeks=1, **fields) -> BookingRequest:
    occurrences = [
        (
            local_datetime(day + datetime.timedelta(days=7 * w), start),
            local_datetime(day + datetime.timedelta(days=7 * w), end),
        )
        for w in range(weeks)
    ]
    request = BookingRequest.objects.create(
        room=room,
        first_starts_at=occurrences[0][0],
        status=status,
        rules_accepted=True,
        repeat_until=day + datetime.timedelta(days=7 * (weeks - 1)) if weeks > 1 else None,
        decided_at=timezone.now() if status != RequestStatus.PENDING else None,
        **fields,
    )
    for starts_at, ends_at in occurrences:
        Booking(request=request, room=room, starts_at=starts_at, ends_at=ends_at, status=status).save()
    return request


def ensure_bookings(context: DemoContext, rooms: list[Room]) -> None:
    if BookingRequest.objects.exists():
        return
    conference, workshop, small, volunteer = rooms
    ngos = list(NGOProfilePage.objects.live().order_by("title")[:3])
    ngo = ngos[0] if ngos else None
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    approved, pending = RequestStatus.APPROVED, RequestStatus.PENDING
    person = {"requester_phone": "600 100 200"}
    make_request(
        conference,
        monday + datetime.timedelta(days=1),
        T(17),
        T(19, 30),
        approved,
        weeks=4,
        requester_name="Halina Wróbel",
        requester_email="h.wrobel@example.org",
        group_name="Chór „Lutnia”",
        attendees=25,
        purpose="Cotygodniowa próba chóru.",
        show_publicly=True,
        public_title="Próba chóru „Lutnia”",
        **person,
    )
    make_request(
        conference,
        monday + datetime.timedelta(days=3),
        T(10),
        T(14),
        approved,
        requester_name="Tomasz Pająk",
        requester_email="t.pajak@example.org",
        ngo=ngo,
        group_name="" if ngo else "Stowarzyszenie Aktywni Społecznie ASy",
        attendees=30,
        purpose="Szkolenie z pisania wniosków grantowych dla organizacji.",
        show_publicly=True,
        public_title="Szkolenie: jak napisać wniosek o grant",
        equipment_needs="rzutnik, nagłośnienie",
        **person,
    )
    make_request(
        workshop,
        monday + datetime.timedelta(days=2),
        T(16),
        T(18),
        approved,
        weeks=3,
        requester_name="Krystyna Lis",
        requester_email="k.lis@example.org",
        group_name="Koło Gospodyń Wiejskich w Bełku",
        attendees=12,
        purpose="Warsztaty rękodzieła – przygotowania do jarmarku.",
        **person,
    )
    make_request(
        small,
        monday,
        T(18),
        T(20),
        approved,
        requester_name="Marek Dudek",
        requester_email="m.dudek@example.org",
        ngo=ngos[1] if len(ngos) > 1 else None,
        group_name="" if len(ngos) > 1 else "Zarząd Klubu Sportowego",
        attendees=7,
        purpose="Posiedzenie zarządu stowarzyszenia (sprawy wewnętrzne).",
        **person,
    )
    make_request(
        volunteer,
        monday + datetime.timedelta(days=4),
        T(13),
        T(15),
        approved,
        requester_name="Agnieszka Mazur",
        requester_email="a.mazur@example.org",
        group_name="Stowarzyszenie Luxtorpeda",
        attendees=14,
        purpose="Spotkanie koordynatorów szkolnych kół wolontariatu.",
        show_publicly=True,
        public_title="Spotkanie kół wolontariatu",
        **person,
    )
    # Pending: two of them ask for the same slot, so staff see a conflict in the inbox.
    next_week = monday + datetime.timedelta(days=7)
    make_request(
        conference,
        next_week + datetime.timedelta(days=2),
        T(10),
        T(12),
        pending,
        requester_name="Paweł Kaczmarek",
        requester_email="p.kaczmarek@example.org",
        group_name="Rada Osiedla Leszczyny",
        attendees=35,
        purpose="Spotkanie mieszkańców w sprawie budżetu obywatelskiego.",
        **person,
    )
    make_request(
        conference,
        next_week + datetime.timedelta(days=2),
        T(11),
        T(13),
        pending,
        requester_name="Iwona Sikora",
        requester_email="i.sikora@example.org",
        ngo=ngos[2] if len(ngos) > 2 else None,
        group_name="" if len(ngos) > 2 else "Fundacja Dzieciom",
        attendees=20,
        purpose="Zebranie rodziców uczestników półkolonii.",
        **person,
    )
    make_request(
        small,
        next_week + datetime.timedelta(days=3),
        T(9),
        T(10, 30),
        pending,
        requester_name="Jan Nowicki",
        requester_email="j.nowicki@example.org",
        group_name="",
        attendees=4,
        purpose="Spotkanie grupy inicjatywnej – pomysł na stowarzyszenie.",
        **person,
    )
    context.note("rezerwacje sal (tydzień zatwierdzonych i oczekujące)")


def ensure_advisory(context: DemoContext) -> None:
    if AdvisoryRequest.objects.exists():
        return
    today = timezone.localdate()
    staff = get_user_model().objects.filter(is_superuser=True).first()
    AdvisoryRequest.objects.create(
        requester_name="Jan Nowicki",
        requester_email="j.nowicki@example.org",
        requester_phone="600 200 300",
        group_name="Grupa inicjatywna „Zielone Podwórko”",
        topic="founding",
        preferred_dates="Wtorki i czwartki po 16:00.",
        description="Chcemy założyć stowarzyszenie zwykłe, które zadba o podwórko przy ul. Polnej.",
        privacy_accepted=True,
    )
    start_day = today + datetime.timedelta(days=(1 - today.weekday()) % 7 + 7)
    AdvisoryRequest.objects.create(
        requester_name="Beata Kowalczyk",
        requester_email="b.kowalczyk@example.org",
        requester_phone="600 400 500",
        group_name="Klub Seniora „Pogodna Jesień”",
        topic="grants",
        preferred_dates="Dowolny dzień przed południem.",
        description="Pierwszy wniosek do programu senioralnego – budżet i harmonogram.",
        privacy_accepted=True,
        status=RequestStatus.APPROVED,
        decided_at=timezone.now(),
        decided_by=staff,
        appointment_starts_at=local_datetime(start_day, T(10)),
        appointment_ends_at=local_datetime(start_day, T(11)),
        appointment_place="Biuro COP, I piętro, ul. 3-go Maja 19",
    )
    AdvisoryRequest.objects.create(
        requester_name="Robert Wójcik",
        requester_email="r.wojcik@example.org",
        group_name="",
        topic="legal",
        preferred_dates="Po 17:00.",
        description="Spór sąsiedzki o granicę działki.",
        privacy_accepted=True,
        status=RequestStatus.DECLINED,
        decided_at=timezone.now(),
        decided_by=staff,
        decision_reason="To sprawa prywatna, a nie działalności społecznej – zapraszamy do punktu nieodpłatnej pomocy prawnej w Urzędzie Gminy.",
    )
    context.note("wnioski o doradztwo")


def ensure_menu(context: DemoContext) -> None:
    navigation = NavigationSettings.for_site(context.site)
    items = list(navigation.main_menu.raw_data) if navigation.main_menu else []
    linked = {item["value"].get("page") for item in items}
    added = False
    for key, label in [("rooms", "Sale"), ("advisory", "Doradztwo")]:
        page = context.pages[key]
        if page.pk not in linked:
            items.insert(
                max(len(items) - 1, 0),
                {"type": "item", "value": {"label": label, "page": page.pk, "url": ""}},
            )
            added = True
    if added:
        navigation.main_menu = items
        navigation.save()
        context.note("sale i doradztwo w menu głównym")


def load(context: DemoContext) -> None:
    ensure_pages(context)
    rooms = ensure_rooms(context)
    ensure_bookings(context, rooms)
    ensure_advisory(context)
    ensure_menu(context)
