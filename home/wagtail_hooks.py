"""Admin registration of the site foundation, and the isolation of external editors (home/editors.py).

The external-editor hooks below were hardened by the NGO directory's isolation suite
(tests/ngo_directory/test_isolation.py), which walks every admin route as one NGO's editor against
another NGO's page, images, documents, workflow and form submissions.
"""

from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


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
