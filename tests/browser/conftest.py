"""Browser tests: Python Playwright driving Debian's Chromium against pytest-django's live server.

Never downloads a browser: Chromium comes from Debian (`apt-get install chromium`). When it is missing the
tests are skipped on a developer's machine and fail in CI (CI=true).
"""

import os
import shutil

import pytest

from tests.conftest import missing_component

CHROMIUM = os.environ.get("COP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test itself
# (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _is_browser_test(item) -> bool:
    return "tests/browser/" in str(item.fspath).replace(os.sep, "/")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's worker writes the groups into the test ids
def pytest_collection_modifyitems(items):
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.browser)
            # One worker runs every browser test, one after another (`--dist loadgroup` in .ci/run): two
            # Chromiums side by side with two live servers have left a page waiting forever under xdist.
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    """Under `--dist loadgroup` the browser tests must carry their group in the test id (that is how
    pytest-xdist sends them to one worker). A pytest that xdist does not understand dropped it silently
    once and CI hung for 90 minutes; now such a run stops at once."""
    if not getattr(session.config.option, "loadgroup", False):  # set on xdist workers only
        return
    ungrouped = [
        item.nodeid for item in session.items if _is_browser_test(item) and "@browser" not in item.nodeid
    ]
    if ungrouped:
        raise pytest.UsageError(
            "pytest-xdist did not group the browser tests (--dist loadgroup); check the pytest and "
            f"pytest-xdist versions in requirements-dev.txt. Ungrouped: {ungrouped[:3]}"
        )


@pytest.fixture(scope="session")
def chromium():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        missing_component(f"Chromium ({CHROMIUM}; apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_component("Python Playwright (requirements-dev.txt)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh browser tab (own cookies) with the live server's address as ``page.base_url``."""
    context = chromium.new_context(base_url=live_server.url, locale="pl-PL", timezone_id="Europe/Warsaw")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.base_url = live_server.url
    yield tab
    context.close()


@pytest.fixture
def live_home_page(live_server):
    """A home page as the default site root, for live-server tests.

    Mark such tests ``@pytest.mark.django_db(transaction=True)``: the live server needs committed
    data; tests/conftest.py gives every transactional test what the migrations created (root page,
    collections, the staff group, the moderation workflow) before it starts.
    """
    from wagtail.models import Page

    from home.factories import HomePageFactory

    home = HomePageFactory(parent=Page.get_first_root_node())
    _point_default_site_at(live_server, root_page=home)
    return home


def _point_default_site_at(live_server, root_page=None):
    from wagtail.models import Site

    host, port = live_server.url.split("//")[1].split(":")
    defaults = {"hostname": host, "port": int(port)}
    if root_page is not None:
        defaults["root_page"] = root_page
    site, _created = Site.objects.update_or_create(is_default_site=True, defaults=defaults)
    return site


@pytest.fixture
def live_demo_site(live_server):
    """The whole Polish demo content of every app (``load_demo_content``) behind the live server.

    Slow (seconds): load it once per test and check many pages in that test. Same marker as
    ``live_home_page``: ``@pytest.mark.django_db(transaction=True)``.
    Returns the default site.
    """
    import io

    from django.core.management import call_command

    call_command("load_demo_content", allow_production=True, stdout=io.StringIO())
    return _point_default_site_at(live_server)


def live_page_urls():
    """(path, page type) of every live, public page of the site, in tree order."""
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(depth__gt=1).order_by("path").specific()
    return [(page.url, type(page).__name__) for page in pages]
