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


def _share_serialized_contents(saved: dict) -> None:
    """Give the connections seen under Playwright the serialized test data of the originals.

    Playwright's sync API runs the rest of the session in another async context, where asgiref
    hands out new connection wrappers without ``_test_serialized_contents``; without this, every
    ``serialized_rollback`` test after the first one would start from an empty database.
    """
    from django.db import connections

    for alias, contents in saved.items():
        if contents is not None and not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        missing_component(f"Chromium ({CHROMIUM}; apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_component("Python Playwright (requirements-dev.txt)")
    from django.db import connections

    saved = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        _share_serialized_contents(saved)
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
