"""Polish demo content of the site foundation, built from the source texts in ``shared/seeds``.

Every step looks for what it would create first, so loading twice changes nothing. Domain apps add
their own ``demo.py`` with a ``load(context)`` function; ``load_demo_content`` calls them in order.
"""

import datetime
import io
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from .blocks import heading, paragraph
from .models import (
    AccessibilityStatementPage,
    ContactFormField,
    ContactFormPage,
    HomePage,
    NavigationSettings,
    NewsIndexPage,
    NewsPage,
    SiteSettings,
    StandardPage,
)
from .permissions import STAFF_GROUP

DEMO_COLLECTION = "Zdjęcia demonstracyjne"


@dataclass
class DemoContext:
    """What the demo loaders share: the home page, the site, the accounts to print."""

    home: HomePage | None = None
    site: Site | None = None
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # (role, username, password)
    created: list[str] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)

    def note(self, what: str) -> None:
        self.created.append(what)


def child_page(context: DemoContext, parent: Page, page: Page) -> Page:
    """Return ``parent``'s child with ``page.slug``, creating and publishing ``page`` if missing."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    context.note(f"strona „{page.title}”")
    return page


def demo_image(context: DemoContext, title: str, colour: tuple[int, int, int]):
    """A simple generated picture (no files shipped, no downloads) in the demo collection."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    from PIL import Image as PILImage
    from PIL import ImageDraw

    picture = PILImage.new("RGB", (1600, 900), colour)
    draw = ImageDraw.Draw(picture)
    for step in range(0, 900, 60):
        shade = tuple(min(255, c + step // 12) for c in colour)
        draw.rectangle([0, step, 1600, step + 60], fill=shade)
    draw.ellipse([1050, 150, 1550, 650], outline=(255, 255, 255), width=12)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=DEMO_COLLECTION).first() or root.add_child(
        name=DEMO_COLLECTION
    )
    image = Image(title=title, collection=collection)
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{Image.objects.count() + 1}.jpg")
    image.save()
    context.note(f"zdjęcie „{title}”")
    return image


def ensure_home(context: DemoContext) -> HomePage:
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if site and isinstance(site.root_page.specific, HomePage):
        context.home, context.site = site.root_page.specific, site
        return context.home
    root = Page.get_first_root_node()
    hero = demo_image(context, "Spotkanie organizacji w Centrum", (11, 78, 162))
    home = HomePage(
        title="Centrum Organizacji Pozarządowych",
        slug="start",
        seo_title="Centrum Organizacji Pozarządowych w Czerwionce-Leszczynach",
        hero_title="Centrum Organizacji Pozarządowych w Czerwionce-Leszczynach",
        hero_text=(
            "Wspieramy stowarzyszenia, fundacje, wolontariuszy i aktywnych mieszkańców gminy: "
            "doradztwo, sale na spotkania, Centrum Wolontariatu i spotkania integracyjne."
        ),
        hero_image=hero,
        listing_image=hero,
        listing_summary="Centrum Organizacji Pozarządowych w Czerwionce-Leszczynach: doradztwo, sale, wolontariat.",
        highlights_title="W czym pomagamy",
        highlights=[
            {"type": "highlight", "value": {"title": title, "text": text, "page": None}}
            for title, text in [
                (
                    "Doradztwo dla organizacji",
                    "Zakładanie organizacji, prawo, księgowość, granty i projekty, promocja.",
                ),
                (
                    "Sale na spotkania",
                    "Bezpłatne sale Centrum dla organizacji, grup nieformalnych i mieszkańców.",
                ),
                (
                    "Centrum Wolontariatu",
                    "Gminna baza wolontariuszy, szkolne koła wolontariatu, Dzień Wolontariusza.",
                ),
                ("Baza organizacji", "Organizacje pozarządowe z terenu gminy w jednym miejscu."),
                (
                    "Spotkania i warsztaty",
                    "Spotkania integracyjne środowiska NGO i warsztaty w formule World Café.",
                ),
                ("Kampania 1,5%", "Przekaż 1,5% podatku organizacji pożytku publicznego z naszej gminy."),
            ]
        ],
        news_count=3,
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    context.note("strona główna")
    if site is None:
        site = Site.objects.create(
            hostname=base.hostname or "localhost", port=base.port or 80, root_page=home, is_default_site=True
        )
    else:
        old_root = site.root_page
        site.root_page = home
        site.hostname = base.hostname or site.hostname
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.site_name = "COP Czerwionka-Leszczyny"
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    context.home, context.site = home, site
    return home


def ensure_pages(context: DemoContext) -> None:
    home = context.home
    about = child_page(
        context,
        home,
        StandardPage(
            title="Centrum Organizacji Pozarządowych",
            slug="o-centrum",
            intro=(
                "1 lutego 2020 rozpoczęliśmy prowadzenie Centrum Organizacji Pozarządowych. Oprócz zarządzania "
                "pomieszczeniami postawiliśmy sobie za główne zadanie zintegrowanie organizacji z terenu "
                "Czerwionki-Leszczyn."
            ),
            body=[
                paragraph(
                    "<p>Zadanie polega na zróżnicowanym wsparciu członków i wolontariuszy organizacji pozarządowych "
                    "oraz pozostałych aktywnych mieszkańców Gminy i Miasta Czerwionka-Leszczyny w realizacji różnego "
                    "rodzaju inicjatyw lokalnych i projektów społecznych. Planowane są działania w zakresie "
                    "aktywizacji, integracji oraz promocji i rozwoju organizacji obywatelskich, w tym fundacji, "
                    "stowarzyszeń oraz innych podmiotów działających w obszarze pożytku publicznego, m.in. poprzez "
                    "doradztwo i spotkania integracyjne.</p>"
                ),
                paragraph(
                    "<p>Nasz partner, Stowarzyszenie Luxtorpeda, kontynuuje wzmacnianie wolontariatu, prowadząc "
                    "Centrum Wolontariatu oraz wspierając szkolne Koła Wolontariatu.</p>"
                ),
                heading("Prowadzenie i obsługa Centrum"),
                paragraph(
                    "<ul><li>funkcjonowanie biura COP, w tym wsparcie organizacyjno-techniczne;</li>"
                    "<li>doradztwo ogólne;</li><li>zarządzanie pomieszczeniami COP;</li>"
                    "<li>prowadzenie serwisu internetowego dla organizacji;</li>"
                    "<li>prowadzenie bazy organizacji pozarządowych.</li></ul>"
                ),
                heading("Rozwijanie Centrum Wolontariatu"),
                paragraph(
                    "<ul><li>gminna baza wolontariuszy;</li>"
                    "<li>wsparcie co najmniej czterech szkolnych Kół Wolontariackich;</li>"
                    "<li>gminny Dzień Wolontariusza.</li></ul>"
                ),
                heading("Integrowanie środowiska NGO"),
                paragraph(
                    "<ul><li>spotkania integrujące organizacje z terenu gminy;</li>"
                    "<li>kampania promocyjna 1,5% dla organizacji z gminy;</li>"
                    "<li>rozeznanie potrzeb szkoleniowych organizacji;</li>"
                    "<li>warsztaty i spotkania animacyjne w formule World Café dla organizacji, mieszkańców, "
                    "społeczników i liderów lokalnych.</li></ul>"
                ),
                {
                    "type": "contact",
                    "value": {
                        "name": "Biuro Centrum Organizacji Pozarządowych",
                        "role": "I piętro, ul. 3-go Maja 19, 43-230 Czerwionka-Leszczyny",
                        "email": "cop@example.org",
                        "phone": "32 431 00 00",
                    },
                },
            ],
        ),
    )
    context.pages["about"] = about
    project = child_page(
        context,
        home,
        StandardPage(
            title="Wspólnie znaczy lepiej",
            slug="wspolnie-znaczy-lepiej",
            seo_title="Wspólnie znaczy lepiej – System pracy organizacji pozarządowych i administracji",
            intro=(
                "Projekt „Wspólnie znaczy lepiej – System pracy organizacji pozarządowych i administracji "
                "w Czerwionce-Leszczynach”: wspólna ocena współpracy NGO i samorządu oraz pomysły, jak ją poprawić."
            ),
            body=[
                paragraph(
                    "<p>Zapraszamy przedstawicieli wszystkich organizacji do udziału w tworzeniu nowych warunków "
                    "współpracy między organizacjami pozarządowymi a Urzędem Gminy i Miasta Czerwionka-Leszczyny.</p>"
                    "<p>Nasza praca ma jeden podstawowy cel – dokonanie wspólnej oceny wzajemnych relacji i jakości "
                    "współpracy NGO – JST oraz sformułowanie pomysłów, jak te relacje poprawić, żeby współpraca "
                    "przyczyniła się do podniesienia jakości życia mieszkańców wspólnoty samorządowej.</p>"
                ),
                heading("Cele szczegółowe spotkań"),
                paragraph(
                    "<ul><li>diagnoza stanu obecnego, mapowanie rzeczywistości współpracy JST/NGO;</li>"
                    "<li>diagnozowanie obszarów Modelu Współpracy:<ul>"
                    "<li>współpraca JST/NGO w zakresie tworzenia polityk publicznych;</li>"
                    "<li>współpraca JST/NGO w zakresie realizacji zadań publicznych;</li>"
                    "<li>infrastruktura współpracy JST/NGO, tworzenie warunków do rozwoju aktywności społecznej.</li>"
                    "</ul></li></ul>"
                    "<p>Wyniki diagnozy i rekomendacje wykorzystają grupy robocze, które wypracują konkretne "
                    "rozwiązania w poszczególnych obszarach.</p>"
                ),
                {
                    "type": "table",
                    "value": {
                        "caption": "Harmonogram spotkań",
                        "table": {
                            "data": [
                                ["Spotkanie", "Data", "Status"],
                                ["I spotkanie", "10.02", "zrealizowane"],
                                ["II spotkanie", "17.02", "zaplanowane"],
                                ["III spotkanie", "10.03", "zaplanowane"],
                                ["IV spotkanie", "17.03", "zaplanowane"],
                            ],
                            "first_row_is_table_header": True,
                            "first_col_is_header": True,
                        },
                    },
                },
                paragraph(
                    "<p>Wszystkie spotkania odbywają się w Miejskim Ośrodku Kultury w Centrum Kulturalno-Edukacyjnym "
                    "w dzielnicy Czerwionka, ul. 3-go Maja 36A. <strong>Udział jest całkowicie bezpłatny.</strong> "
                    "Do projektu można przystąpić na dowolnym etapie, choć najwięcej da pełny udział od etapu "
                    "diagnozy.</p>"
                ),
                {
                    "type": "quote",
                    "value": {
                        "text": "Wspólnie znaczy lepiej.",
                        "author": "Projekt współfinansowany ze środków Unii Europejskiej w ramach EFS",
                    },
                },
            ],
        ),
    )
    context.pages["project"] = project

    news_index = child_page(
        context,
        home,
        NewsIndexPage(
            title="Aktualności", slug="aktualnosci", intro="Co słychać w Centrum i w organizacjach gminy."
        ),
    )
    context.pages["news"] = news_index
    today = timezone.localdate()
    news_image = demo_image(context, "Warsztaty World Café", (29, 107, 47))
    for days_ago, title, slug, intro, text in [
        (
            3,
            "Rusza rozeznanie potrzeb szkoleniowych organizacji",
            "rozeznanie-potrzeb-szkoleniowych",
            "Zapytamy organizacje, jakich szkoleń potrzebują najbardziej.",
            "<p>Fundraising, księgowość, pisanie projektów, promocja, prawo, zarządzanie wolontariuszami – "
            "powiedz nam, czego potrzebuje Twoja organizacja. Na tej podstawie zaplanujemy szkolenia "
            "i warsztaty w formule World Café.</p>",
        ),
        (
            10,
            "Kampania 1,5% dla organizacji z naszej gminy",
            "kampania-1-5-procent",
            "Przekaż 1,5% podatku organizacji pożytku publicznego z Czerwionki-Leszczyn.",
            "<p>Rozliczając PIT, możesz wskazać numer KRS organizacji pożytku publicznego. Lista organizacji "
            "z naszej gminy będzie dostępna w bazie organizacji.</p>",
        ),
        (
            18,
            "Zapraszamy szkolne koła wolontariatu",
            "szkolne-kola-wolontariatu",
            "Centrum Wolontariatu wspiera co najmniej cztery szkolne koła wolontariackie.",
            "<p>Koordynatorów kół zapraszamy na spotkanie organizacyjne. Porozmawiamy o wspólnych akcjach "
            "i o gminnym Dniu Wolontariusza.</p>",
        ),
        (
            27,
            "Sale Centrum do dyspozycji organizacji",
            "sale-centrum",
            "Organizacje i grupy mieszkańców mogą bezpłatnie korzystać z sal Centrum.",
            "<p>Sale na I piętrze budynku przy ul. 3-go Maja 19 można zarezerwować na spotkania, warsztaty "
            "i szkolenia. Skontaktuj się z biurem Centrum.</p>",
        ),
    ]:
        child_page(
            context,
            news_index,
            NewsPage(
                title=title,
                slug=slug,
                date=today - datetime.timedelta(days=days_ago),
                intro=intro,
                body=[paragraph(text)],
                listing_image=news_image,
            ),
        )
    child_page(
        context,
        news_index,
        NewsPage(
            title="Pierwsze spotkanie w projekcie „Wspólnie znaczy lepiej”",
            slug="pierwsze-spotkanie-wspolnie-znaczy-lepiej",
            date=datetime.date(2014, 2, 13),
            intro=(
                "10 lutego odbyło się pierwsze spotkanie przedstawicieli organizacji pozarządowych i Urzędu "
                "Gminy i Miasta w ramach projektu „Wspólnie znaczy lepiej”."
            ),
            body=[
                paragraph(
                    "<p>Projekt realizuje Centrum Rozwoju Inicjatyw Społecznych CRIS w partnerstwie z Gminą i Miastem "
                    "Czerwionka-Leszczyny oraz Związkiem Gmin i Powiatów Subregionu Zachodniego Województwa Śląskiego "
                    "w ramach Poddziałania 5.4.2 „Rozwój dialogu obywatelskiego” Programu Operacyjnego Kapitał Ludzki.</p>"
                )
            ],
        ),
    )
    child_page(
        context,
        news_index,
        NewsPage(
            title="Rozpoczęliśmy prowadzenie Centrum Organizacji Pozarządowych",
            slug="rozpoczecie-prowadzenia-centrum",
            date=datetime.date(2020, 2, 1),
            intro="Od 1 lutego 2020 prowadzimy Centrum Organizacji Pozarządowych w Czerwionce-Leszczynach.",
            body=[
                paragraph(
                    "<p>Oprócz zarządzania pomieszczeniami postawiliśmy sobie za główne zadanie zintegrowanie "
                    "organizacji z terenu Czerwionki-Leszczyn.</p>"
                )
            ],
        ),
    )

    contact = home.get_children().filter(slug="kontakt").first()
    if contact is None:
        contact = child_page(
            context,
            home,
            ContactFormPage(
                title="Kontakt",
                slug="kontakt",
                intro="Napisz do nas – odpowiemy w ciągu dwóch dni roboczych.",
                to_address="cop@example.org",
                from_address="strona@example.org",
                subject="Wiadomość ze strony COP",
                thank_you_text="<p>Dziękujemy! Twoja wiadomość trafiła do biura Centrum.</p>",
            ),
        )
        for order, (label, field_type, required, help_text) in enumerate(
            [
                ("Imię i nazwisko", "singleline", True, ""),
                ("E-mail", "email", True, "Na ten adres odpowiemy."),
                ("Temat", "dropdown", True, ""),
                ("Wiadomość", "multiline", True, ""),
                (
                    "Zgoda na przetwarzanie danych",
                    "checkbox",
                    True,
                    "Dane przetwarzamy tylko, aby odpowiedzieć.",
                ),
            ]
        ):
            ContactFormField.objects.create(
                page=contact,
                sort_order=order,
                label=label,
                field_type=field_type,
                required=required,
                help_text=help_text,
                choices="Doradztwo\nSale\nWolontariat\nInne" if field_type == "dropdown" else "",
            )
        contact.save_revision().publish()
    context.pages["contact"] = contact.specific

    statement = child_page(
        context,
        home,
        AccessibilityStatementPage(
            title="Deklaracja dostępności",
            slug="deklaracja-dostepnosci",
            entity_name="Centrum Organizacji Pozarządowych w Czerwionce-Leszczynach",
            published_on=datetime.date(2026, 11, 1),
            updated_on=today,
            prepared_on=today,
            compliance="partial",
            non_accessible_content=(
                "<ul><li>niektóre dokumenty PDF publikowane przez organizacje mogą nie być w pełni dostępne;</li>"
                "<li>mapa organizacji wymaga połączenia z serwerem map – te same dane są dostępne jako lista.</li></ul>"
            ),
            contact_person="Koordynator ds. dostępności Centrum",
            contact_email="dostepnosc@example.org",
            contact_phone="32 431 00 00",
            procedure=(
                "<p>Każdy ma prawo zażądać zapewnienia dostępności cyfrowej strony, jej elementu lub informacji "
                "w alternatywnej formie. Żądanie rozpatrujemy niezwłocznie, nie później niż w ciągu 7 dni. "
                "Jeśli odmówimy, można złożyć skargę, a następnie wniosek do Rzecznika Praw Obywatelskich.</p>"
            ),
            architectural_accessibility=(
                "<p>Centrum mieści się na I piętrze budynku przy ul. 3-go Maja 19 w Czerwionce-Leszczynach. "
                "Do budynku można wejść z psem asystującym. Osoby, które potrzebują pomocy przy wejściu, "
                "prosimy o wcześniejszy kontakt z biurem.</p>"
            ),
        ),
    )
    context.pages["accessibility"] = statement

    if not home.partners.exists():
        for order, (name, url) in enumerate(
            [
                ("Gmina i Miasto Czerwionka-Leszczyny", "https://www.czerwionka-leszczyny.pl/"),
                ("Stowarzyszenie Aktywni Społecznie ASy", ""),
                ("Stowarzyszenie Luxtorpeda", ""),
            ]
        ):
            home.partners.create(name=name, url=url, sort_order=order)
        home.hero_cta_page = about
        home.hero_cta_label = "Poznaj Centrum"
        home.highlights = [
            {
                "type": "highlight",
                "value": {**block.get_prep_value()["value"], "page": about.pk if i == 0 else None},
            }
            for i, block in enumerate(home.highlights)
        ]
        home.save_revision().publish()
        context.note("partnerzy i przycisk na stronie głównej")


def ensure_settings(context: DemoContext) -> None:
    site_settings = SiteSettings.for_site(context.site)
    if not site_settings.email:
        site_settings.phone = "32 431 00 00"
        site_settings.email = "cop@example.org"
        site_settings.opening_hours = [
            {"type": "hours", "value": {"days": "poniedziałek–piątek", "hours": "9:00–17:00"}},
            {"type": "hours", "value": {"days": "sobota", "hours": "po wcześniejszym umówieniu"}},
        ]
        site_settings.facebook_url = "https://www.facebook.com/"
        site_settings.footer_text = (
            "Centrum Organizacji Pozarządowych w Czerwionce-Leszczynach prowadzi Stowarzyszenie Aktywni Społecznie "
            "ASy we współpracy ze Stowarzyszeniem Luxtorpeda, na zlecenie Gminy i Miasta Czerwionka-Leszczyny."
        )
        site_settings.accessibility_statement = context.pages["accessibility"]
        site_settings.save()
        context.note("dane Centrum")
    navigation = NavigationSettings.for_site(context.site)
    if not navigation.main_menu:
        pages = context.pages
        navigation.main_menu = [
            {"type": "item", "value": {"label": label, "page": pages[key].pk, "url": ""}}
            for key, label in [
                ("about", "O Centrum"),
                ("news", "Aktualności"),
                ("project", "Wspólnie znaczy lepiej"),
                ("contact", "Kontakt"),
            ]
        ]
        navigation.footer_menu = [
            {"type": "item", "value": {"label": label, "page": pages[key].pk, "url": ""}}
            # The accessibility statement is linked in every footer already (SiteSettings).
            for key, label in [
                ("about", "O Centrum"),
                ("project", "Wspólnie znaczy lepiej"),
                ("contact", "Kontakt"),
            ]
        ]
        navigation.save()
        context.note("menu")


def ensure_accounts(context: DemoContext) -> None:
    User = get_user_model()
    admin_password, staff_password = "cop-admin-2026", "cop-pracownik-2026"
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser(
            "admin", "admin@example.org", admin_password, first_name="Administrator"
        )
        context.note("konto administratora")
    if not User.objects.filter(username="pracownik").exists():
        staff = User.objects.create_user(
            "pracownik", "pracownik@example.org", staff_password, first_name="Anna", last_name="Nowak"
        )
        staff.groups.add(Group.objects.get(name=STAFF_GROUP))
        context.note("konto pracownika COP")
    context.accounts += [
        ("administrator", "admin", admin_password),
        ("pracownik COP (redaktor)", "pracownik", staff_password),
    ]


def load_all_apps(context: DemoContext | None = None) -> DemoContext:
    """Run the demo loader (``<app>/demo.py``: ``load(context)``) of every app in ``COP_APPS`` order."""
    from importlib import import_module

    from django.db import transaction
    from django.utils.module_loading import module_has_submodule

    context = context or DemoContext()
    for app_name in settings.COP_APPS:
        if module_has_submodule(import_module(app_name), "demo"):
            with transaction.atomic():
                import_module(f"{app_name}.demo").load(context)
    return context


def load(context: DemoContext) -> None:
    ensure_home(context)
    ensure_pages(context)
    ensure_settings(context)
    ensure_accounts(context)
