"""Benchmark data and targets of the site foundation, and the small API every app's ``bench.py`` uses.

``bench/run.py`` loads the demo content into a throwaway database, then calls, for every app in
``COP_APPS`` that has a ``bench.py``:

* ``build(context)`` (optional): add a large data set on top of the demo content (``context.rows`` is
  the size of each app's main list, e.g. news items, organisations, events), fast: see
  :func:`bulk_child_pages`;
* ``targets(context)``: return the :class:`Target` pages and API endpoints to measure.

Nothing here runs in production or in the tests' timing (there is none): it only builds data.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from .blocks import paragraph
from .demo import DemoContext
from .models import ContactFormPage, NewsIndexPage, NewsPage, StandardPage

# The full-scale data set (``bench/run.py --scale full``).
FULL_SIZES = {
    "news": 2000,
    "ngos": 5000,
    "events": 2000,
    "registrations": 50_000,
    "volunteers": 20_000,
    "bookings": 10_000,
    "survey_responses": 5000,
}
# Without ``--scale full``: each data set is ``rows`` times this (the same proportions, smaller).
SIZE_FACTORS = {name: size / FULL_SIZES["events"] for name, size in FULL_SIZES.items()}


@dataclass
class Target:
    """One thing to measure: a public page (``kind="page"``) or an API endpoint (``kind="api"``)."""

    name: str
    url: str
    kind: str = "page"
    status: int = 200
    # True: empty the cache before every request, to time what a cached URL costs when it is rebuilt.
    uncached: bool = False


@dataclass
class BenchContext:
    """What the bench builders share: the size asked for, the demo context and notes on what was made."""

    rows: int = 2000
    demo: DemoContext = field(default_factory=DemoContext)
    built: list[str] = field(default_factory=list)
    # Sizes of the named data sets (``bench/run.py --scale full`` or ``--size name=N``); a name not
    # given here follows ``rows`` times its factor in :data:`SIZE_FACTORS`.
    sizes: dict[str, int] = field(default_factory=dict)

    @property
    def home(self):
        return self.demo.home

    def size(self, name: str) -> int:
        """How many rows of the named data set to build, e.g. ``size("registrations")``."""
        if name in self.sizes:
            return self.sizes[name]
        return round(self.rows * SIZE_FACTORS.get(name, 1))

    def note(self, what: str) -> None:
        self.built.append(what)


def bulk_child_pages(
    parent: Page,
    pages: list[Page],
    published_at: Callable[[Page], datetime.datetime],
    before_index: Callable[[list[Page]], None] | None = None,
):
    """Add many live pages of one type under ``parent`` at once: no revisions, no per-page tree queries.

    ``pages`` are unsaved instances of one specific page model with their own fields filled in (title,
    slug, ...). The page rows are bulk-inserted with their tree paths computed here, then each concrete
    table of the model below ``Page`` gets one multi-row insert, and the search index is filled in bulk.
    Wagtail's admin shows such pages as published (they have no revision history).
    ``before_index(saved_pages)`` (optional) runs once the rows exist and before indexing, e.g. to
    bulk-insert many-to-many rows and set them on the instances too (``page.areas = [...]`` keeps
    them in memory, so indexing does not query them page by page).
    """
    if not pages:
        return []
    model = type(pages[0])
    assert all(type(page) is model for page in pages), "one page model per call"
    parent = Page.objects.get(pk=parent.pk)  # fresh numchild and path
    last_child = parent.get_last_child()
    first_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    now = timezone.now()
    for offset, page in enumerate(pages):
        page.path = Page._get_path(parent.path, parent.depth + 1, first_step + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = published_at(page) or now
    with transaction.atomic():
        Page.objects.bulk_create(pages, batch_size=500)
        _insert_specific_rows(model, pages)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        from wagtail.search.backends import get_search_backend

        ids = [page.id for page in pages]
        saved = []
        for start in range(0, len(ids), 2000):  # SQLite allows a limited number of query parameters
            # get_indexed_objects(): with the related fields the index reads (no query per page).
            saved += model.get_indexed_objects().filter(pk__in=ids[start : start + 2000]).order_by("path")
        assert len(saved) == len(pages), "every page row has its specific row"
        if before_index:
            before_index(saved)
        backend = get_search_backend()
        for start in range(0, len(saved), 2000):
            backend.add_bulk(model, saved[start : start + 2000])
    return saved


def _insert_specific_rows(model, pages):
    """Insert the rows of every concrete table between ``Page`` and ``model`` (multi-table inheritance)."""
    tables = [
        cls
        for cls in reversed(model.__mro__)
        if isinstance(cls, type)
        and issubclass(cls, Page)
        and cls is not Page
        and hasattr(cls, "_meta")
        and not cls._meta.abstract
        and not cls._meta.proxy
    ]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for cls in tables:
            fields = cls._meta.local_concrete_fields
            for page in pages:
                for ptr in fields:
                    if ptr.remote_field and ptr.remote_field.parent_link:
                        # bulk_create set Page's own key (``id``); every parent link points at it.
                        setattr(page, ptr.attname, page.id)
            sql = "INSERT INTO {} ({}) VALUES ({})".format(
                quote(cls._meta.db_table),
                ", ".join(quote(f.column) for f in fields),
                ", ".join(["%s"] * len(fields)),
            )
            rows = [
                [f.get_db_prep_save(f.pre_save(page, True), connection) for f in fields] for page in pages
            ]
            cursor.executemany(sql, rows)


NEWS_TOPICS = [
    "Spotkanie organizacji pozarządowych",
    "Warsztaty World Café",
    "Szkolenie z pisania projektów",
    "Dyżur doradcy księgowego",
    "Akcja Centrum Wolontariatu",
    "Kampania 1,5%",
]


def build(context: BenchContext) -> None:
    """``context.rows`` news items in the demo news index, dated one a day backwards."""
    news_index = NewsIndexPage.objects.child_of(context.home).first()
    today = timezone.localdate()
    pages = []
    for number in range(context.size("news")):
        topic = NEWS_TOPICS[number % len(NEWS_TOPICS)]
        pages.append(
            NewsPage(
                title=f"{topic} – wpis {number + 1}",
                slug=f"bench-aktualnosc-{number + 1}",
                date=today - datetime.timedelta(days=number),
                intro=f"{topic}: zapraszamy organizacje i mieszkańców gminy Czerwionka-Leszczyny.",
                body=[paragraph(f"<p>{topic}. Szczegóły w biurze Centrum, ul. 3-go Maja 19.</p>" * 5)],
                listing_summary="",
            )
        )
    bulk_child_pages(
        news_index,
        pages,
        published_at=lambda page: timezone.make_aware(datetime.datetime.combine(page.date, datetime.time(9))),
    )
    context.note(f"{len(pages)} aktualności")


def targets(context: BenchContext) -> list[Target]:
    home = context.home
    news_index = NewsIndexPage.objects.child_of(home).live().first()
    news_items = NewsPage.objects.live().child_of(news_index)
    news = news_items.order_by("-date", "-pk").first()
    last_page = max(1, -(-news_items.count() // max(news_index.specific.per_page, 1)))
    standard = StandardPage.objects.live().descendant_of(home).order_by("path").first()
    contact = ContactFormPage.objects.live().descendant_of(home).first()
    statement = context.demo.pages["accessibility"]
    return [
        Target("strona główna", home.url),
        Target("lista aktualności", news_index.url),
        Target("lista aktualności, ostatnia strona", f"{news_index.url}?strona={last_page}"),
        Target("aktualność", news.url),
        Target("strona z treścią", standard.url),
        Target("formularz kontaktowy", contact.url),
        Target("deklaracja dostępności", statement.url),
        Target("wyniki wyszukiwania", "/szukaj/?q=centrum+organizacji"),
        # The sitemap index and this app's first section page (home/sitemaps.py); each app adds its own.
        Target("sitemap.xml (indeks)", "/sitemap.xml"),
        Target("sitemap.xml (indeks) bez pamięci podręcznej", "/sitemap.xml", uncached=True),
        Target(
            "sitemap: strony Centrum bez pamięci", reverse("sitemap_section", args=("home",)), uncached=True
        ),
        Target("API: lista aktualności", "/api/cop/v1/news/", kind="api"),
        Target("API: lista aktualności (100)", "/api/cop/v1/news/?limit=100", kind="api"),
        Target("API: aktualność", f"/api/cop/v1/news/{news.pk}/", kind="api"),
        Target("API: dane Centrum", "/api/cop/v1/site/", kind="api"),
        Target("API v2: strony", "/api/v2/pages/", kind="api"),
        Target("API v2: aktualności", "/api/v2/pages/?type=home.NewsPage&fields=date,intro", kind="api"),
    ]
