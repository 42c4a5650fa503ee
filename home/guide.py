"""The "Jak edytować" guide for external editors (NGO editors, school club coordinators) in the admin.

An admin view rather than a Wagtail page, because the guide

* belongs to the admin only (a page would sit in the public tree and could be unpublished by mistake);
* speaks to the reader: it links to *their* page, the page types *they* may add under it and *their*
  image collection, all read from the subtree mechanism (:mod:`home.editors`);
* describes the admin this code configures (the "Akceptacja COP" workflow, upload limits), so it is
  versioned and reviewed with that code.

``home/wagtail_hooks.py`` registers the URL (``/admin/jak-edytowac/``), the menu items and the panel on
the admin home of external editors.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from .editors import MODERATION_WORKFLOW, subtrees_of

GUIDE_TITLE = _("Jak edytować")


def may_be_external_editor(user) -> bool:
    """A cheap first check before :func:`home.editors.is_external_editor`, for every admin page.

    External editor groups hold no model permission except admin access (``home.editors``); staff do.
    The admin has already loaded the user's permissions, so staff and administrators cost no query.
    """
    if not user.is_authenticated or user.is_superuser:
        return False
    return not (user.get_all_permissions() - {"wagtailadmin.access_admin"})


def editor_areas(user) -> list[dict]:
    """The pages ``user`` edits as an external editor, with what they may add under each."""
    if not may_be_external_editor(user):
        return []
    areas = []
    for subtree in subtrees_of(user):
        page = subtree.page.specific
        addable = [
            {
                "name": model._meta.verbose_name,
                "description": model.get_page_description(),
                "url": reverse(
                    "wagtailadmin_pages:add",
                    args=[model._meta.app_label, model._meta.model_name, page.pk],
                ),
            }
            for model in page.specific_class.creatable_subpage_models()
            if model.can_create_at(page)
        ]
        areas.append(
            {
                "page": page,
                "kind": subtree.kind,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "explore_url": reverse("wagtailadmin_explore", args=[page.pk]),
                "addable": addable,
                "collection": subtree.collection,
            }
        )
    return areas


def workflow_task_name() -> str:
    """The name of the approval step, as the editor sees it on the "Wyślij ponownie do …" button."""
    from wagtail.models import Workflow

    workflow = Workflow.objects.filter(name=MODERATION_WORKFLOW).first()
    task = workflow.tasks.first() if workflow else None
    return task.name if task else MODERATION_WORKFLOW


def centre_contact(request) -> dict:
    """Phone and e-mail of the Centre (site settings), for "ask us" at the end of the guide."""
    from .models import SiteSettings

    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {}
    site_settings = SiteSettings.for_site(site)
    return {"phone": site_settings.phone, "email": site_settings.email}


def editor_guide(request):
    """The guide itself (any admin user may read it; external editors find it in their menu)."""
    return TemplateResponse(
        request,
        "home/admin/editor_guide.html",
        {
            "page_title": GUIDE_TITLE,
            "areas": editor_areas(request.user),
            "workflow_name": MODERATION_WORKFLOW,
            "task_name": workflow_task_name(),
            "image_upload_url": reverse("wagtailimages:add_multiple"),
            "document_upload_url": reverse("wagtaildocs:add_multiple"),
            "max_upload_mb": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE // (1024 * 1024),
            "contact": centre_contact(request),
        },
    )


class EditorGuidePanel(Component):
    """The first panel on an external editor's admin home: their pages and the way to the guide."""

    name = "editor_guide"
    order = 10
    template_name = "home/admin/editor_guide_panel.html"

    def __init__(self, areas):
        self.areas = areas

    def get_context_data(self, parent_context=None):
        return {
            "areas": self.areas,
            "guide_url": reverse("cop_editor_guide"),
            "workflow_name": MODERATION_WORKFLOW,
        }
