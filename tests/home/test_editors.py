"""The shared "external editor owns a subtree" mechanism: permissions, collection, moderation."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from home.editors import add_editor, give_subtree
from home.factories import StandardPageFactory


@pytest.fixture
def owned(home_page):
    page = StandardPageFactory(parent=home_page, title="Stowarzyszenie Przykładowe")
    subtree = give_subtree(
        page,
        group_name="Redaktorzy: Stowarzyszenie Przykładowe",
        collection_name="Stowarzyszenie Przykładowe",
        kind="organizacja",
        parent_collection="Organizacje",
    )
    editor = get_user_model().objects.create_user("redaktor", "redaktor@example.org", "haslo")
    add_editor(subtree, editor)
    return page, subtree, editor


@pytest.mark.django_db
class TestGiveSubtree:
    def test_permissions_cover_only_the_page_and_never_publish(self, owned):
        page, subtree, _editor = owned
        codenames = set(
            GroupPagePermission.objects.filter(group=subtree.group).values_list(
                "permission__codename", flat=True
            )
        )
        assert codenames == {"add_page", "change_page"}
        assert set(
            GroupPagePermission.objects.filter(group=subtree.group).values_list("page", flat=True)
        ) == {page.pk}
        assert subtree.collection.get_parent().name == "Organizacje"
        collections = set(
            GroupCollectionPermission.objects.filter(group=subtree.group).values_list("collection", flat=True)
        )
        assert collections == {subtree.collection.pk}

    def test_idempotent(self, owned):
        page, subtree, _ = owned
        again = give_subtree(
            page, group_name="x", collection_name="y", kind="organizacja", parent_collection="Organizacje"
        )
        assert again.pk == subtree.pk
        assert Collection.objects.filter(name="Stowarzyszenie Przykładowe").count() == 1

    def test_editor_cannot_publish_and_staff_approval_publishes(
        self, owned, staff_user, django_capture_on_commit_callbacks
    ):
        page, _subtree, editor = owned
        perms = page.permissions_for_user(editor)
        assert perms.can_edit() and not perms.can_publish()
        page.title = "Stowarzyszenie Przykładowe – nowa nazwa"
        revision = page.save_revision(user=editor)
        workflow = page.get_workflow()
        assert workflow.name == "Akceptacja COP"
        state = workflow.start(page, editor)
        state.current_task_state.approve(user=staff_user)
        page.refresh_from_db()
        assert page.title == "Stowarzyszenie Przykładowe – nowa nazwa"
        assert page.live_revision_id == revision.pk

    def test_rejection_with_comment_notifies_editor(self, owned, staff_user):
        page, _subtree, editor = owned
        page.save_revision(user=editor)
        state = page.get_workflow().start(page, editor)
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, staff_user, "reject", comment="Uzupełnij numer KRS.")
        state.refresh_from_db()
        assert state.status == "needs_changes"
        assert any(editor.email in message.to for message in mail.outbox)
