"""Shared fixtures: a Wagtail site with a home page, users of every role, and the rules for tests that
need PostgreSQL or Chromium (skipped locally when missing, a failure in CI)."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail.backends.base import BaseEmailBackend
from wagtail.models import Page, Site

from home.factories import HomePageFactory
from home.permissions import STAFF_GROUP


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def missing_component(what: str) -> None:
    """Skip on a developer's machine, fail in CI: CI must never silently skip."""
    if in_ci():
        pytest.fail(f"{what} is required in CI but is missing.")
    pytest.skip(f"{what} is not available on this machine.")


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: whatever it needed is missing from the CI machine.

    (pytest's own exit code 5, "no tests collected", already fails ``make test`` and ``.ci/run``.)
    """
    if not in_ci() or hasattr(session.config, "workerinput") or exitstatus != 0:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; skipping is not allowed in CI.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_MIGRATED_DATA: dict[str, tuple[str, str]] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Keep a copy of what the migrations created (root page, site, collections, groups, workflow).

    Transactional tests (live server, concurrency) flush the database afterwards; the next one gets this
    copy back from :func:`_migrated_data_for_transactional_tests`. Django's own ``serialized_rollback``
    keeps its copy on the connection object, which Playwright's greenlets replace, so it is not used.
    """
    import json

    from django.db import connections

    with django_db_blocker.unblock():
        for alias in connections:
            data = connections[alias].creation.serialize_db_to_string()
            content_types = [row for row in json.loads(data) if row["model"] == "contenttypes.contenttype"]
            _MIGRATED_DATA[alias] = (json.dumps(content_types), data)


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


def _restore_migrated_data():
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connections

    for alias, (content_types, data) in _MIGRATED_DATA.items():
        # Sequences keep counting (reset_sequences=False), so rows created later never reuse restored ids.
        call_command(
            "flush",
            database=alias,
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
            verbosity=0,
        )
        # Content types first, and a cold content-type cache: restoring a workflow task looks up its
        # content type, which must find the migrated row instead of creating a second one.
        ContentType.objects.clear_cache()
        for row in serializers.deserialize("json", content_types, using=alias):
            row.save()
        connections[alias].creation.deserialize_db_from_string(data)
    ContentType.objects.clear_cache()
    cache.clear()


@pytest.fixture(autouse=True)
def _migrated_data_for_transactional_tests(request):
    if _is_transactional(request.node):
        request.getfixturevalue("transactional_db")
        _restore_migrated_data()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends with an empty database (Django flushes it). pytest-django runs such
    tests last, but pytest-xdist may send the browser group to a worker before ordinary tests, which
    would then find no root page, locale or workflow: put the migrated data back for them."""
    result = yield
    if (
        _MIGRATED_DATA
        and nextitem is not None
        and _is_transactional(item)
        and not _is_transactional(nextitem)
    ):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _restore_migrated_data()
    return result


@pytest.fixture(autouse=True)
def _postgres_only(request):
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            missing_component("PostgreSQL (DATABASE_URL=postgres://...)")


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Rate-limit counters and cached fragments never leak from one test into another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """A published home page as the root of the default site (replacing Wagtail's welcome page)."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        site.hostname = "testserver"
        site.port = 80
        site.save()
    else:
        Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "haslo-admina")


@pytest.fixture
def staff_user(db):
    user = get_user_model().objects.create_user("pracownik", "pracownik@example.org", "haslo-pracownika")
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    return user


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def login(client):
    """``login(user)``: the test client, logged in as ``user``."""

    def log_in(user):
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def make_ngo_editor(db):
    """``make_ngo_editor(profile, username)``: an account in the organisation's own editor group.

    The group, collection and workflow are the ones an organisation gets when COP approves its request
    (``ngo_directory.services.give_ngo_subtree``); calling it again for the profile adds another editor.
    """
    from home.editors import add_editor
    from ngo_directory.services import give_ngo_subtree

    def make(profile, username="redaktor-ngo", *, email=None, password="haslo-redaktora"):
        editor = get_user_model().objects.create_user(username, email or f"{username}@example.org", password)
        add_editor(give_ngo_subtree(profile), editor)
        return editor

    return make


@pytest.fixture
def make_club_coordinator(db):
    """``make_club_coordinator(club, username)``: an account in the school club's coordinator group."""
    from home.editors import add_editor
    from volunteering.services import give_club_subtree

    def make(club, username="opiekun", *, email=None, password="haslo-opiekuna"):
        coordinator = get_user_model().objects.create_user(
            username, email or f"{username}@example.org", password
        )
        add_editor(give_club_subtree(club), coordinator)
        return coordinator

    return make


class RefusingMailBackend(BaseEmailBackend):
    """A mail server that refuses every connection; what was handed to it is kept in ``attempts``."""

    attempts: list = []

    def send_messages(self, email_messages):
        RefusingMailBackend.attempts.extend(email_messages)
        if self.fail_silently:
            return 0
        raise ConnectionRefusedError("serwer poczty nie odpowiada")


@pytest.fixture
def broken_mail(settings):
    """Every e-mail fails as when the mail server is down; returns the list of messages that were attempted."""
    settings.EMAIL_BACKEND = "tests.conftest.RefusingMailBackend"
    RefusingMailBackend.attempts = []
    yield RefusingMailBackend.attempts
    RefusingMailBackend.attempts = []


@pytest.fixture
def cold_get(client):
    """``cold_get(url) -> (response, queries)``: a GET as the first visitor after a publish makes it, with
    every cache emptied first (the bench's "bez pamięci" column, the one the query targets count).

    The page is requested once before, so the settings rows a site creates on its first request exist.
    """
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(url, **kwargs):
        client.get(url, **kwargs)
        for name in caches:
            caches[name].clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **kwargs)
        assert response.status_code == 200, url
        return response, queries.captured_queries

    return get
