"""Admin registration of the site foundation."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def admin_focus_styles():
    """A clearly visible keyboard focus in the admin too."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


def _limit_to_own_subtrees(user, pages, *, keep_live: bool):
    """For external editors: their own subtrees (and, if ``keep_live``, other pages that are public)."""
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

        own |= Q(has_unpublished_changes=False, pk__in=Page.objects.live().public().values("pk"))
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
