"""An NGO editor edits their profile and submits it; COP staff approve; the public page shows the change."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.editors import add_editor
from home.permissions import STAFF_GROUP
from ngo_directory.factories import NGODirectoryPageFactory, NGOProfilePageFactory
from ngo_directory.services import give_ngo_subtree


def wait_until(condition, timeout=30.0):
    """Poll the database until the browser's request has been handled (the live server is another thread)."""
    import time

    from django.db import OperationalError

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OperationalError:  # SQLite's shared in-memory database is locked while the server writes
            pass
        time.sleep(0.25)
    return condition()


def log_in(tab, username, password):
    tab.goto("/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", password)
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url("**/admin/")


@pytest.mark.django_db(transaction=True)
def test_editor_submits_staff_approves_public_page_changes(chromium, live_server, live_home_page):
    directory = NGODirectoryPageFactory(parent=live_home_page)
    profile = NGOProfilePageFactory(
        parent=directory, title="Stowarzyszenie Przyjaciół Przegędzy", slug="przegedza", district="przegedza"
    )
    subtree = give_ngo_subtree(profile)
    User = get_user_model()
    editor = User.objects.create_user("redaktor", "redaktor@example.org", "Haslo-redaktora-1")
    add_editor(subtree, editor)
    staff = User.objects.create_user("pracownik", "pracownik@example.org", "Haslo-pracownika-1")
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))

    def new_tab():
        context = chromium.new_context(base_url=live_server.url, locale="pl-PL")
        context.set_default_timeout(20_000)
        return context, context.new_page()

    # 1. The NGO editor edits the beneficiaries and submits the change for moderation.
    editor_context, tab = new_tab()
    log_in(tab, "redaktor", "Haslo-redaktora-1")
    tab.goto(f"/admin/pages/{profile.pk}/edit/")
    tab.fill("#id_beneficiaries", "seniorzy i dzieci z Przegędzy")
    assert tab.locator('button[name="action-publish"]').count() == 0  # no publish button for an NGO editor
    tab.locator('button[name="action-submit"]').dispatch_event("click")
    from wagtail.models import TaskState, WorkflowState

    assert wait_until(lambda: WorkflowState.objects.filter(status="in_progress").exists())
    editor_context.close()

    profile.refresh_from_db()
    assert profile.beneficiaries != "seniorzy i dzieci z Przegędzy"  # still waiting for COP
    anonymous_context, public = new_tab()
    public.goto(profile.url)
    assert "seniorzy i dzieci z Przegędzy" not in public.content()

    # 2. COP staff approve the change from the page editor (with a comment).
    staff_context, tab = new_tab()
    log_in(tab, "pracownik", "Haslo-pracownika-1")
    tab.goto(f"/admin/pages/{profile.pk}/edit/")
    tab.locator('button[data-workflow-action-name="approve"][data-workflow-action-modal-url]').dispatch_event(
        "click"
    )
    comment = tab.locator(".modal textarea").first
    comment.wait_for()
    comment.fill("Zatwierdzone, dziękujemy.")
    tab.locator('.modal form button[type="submit"]').first.click()
    assert wait_until(lambda: TaskState.objects.filter(status="approved").exists())
    # The task is marked approved before the workflow publishes the page: wait for the publication too.
    changed = "seniorzy i dzieci z Przegędzy"
    assert wait_until(lambda: type(profile).objects.get(pk=profile.pk).beneficiaries == changed)
    staff_context.close()
    assert TaskState.objects.get(status="approved").comment == "Zatwierdzone, dziękujemy."

    # 3. The public page shows the change.
    public.goto(profile.url)
    assert "seniorzy i dzieci z Przegędzy" in public.content()
    anonymous_context.close()
