"""The "external editor owns a subtree" mechanism, shared by NGO editors and school club coordinators.

An external editor group owns exactly one page and everything below it:

* page permissions ``add`` and ``change`` on that page only – never ``publish``: every change goes
  through the "Akceptacja COP" moderation workflow, where COP staff approve or reject it;
* its own image/document collection (``add``, ``change``, ``choose``, ``delete`` there only), so
  uploads land in it and choosers show nothing of anyone else;
* admin access, and nothing else (no users, no settings, no snippets).

Everything is created by code (:func:`give_subtree`), never by hand in the admin. The hooks in
``home/wagtail_hooks.py`` close the remaining gaps (page chooser drafts, form submissions).
"""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Collection, Page, Workflow, WorkflowPage

from .models import ExternalEditorSubtree
from .permissions import (
    STAFF_GROUP,
    get_group,
    grant_admin_access,
    grant_collection_permissions,
    grant_page_permissions,
)

MODERATION_WORKFLOW = "Akceptacja COP"
EXTERNAL_PAGE_ACTIONS = ("add", "change")


def moderation_workflow() -> Workflow:
    """The "Akceptacja COP" workflow (created by migration ``home.0004``)."""
    return Workflow.objects.get(name=MODERATION_WORKFLOW)


@transaction.atomic
def give_subtree(
    page: Page, *, group_name: str, collection_name: str, kind: str, parent_collection: str
) -> ExternalEditorSubtree:
    """Create (or return) the editor group that owns ``page``: permissions, collection, workflow.

    ``parent_collection`` groups the collections of one kind (e.g. "Organizacje") under the root.
    Calling it again for the same page changes nothing.
    """
    existing = ExternalEditorSubtree.objects.filter(page=page).select_related("group", "collection").first()
    if existing:
        return existing
    from django.apps import apps

    group = get_group(apps, group_name)
    grant_admin_access(apps, group)
    grant_page_permissions(apps, group, page, actions=EXTERNAL_PAGE_ACTIONS)
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=parent_collection).first() or root.add_child(
        name=parent_collection
    )
    collection = parent.get_children().filter(name=collection_name).first() or parent.add_child(
        name=collection_name
    )
    grant_collection_permissions(apps, group, collection)
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": moderation_workflow()})
    return ExternalEditorSubtree.objects.create(page=page, group=group, collection=collection, kind=kind)


def add_editor(subtree: ExternalEditorSubtree, user) -> None:
    """Make ``user`` an editor of ``subtree`` (and only an external editor: never staff)."""
    user.groups.add(subtree.group)


def subtrees_of(user):
    """The subtrees ``user`` edits as an external editor (empty for staff and administrators)."""
    if not user.is_authenticated or user.is_superuser or user.groups.filter(name=STAFF_GROUP).exists():
        return ExternalEditorSubtree.objects.none()
    return ExternalEditorSubtree.objects.filter(group__in=user.groups.all()).select_related(
        "page", "collection"
    )


def is_external_editor(user) -> bool:
    return subtrees_of(user).exists()


def staff_group() -> Group:
    return Group.objects.get(name=STAFF_GROUP)


def may_browse_page(user, page: Page) -> bool:
    """Whether an external editor may see ``page`` in the admin's page chooser (anyone else: True).

    Their own subtree, the ancestors leading to it, and public pages without pending drafts; never
    another editor's page while it has an unpublished draft (its draft title is not public).
    """
    subtrees = list(subtrees_of(user))
    if not subtrees:
        return True
    for subtree in subtrees:
        own = subtree.page
        if page.path.startswith(own.path) or own.path.startswith(page.path):
            return True
    return page.live and not page.has_unpublished_changes and not page.get_view_restrictions().exists()
