"""Admin registration of the site foundation, and the isolation of external editors (home/editors.py).

The external-editor hooks below were hardened by the NGO directory's isolation suite
(tests/ngo_directory/test_isolation.py), which walks every admin route as one NGO's editor against
another NGO's page, images, documents, workflow and form submissions.
"""

from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.userbar import AccessibilityItem, ContentCheckerItem


@hooks.register("insert_global_admin_css")
def admin_focus_styles():
    """A clearly visible keyboard focus in the admin too."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


def _limit_to_own_subtrees(user, pages, *, keep_live: bool):
    """For external editors: their own subtrees (and, if ``keep_live``, other pages that are public).

    Only filter fields that Wagtail's search index knows (``path``, ``id``) are used, so the same
    filter works on search results (the page chooser's search) as well as on plain querysets.
    """
    from django.db.models import Q

    from .editors import subtrees_of

    subtrees = list(subtrees_of(user))
    if not subtrees:
        return pages
    own = Q()
    for subtree in subtrees:
        own |= Q(path__startswith=subtree.page.path)
    if keep_live:
        # Published, public pages without pending drafts: nothing there that the public cannot see.
        from wagtail.models import Page

        public_ids = (
            Page.objects.live().public().filter(has_unpublished_changes=False).values_list("pk", flat=True)
        )
        own |= Q(pk__in=list(public_ids))
    return pages.filter(own)


@hooks.register("construct_page_chooser_queryset")
def page_chooser_hides_other_editors_drafts(pages, request):
    """External editors may link to public pages, but never see anyone else's drafts or private pages."""
    return _limit_to_own_subtrees(request.user, pages, keep_live=True)


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_only_own_subtree(parent_page, pages, request):
    return _limit_to_own_subtrees(request.user, pages, keep_live=False)


@hooks.register("filter_form_submissions_for_user")
def form_submissions_only_in_own_subtree(user, editable_forms):
    return _limit_to_own_subtrees(user, editable_forms, keep_live=False)


@hooks.register("before_move_page")
def move_only_what_you_may_move(request, page_to_move, destination):
    """Wagtail 8.0.1 renders the move confirmation (with the page's draft title) before any permission check."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


def _collection_filtered(viewset_class, policy):
    """An admin-API viewset that lists only images/documents in collections the user has rights in.

    Wagtail's admin API (``/admin/api/main/images/``, ``documents/``) otherwise returns every file
    with its title to anyone who can open the admin.
    """

    class CollectionFilteredViewSet(viewset_class):
        def get_queryset(self):
            collections = policy.collections_user_has_any_permission_for(
                self.request.user, ["add", "change", "choose", "delete"]
            )
            return super().get_queryset().filter(collection__in=collections)

    CollectionFilteredViewSet.__name__ = f"CollectionFiltered{viewset_class.__name__}"
    return CollectionFilteredViewSet


@hooks.register("construct_admin_api", order=1000)
def admin_api_lists_only_permitted_files(router):
    """Runs after wagtail.images / wagtail.documents registered their endpoints (order=1000)."""
    from wagtail.documents import get_document_model
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images import get_image_model
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
    from wagtail.permissions import policy_registry

    image_policy = policy_registry.get_by_type(get_image_model())
    document_policy = policy_registry.get_by_type(get_document_model())

    router.register_endpoint("images", _collection_filtered(ImagesAdminAPIViewSet, image_policy))
    router.register_endpoint("documents", _collection_filtered(DocumentsAdminAPIViewSet, document_policy))


# Editor help: the "Jak edytować" guide (home/guide.py) and the content checker ---------------------------


@hooks.register("register_admin_urls")
def editor_guide_url():
    from django.urls import path

    from .guide import editor_guide

    return [path("jak-edytowac/", editor_guide, name="cop_editor_guide")]


class EditorGuideMenuItem(MenuItem):
    """In the main menu of external editors only (staff find the guide under "Pomoc")."""

    def is_shown(self, request):
        from .editors import is_external_editor
        from .guide import may_be_external_editor

        return may_be_external_editor(request.user) and is_external_editor(request.user)


@hooks.register("register_admin_menu_item")
def editor_guide_menu_item():
    from .guide import GUIDE_TITLE

    return EditorGuideMenuItem(GUIDE_TITLE, reverse("cop_editor_guide"), icon_name="help", order=150)


@hooks.register("register_help_menu_item")
def editor_guide_help_menu_item():
    from .guide import GUIDE_TITLE

    return MenuItem(
        _("%(title)s (przewodnik COP)") % {"title": GUIDE_TITLE},
        reverse("cop_editor_guide"),
        icon_name="help",
        order=900,
        name="cop-editor-guide",
    )


@hooks.register("construct_homepage_panels")
def editor_guide_panel(request, panels):
    from .guide import EditorGuidePanel, editor_areas

    areas = editor_areas(request.user)
    if areas:
        panels.append(EditorGuidePanel(areas))


class ContentChecker(ContentCheckerItem):
    """Wagtail's accessibility and content checker, limited to what editors write.

    Header, menu and footer come from code (checked with axe-core in tests/browser); editors can fix
    only the page's main content, so the checker looks at ``<main>`` alone. The one Wagtail message
    without a Polish translation gets one here.
    """

    axe_include = ["main"]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "empty-meta-description": {
            "error_name": _("Brak opisu strony dla wyszukiwarek"),
            "help_text": _("Uzupełnij „Podsumowanie” w zakładce „Promocja SEO”."),
        },
    }


@hooks.register("construct_wagtail_userbar")
def content_checker_for_editors(request, items, page):
    """Used by the userbar on published pages and by the "Checks" panel of the page editor."""
    items[:] = [
        ContentChecker(in_editor=item.in_editor)
        if type(item) in (ContentCheckerItem, AccessibilityItem)
        else item
        for item in items
    ]


# Staff dashboard ("Do zrobienia", home/dashboard.py) ------------------------------------------------------


MODERATION_LIST = 5


@hooks.register("construct_homepage_panels")
def staff_dashboard_panel(request, panels):
    """The "Do zrobienia" panel first; for staff it replaces Wagtail's "awaiting your review" list.

    Wagtail's list shows every page in moderation with several queries per page (it grows with the data);
    the panel shows the count and the oldest few in a constant number of queries and links to the
    paginated workflow report, where each page is opened, compared and approved or sent back.
    """
    from .dashboard import dashboard_panel, is_staff_member

    panel = dashboard_panel(request)
    if panel is None:
        return
    if is_staff_member(request.user):
        panels[:] = [p for p in panels if getattr(p, "name", "") != "workflow_objects_to_moderate"]
    panels.append(panel)


@hooks.register("cop_dashboard_rows")
def pages_awaiting_moderation(request):
    """Pages submitted to the "Akceptacja COP" workflow waiting for staff: count and the oldest (3 queries)."""
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _
    from wagtail.models import Page, WorkflowState

    from .dashboard import DashboardRow, is_staff_member, pending_row

    if not is_staff_member(request.user):
        return []
    in_progress = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
    )
    section = _("Strony do akceptacji")
    rows = [
        pending_row(
            in_progress,
            section=section,
            label=_("Zmiany organizacji i kół czekające na akceptację COP"),
            url=reverse("wagtailadmin_reports:workflow") + "?reviewable=true",
            gender="f",
        )
    ]
    oldest = list(
        in_progress.order_by("created_at", "pk").values_list("object_id", "created_at")[:MODERATION_LIST]
    )
    titles = dict(
        Page.objects.filter(pk__in=[int(object_id) for object_id, _created in oldest]).values_list(
            "pk", "title"
        )
    )
    for object_id, created_at in oldest:
        if int(object_id) in titles:
            rows.append(
                DashboardRow(
                    section=section,
                    label=titles[int(object_id)],
                    url=reverse("wagtailadmin_pages:edit", args=[int(object_id)]),
                    detail=_("przesłano %(date)s")
                    % {"date": date_format(timezone.localtime(created_at), "j E Y, H:i")},
                )
            )
    return rows


@hooks.register("on_serve_page", order=100)
def mark_page_cache_candidate(serve):
    """Inside Wagtail's own ``check_view_restrictions`` (order 0): only pages a visitor may see get here.

    Marks the request for ``home.middleware.PageCacheMiddleware``; whether the response is stored is
    decided there (``home/cache.py``). Previews never go through ``on_serve_page``.
    """

    def inner(page, request, serve_args, serve_kwargs):
        from .cache import mark_candidate

        mark_candidate(request)
        return serve(page, request, serve_args, serve_kwargs)

    return inner
