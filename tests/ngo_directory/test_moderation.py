"""Moderation of NGO changes: staff approve or reject with a comment, the NGO editor gets an e-mail either way."""

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def submit(org, title):
    page = org.page
    page.title = title
    page.save_revision(user=org.editor)
    return page.get_workflow().start(page, org.editor)


def test_staff_approval_in_admin_publishes_and_notifies_the_editor(staff_client, ngo_a, client):
    state = submit(ngo_a, "Stowarzyszenie Alfa – nowa nazwa")
    mail.outbox.clear()
    task_state = state.current_task_state
    response = staff_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[ngo_a.page.pk, "approve", task_state.pk]),
        {"comment": "Dziękujemy, opublikowane."},
    )
    assert response.status_code in (200, 302)
    ngo_a.page.refresh_from_db()
    assert ngo_a.page.live and ngo_a.page.title == "Stowarzyszenie Alfa – nowa nazwa"
    assert "Stowarzyszenie Alfa – nowa nazwa" in client.get(ngo_a.page.url).content.decode()
    to_editor = [message for message in mail.outbox if ngo_a.editor.email in message.to]
    assert len(to_editor) == 1
    assert "została zaakceptowana" in to_editor[0].subject
    assert ngo_a.page.full_url in to_editor[0].body


def test_staff_rejection_with_comment_keeps_public_version_and_notifies(staff_client, ngo_a, client):
    state = submit(ngo_a, "Nazwa do poprawy")
    mail.outbox.clear()
    task_state = state.current_task_state
    staff_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[ngo_a.page.pk, "reject", task_state.pk]),
        {"comment": "Proszę uzupełnić opis działalności."},
    )
    state.refresh_from_db()
    assert state.status == "needs_changes"
    ngo_a.page.refresh_from_db()
    assert ngo_a.page.title == "Stowarzyszenie Alfa"
    to_editor = [m for m in mail.outbox if ngo_a.editor.email in m.to]
    assert len(to_editor) == 1
    # In Polish, with the staff member's comment and the way back to the editor.
    body = to_editor[0].body
    assert "Proszę uzupełnić opis działalności." in body
    assert "odrzuc" in (to_editor[0].subject + body).lower()
    assert f"/admin/pages/{ngo_a.page.pk}/edit/" in body
    assert "Nazwa do poprawy" not in client.get(ngo_a.page.url).content.decode()


def test_ngo_editor_cannot_approve_own_change(client, ngo_a):
    state = submit(ngo_a, "Samozatwierdzenie")
    client.force_login(ngo_a.editor)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=[ngo_a.page.pk, "approve", state.current_task_state.pk]
        ),
        {"comment": ""},
    )
    ngo_a.page.refresh_from_db()
    assert ngo_a.page.title == "Stowarzyszenie Alfa"
