"""Permission checks that Wagtail 8.0.1's admin views lack, installed once at start-up (HomeConfig.ready).

Found by the cross-NGO isolation suite (tests/ngo_directory/test_isolation.py): as NGO A's editor, these
views showed NGO B's unpublished draft title, image or document titles, or another organisation's
never-published page. Each guard adds a check before the original code runs and changes nothing else;
drop a guard when Wagtail adds its own check (the suite will tell).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

_installed = False


def _require_page_permission(view_class, check):
    original = view_class.dispatch

    def dispatch(self, request, *args, **kwargs):
        if not check(self.object.permissions_for_user(request.user)):
            raise PermissionDenied
        return original(self, request, *args, **kwargs)

    view_class.dispatch = dispatch


def _deny_external_editors(view_class):
    from .editors import is_external_editor

    original = view_class.dispatch

    def dispatch(self, request, *args, **kwargs):
        if is_external_editor(request.user):
            raise PermissionDenied
        return original(self, request, *args, **kwargs)

    view_class.dispatch = dispatch


def _bulk_actions_list_only_actionable_items():
    """Bulk-action confirmations listed the titles of items the user may not act on (drafts included)."""
    from wagtail.admin.views.bulk_action.base_bulk_action import BulkAction

    original = BulkAction.get_actionable_objects

    def get_actionable_objects(self):
        objects, extra = original(self)
        hidden = len(extra.get("items_with_no_access", []))
        return objects, {**extra, "items_with_no_access": [], "hidden_items_count": hidden}

    BulkAction.get_actionable_objects = get_actionable_objects


def _page_chooser_browses_only_visible_parents():
    """Browsing the chooser into another editor's page showed that page's draft title as the heading."""
    from wagtail.admin.views.chooser import BrowseView
    from wagtail.models import Page

    from .editors import may_browse_page

    original = BrowseView.get

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            parent = Page.objects.filter(pk=parent_page_id).first()
            if parent is None or not may_browse_page(request.user, parent):
                raise Http404
        return original(self, request, parent_page_id)

    BrowseView.get = get


def _page_chooser_chosen_multiple_only_visible_pages():
    """The page chooser's "chosen-multiple" step answered any page id with its draft title (``?id=``)."""
    from wagtail.admin.views.chooser import ChosenMultipleView
    from wagtail.models import Page

    from .editors import may_browse_page

    original = ChosenMultipleView.get

    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        visible = [
            str(page.pk) for page in Page.objects.filter(pk__in=ids) if may_browse_page(request.user, page)
        ]
        request.GET = request.GET.copy()
        request.GET.setlist("id", visible)
        return original(self, request)

    ChosenMultipleView.get = get


def install() -> None:
    global _installed
    if _installed:
        return
    from wagtail.admin.views.pages.workflow import ConfirmWorkflowCancellationView
    from wagtail.admin.views.reports.base import ReportView

    # Rendered the page's current workflow and tasks for any admin user, whatever the page.
    _require_page_permission(ConfirmWorkflowCancellationView, lambda perms: perms.can_edit())
    # Reports (page types usage names the last edited page of each type, drafts included) are for COP staff.
    _deny_external_editors(ReportView)
    _bulk_actions_list_only_actionable_items()
    _page_chooser_browses_only_visible_parents()
    _page_chooser_chosen_multiple_only_visible_pages()
    _installed = True
