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


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        missing_component(f"Chromium ({CHROMIUM}; apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_component("Python Playwright (requirements-dev.txt)")
    from django.db import connections

    # Starting Playwright's sync API (it runs an event loop in a greenlet) makes Django hand this thread
    # new connection objects. The test database's serialized contents, which pytest-django keeps on the
    # connection object for ``serialized_rollback``, must move to the new objects, or every later
    # live-server test finds an empty database (no root page, no locale) once the first one flushed it.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            if not hasattr(connections[alias], "_test_serialized_contents"):
                connections[alias]._test_serialized_contents = contents
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

    Mark such tests ``@pytest.mark.django_db(transaction=True, serialized_rollback=True)``: the live
    server needs committed data, and serialized rollback restores what migrations created (root page,
    collections, the staff group, the moderation workflow) after each test's flush.
    """
    from wagtail.models import Page, Site

    from home.factories import HomePageFactory

    home = HomePageFactory(parent=Page.get_first_root_node())
    host, port = live_server.url.split("//")[1].split(":")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": host, "port": int(port), "root_page": home}
    )
    return home
