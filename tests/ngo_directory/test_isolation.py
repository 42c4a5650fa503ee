"""Cross-NGO isolation, tested from the outside: NGO A's editor against every admin route for NGO B.

Each route either refuses (403/404, or a redirect away from B's object) or answers without anything of
B's that is not public: B's unpublished draft title, a never-published organisation, B's images and
documents, form submissions, other people's e-mail addresses. Mutating routes are also checked in the
database afterwards: nothing of B's changed.
"""

import io
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry

from home.models import ContactFormPage
from tests.ngo_directory.conftest import make_organisation

B_DRAFT_TITLE = "Tajny szkic Fundacji Beta"
C_TITLE = "Nieopublikowana Fundacja Gamma"
B_IMAGE_TITLE = "Zdjęcie wewnętrzne Beta"
B_DOCUMENT_TITLE = "Sprawozdanie robocze Beta"
B_PRIVATE_EMAIL = "prezes.beta@example.org"
SUBMISSION_TEXT = "Wiadomość poufna od mieszkańca"
SECRETS = [
    B_DRAFT_TITLE,
    C_TITLE,
    B_IMAGE_TITLE,
    B_DOCUMENT_TITLE,
    B_PRIVATE_EMAIL,
    SUBMISSION_TEXT,
    "redaktor_b@example.org",
]


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 20), (200, 10, 10)).save(buffer, format="PNG")
    return buffer.getvalue()


def png_file(name):
    return ImageFile(io.BytesIO(png_bytes()), name=name)


@dataclass
class Scene:
    a: object
    b: object
    c_page: object
    b_revision: object
    b_first_revision: object
    b_task_state: object
    b_workflow_state: object
    b_image: object
    b_document: object
    form_page: object
    directory: object
    staff: object


@pytest.fixture
def scene(directory, ngo_a, ngo_b, staff_user, home_page):
    b_page = ngo_b.page
    b_page.contact_person_name = "Jan Prezes"
    b_page.contact_person_email = B_PRIVATE_EMAIL
    first = b_page.save_revision(user=ngo_b.editor)
    first.publish()
    b_page.refresh_from_db()
    b_page.title = B_DRAFT_TITLE
    revision = b_page.save_revision(user=ngo_b.editor)
    workflow_state = b_page.get_workflow().start(b_page, ngo_b.editor)
    c = make_organisation(directory, "redaktor_c", title=C_TITLE, slug="gamma", live=False)
    c.page.save_revision(user=c.editor)
    Image = get_image_model()
    image = Image.objects.create(
        title=B_IMAGE_TITLE, collection=ngo_b.subtree.collection, file=png_file("beta.png")
    )
    Document = get_document_model()
    document = Document(title=B_DOCUMENT_TITLE, collection=ngo_b.subtree.collection)
    document.file.save("beta.txt", ContentFile(b"robocze"), save=False)
    document.save()
    form_page = ContactFormPage(title="Kontakt", slug="kontakt-testowy", to_address="cop@example.org")
    home_page.add_child(instance=form_page)
    form_page.get_submission_class().objects.create(
        page=form_page, form_data={"message": SUBMISSION_TEXT, "email": "mieszkaniec@example.org"}
    )
    return Scene(
        a=ngo_a,
        b=ngo_b,
        c_page=c.page,
        b_revision=revision,
        b_first_revision=first,
        b_task_state=workflow_state.current_task_state,
        b_workflow_state=workflow_state,
        b_image=image,
        b_document=document,
        form_page=form_page,
        directory=directory,
        staff=staff_user,
    )


@pytest.fixture
def client_a(client, scene):
    client.force_login(scene.a.editor)
    return client


def assert_refused_or_clean(response, route):
    """403/404, a redirect that does not lead to B's object, or a page without B's non-public data."""
    body = response.content.decode("utf-8", errors="replace") if response.status_code == 200 else ""
    if response.status_code in (403, 404, 405):
        return
    if response.status_code in (301, 302):
        location = response["Location"]
        assert "/edit/" not in location and "/preview" not in location, f"{route}: redirected to {location}"
        return
    assert response.status_code in (200, 400), f"{route}: unexpected status {response.status_code}"
    leaked = [secret for secret in SECRETS if secret in body]
    assert not leaked, f"{route} leaked {leaked}"


def assert_refused(response, route):
    """Strictly refused: 403/404 or a redirect away (never a 200 with B's object)."""
    assert response.status_code in (302, 403, 404, 405), f"{route}: status {response.status_code}"
    if response.status_code == 302:
        location = response["Location"]
        assert str(route) not in location
        assert "/edit/" not in location, f"{route}: redirected to {location}"


def b_routes(s: Scene):
    """(name, url) of GET routes on B's objects that A must not open at all."""
    b = s.b.page.pk
    rev = s.b_revision.pk
    first = s.b_first_revision.pk
    task_state = s.b_task_state.pk
    task = s.b_task_state.task_id
    wf_state = s.b_workflow_state.pk
    c = s.c_page.pk
    return [
        ("edit", reverse("wagtailadmin_pages:edit", args=[b])),
        ("edit never-published C", reverse("wagtailadmin_pages:edit", args=[c])),
        ("preview_on_edit", reverse("wagtailadmin_pages:preview_on_edit", args=[b])),
        ("view_draft", reverse("wagtailadmin_pages:view_draft", args=[b])),
        ("view_draft C", reverse("wagtailadmin_pages:view_draft", args=[c])),
        ("add_subpage", reverse("wagtailadmin_pages:add_subpage", args=[b])),
        ("add child of B", reverse("wagtailadmin_pages:add", args=["home", "standardpage", b])),
        ("delete", reverse("wagtailadmin_pages:delete", args=[b])),
        ("unpublish", reverse("wagtailadmin_pages:unpublish", args=[b])),
        ("copy", reverse("wagtailadmin_pages:copy", args=[b])),
        ("move", reverse("wagtailadmin_pages:move", args=[b])),
        ("move_confirm", reverse("wagtailadmin_pages:move_confirm", args=[b, s.a.page.pk])),
        ("set_privacy", reverse("wagtailadmin_pages:set_privacy", args=[b])),
        ("revisions_index", reverse("wagtailadmin_pages:revisions_index", args=[b])),
        ("revisions_view", reverse("wagtailadmin_pages:revisions_view", args=[b, rev])),
        ("revisions_revert", reverse("wagtailadmin_pages:revisions_revert", args=[b, first])),
        ("revisions_compare", reverse("wagtailadmin_pages:revisions_compare", args=[b, "live", "latest"])),
        ("revisions_compare ids", reverse("wagtailadmin_pages:revisions_compare", args=[b, first, rev])),
        ("revisions_unschedule", reverse("wagtailadmin_pages:revisions_unschedule", args=[b, rev])),
        ("history", reverse("wagtailadmin_pages:history", args=[b])),
        ("history_results", reverse("wagtailadmin_pages:history_results", args=[b])),
        ("workflow_history", reverse("wagtailadmin_pages:workflow_history", args=[b])),
        (
            "workflow_history_detail",
            reverse("wagtailadmin_pages:workflow_history_detail", args=[b, wf_state]),
        ),
        ("workflow_preview", reverse("wagtailadmin_pages:workflow_preview", args=[b, task])),
        (
            "workflow approve form",
            reverse("wagtailadmin_pages:collect_workflow_action_data", args=[b, "approve", task_state]),
        ),
        (
            "workflow reject form",
            reverse("wagtailadmin_pages:collect_workflow_action_data", args=[b, "reject", task_state]),
        ),
        (
            "confirm_workflow_cancellation",
            reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[b]),
        ),
        ("usage", reverse("wagtailadmin_pages:usage", args=[b])),
        ("convert_alias", reverse("wagtailadmin_pages:convert_alias", args=[b])),
        (
            "revisions_compare earliest",
            reverse("wagtailadmin_pages:revisions_compare", args=[b, "earliest", rev]),
        ),
        ("explore B", reverse("wagtailadmin_explore", args=[b])),
        ("explore C", reverse("wagtailadmin_explore", args=[c])),
        ("admin api detail B", reverse("wagtailadmin_api:pages:detail", args=[b])),
        ("admin api detail C", reverse("wagtailadmin_api:pages:detail", args=[c])),
        ("image edit", reverse("wagtailimages:edit", args=[s.b_image.pk])),
        ("image delete", reverse("wagtailimages:delete", args=[s.b_image.pk])),
        ("image usage", reverse("wagtailimages:image_usage", args=[s.b_image.pk])),
        ("image url generator", reverse("wagtailimages:url_generator", args=[s.b_image.pk])),
        ("image preview", reverse("wagtailimages:preview", args=[s.b_image.pk, "original"])),
        ("image chosen", reverse("wagtailimages_chooser:chosen", args=[s.b_image.pk])),
        ("image select_format", reverse("wagtailimages_chooser:select_format", args=[s.b_image.pk])),
        ("image edit_multiple", reverse("wagtailimages:edit_multiple", args=[s.b_image.pk])),
        ("image url generator output", reverse("wagtailimages:url_generator_output", args=[s.b_image.pk])),
        ("admin api image find", reverse("wagtailadmin_api:images:find") + f"?id={s.b_image.pk}"),
        ("document edit_multiple", reverse("wagtaildocs:edit_multiple", args=[s.b_document.pk])),
        ("admin api document find", reverse("wagtailadmin_api:documents:find") + f"?id={s.b_document.pk}"),
        ("document edit", reverse("wagtaildocs:edit", args=[s.b_document.pk])),
        ("document delete", reverse("wagtaildocs:delete", args=[s.b_document.pk])),
        ("document usage", reverse("wagtaildocs:document_usage", args=[s.b_document.pk])),
        ("document chosen", reverse("wagtaildocs_chooser:chosen", args=[s.b_document.pk])),
        ("admin api image detail", reverse("wagtailadmin_api:images:detail", args=[s.b_image.pk])),
        ("admin api document detail", reverse("wagtailadmin_api:documents:detail", args=[s.b_document.pk])),
        ("form submissions", reverse("wagtailforms:list_submissions", args=[s.form_page.pk])),
        ("form submissions results", reverse("wagtailforms:list_submissions_results", args=[s.form_page.pk])),
        (
            "form submissions csv",
            reverse("wagtailforms:list_submissions", args=[s.form_page.pk]) + "?export=csv",
        ),
        ("delete form submissions", reverse("wagtailforms:delete_submissions", args=[s.form_page.pk])),
        ("user edit B", reverse("wagtailusers_users:edit", args=[s.b.editor.pk])),
        ("user delete B", reverse("wagtailusers_users:delete", args=[s.b.editor.pk])),
        ("user history B", reverse("wagtailusers_users:history", args=[s.b.editor.pk])),
        ("user history results B", reverse("wagtailusers_users:history_results", args=[s.b.editor.pk])),
        ("user usage B", reverse("wagtailusers_users:usage", args=[s.b.editor.pk])),
        ("user copy B", reverse("wagtailusers_users:copy", args=[s.b.editor.pk])),
        ("user add", reverse("wagtailusers_users:add")),
        ("group delete B", reverse("wagtailusers_groups:delete", args=[s.b.subtree.group.pk])),
        ("group history B", reverse("wagtailusers_groups:history", args=[s.b.subtree.group.pk])),
        ("group usage B", reverse("wagtailusers_groups:usage", args=[s.b.subtree.group.pk])),
        ("group edit B", reverse("wagtailusers_groups:edit", args=[s.b.subtree.group.pk])),
        ("collection edit B", reverse("wagtailadmin_collections:edit", args=[s.b.subtree.collection.pk])),
        (
            "collection privacy B",
            reverse("wagtailadmin_collections:set_privacy", args=[s.b.subtree.collection.pk]),
        ),
        ("settings site", reverse("wagtailsettings:edit", args=["home", "sitesettings"])),
        ("settings navigation", reverse("wagtailsettings:edit", args=["home", "navigationsettings"])),
        ("workflow edit", reverse("wagtailadmin_workflows:edit", args=[s.b_workflow_state.workflow_id])),
        ("workflow task edit", reverse("wagtailadmin_workflows:edit_task", args=[task])),
        ("workflow usage", reverse("wagtailadmin_workflows:usage", args=[s.b_workflow_state.workflow_id])),
        ("workflow remove from B", reverse("wagtailadmin_workflows:remove", args=[b])),
        (
            "workflow disable",
            reverse("wagtailadmin_workflows:disable", args=[s.b_workflow_state.workflow_id]),
        ),
        ("onboarding decision", reverse("ngo_onboarding_decide", args=[1])),
        ("export register", reverse("ngo_directory_ngoprofilepage_modeladmin_index")),
        ("export register xlsx", reverse("ngo_directory_ngoprofilepage_modeladmin_index") + "?export=xlsx"),
        ("onboarding register", reverse("ngo_directory_onboardingrequest_modeladmin_index")),
        ("profile modeladmin edit B", reverse("ngo_directory_ngoprofilepage_modeladmin_edit", args=[b])),
        ("users index", reverse("wagtailusers_users:index")),
        ("groups index", reverse("wagtailusers_groups:index")),
        ("sites", reverse("wagtailsites:index")),
        ("collections index", reverse("wagtailadmin_collections:index")),
        ("workflows index", reverse("wagtailadmin_workflows:index")),
        ("workflow tasks index", reverse("wagtailadmin_workflows:task_index")),
        ("redirects", reverse("wagtailredirects:index")),
        ("areas snippet add", reverse("wagtailsnippets_ngo_directory_areaofactivity:add")),
    ]


def listing_routes(s: Scene):
    """(name, url) of routes A may open: they must not show anything of B's that is not public."""
    d = s.directory.pk
    b = s.b.page.pk
    c = s.c_page.pk
    return [
        ("dashboard", reverse("wagtailadmin_home")),
        ("explore root", reverse("wagtailadmin_explore_root")),
        ("explore directory", reverse("wagtailadmin_explore", args=[d])),
        ("explore directory results", reverse("wagtailadmin_explore_results", args=[d])),
        ("page search", reverse("wagtailadmin_pages:search") + "?q=Fundacja"),
        ("page search results", reverse("wagtailadmin_pages:search_results") + "?q=Tajny"),
        ("page type usage", reverse("wagtailadmin_pages:type_use", args=["ngo_directory", "ngoprofilepage"])),
        (
            "page type usage results",
            reverse("wagtailadmin_pages:type_use_results", args=["ngo_directory", "ngoprofilepage"]),
        ),
        ("chooser root", reverse("wagtailadmin_choose_page")),
        ("chooser directory", reverse("wagtailadmin_choose_page_child", args=[d])),
        ("chooser search draft title", reverse("wagtailadmin_choose_page_search") + "?q=Tajny"),
        ("chooser search C", reverse("wagtailadmin_choose_page_search") + "?q=Gamma"),
        ("admin api listing", reverse("wagtailadmin_api:pages:listing") + f"?child_of={d}&for_explorer=1"),
        ("admin api listing all", reverse("wagtailadmin_api:pages:listing") + "?limit=100"),
        ("admin api search", reverse("wagtailadmin_api:pages:listing") + "?search=Gamma"),
        ("admin api find", reverse("wagtailadmin_api:pages:find") + "?html_path=/organizacje/gamma/"),
        ("admin api images", reverse("wagtailadmin_api:images:listing")),
        ("admin api documents", reverse("wagtailadmin_api:documents:listing")),
        ("images index", reverse("wagtailimages:index")),
        ("images results", reverse("wagtailimages:index_results") + "?q=Beta"),
        ("image chooser", reverse("wagtailimages_chooser:choose")),
        ("image chooser results", reverse("wagtailimages_chooser:choose_results") + "?q=Beta"),
        ("documents index", reverse("wagtaildocs:index")),
        ("documents results", reverse("wagtaildocs:index_results") + "?q=Beta"),
        ("document chooser", reverse("wagtaildocs_chooser:choose")),
        ("document chooser results", reverse("wagtaildocs_chooser:choose_results") + "?q=Beta"),
        ("forms index", reverse("wagtailforms:index")),
        ("forms index results", reverse("wagtailforms:index_results")),
        (
            "page chooser chosen B and C",
            reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={b}&id={c}",
        ),
        ("image chosen_multiple", reverse("wagtailimages_chooser:chosen_multiple") + f"?id={s.b_image.pk}"),
        (
            "document chosen_multiple",
            reverse("wagtaildocs_chooser:chosen_multiple") + f"?id={s.b_document.pk}",
        ),
        (
            "choose parent of a profile",
            reverse("wagtailadmin_pages:choose_parent", args=["ngo_directory", "ngoprofilepage"]),
        ),
        ("report locked", reverse("wagtailadmin_reports:locked_pages")),
        ("report workflow", reverse("wagtailadmin_reports:workflow")),
        ("report workflow tasks", reverse("wagtailadmin_reports:workflow_tasks")),
        ("report site history", reverse("wagtailadmin_reports:site_history")),
        ("report aging pages", reverse("wagtailadmin_reports:aging_pages")),
        ("report page types", reverse("wagtailadmin_reports:page_types_usage")),
        ("snippets index", reverse("wagtailsnippets:index")),
        ("areas chooser", reverse("wagtailsnippetchoosers_ngo_directory_areaofactivity:choose")),
        ("account", reverse("wagtailadmin_account")),
        ("tag autocomplete", reverse("wagtailadmin_tag_autocomplete") + "?term=a"),
        (
            "bulk delete B",
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={b}",
        ),
        (
            "bulk unpublish B",
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]) + f"?id={b}",
        ),
        ("bulk move B", reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"]) + f"?id={b}"),
        (
            "bulk publish B",
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={b}",
        ),
        (
            "bulk delete B image",
            reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"]) + f"?id={s.b_image.pk}",
        ),
        (
            "bulk delete B document",
            reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "delete"])
            + f"?id={s.b_document.pk}",
        ),
        ("chooser browse B", reverse("wagtailadmin_choose_page_child", args=[b])),
    ]


def b_posts(scene):
    """(name, url, data) of POSTs on B's objects; none of them may change anything of B's."""
    b = scene.b.page
    task_state = scene.b_task_state
    form_submissions = scene.form_page.get_submission_class().objects
    return [
        ("edit", reverse("wagtailadmin_pages:edit", args=[b.pk]), {"title": "Przejęte", "slug": "beta"}),
        (
            "edit+publish",
            reverse("wagtailadmin_pages:edit", args=[b.pk]),
            {"title": "Przejęte", "slug": "beta", "action-publish": "1"},
        ),
        (
            "preview_on_edit",
            reverse("wagtailadmin_pages:preview_on_edit", args=[b.pk]),
            {"title": "Przejęte"},
        ),
        (
            "preview_on_add under B",
            reverse("wagtailadmin_pages:preview_on_add", args=["home", "standardpage", b.pk]),
            {"title": "Podrzucona", "slug": "podrzucona"},
        ),
        (
            "add under B",
            reverse("wagtailadmin_pages:add", args=["home", "standardpage", b.pk]),
            {"title": "Podrzucona", "slug": "podrzucona"},
        ),
        ("delete", reverse("wagtailadmin_pages:delete", args=[b.pk]), {}),
        ("unpublish", reverse("wagtailadmin_pages:unpublish", args=[b.pk]), {}),
        (
            "copy",
            reverse("wagtailadmin_pages:copy", args=[b.pk]),
            {"new_title": "Kopia", "new_slug": "kopia", "new_parent_page": scene.directory.pk},
        ),
        ("move_confirm", reverse("wagtailadmin_pages:move_confirm", args=[b.pk, scene.a.page.pk]), {}),
        (
            "set_page_position",
            reverse("wagtailadmin_pages:set_page_position", args=[b.pk]) + "?position=0",
            {},
        ),
        ("lock", reverse("wagtailadmin_pages:lock", args=[b.pk]), {}),
        ("unlock", reverse("wagtailadmin_pages:unlock", args=[b.pk]), {}),
        (
            "revisions_revert",
            reverse("wagtailadmin_pages:revisions_revert", args=[b.pk, scene.b_first_revision.pk]),
            {},
        ),
        (
            "set_privacy",
            reverse("wagtailadmin_pages:set_privacy", args=[b.pk]),
            {"restriction_type": "login"},
        ),
        (
            "workflow approve",
            reverse("wagtailadmin_pages:workflow_action", args=[b.pk, "approve", task_state.pk]),
            {"comment": "ok"},
        ),
        (
            "workflow reject",
            reverse("wagtailadmin_pages:workflow_action", args=[b.pk, "reject", task_state.pk]),
            {"comment": "nie"},
        ),
        (
            "workflow cancel",
            reverse("wagtailadmin_pages:edit", args=[b.pk]),
            {"action-cancel-workflow": "1", "title": B_DRAFT_TITLE, "slug": "beta"},
        ),
        (
            "admin api action copy",
            reverse("wagtailadmin_api:pages:action", args=[b.pk, "copy"]),
            {"destination_page_id": scene.a.page.pk},
        ),
        ("admin api action delete", reverse("wagtailadmin_api:pages:action", args=[b.pk, "delete"]), {}),
        (
            "admin api action unpublish",
            reverse("wagtailadmin_api:pages:action", args=[b.pk, "unpublish"]),
            {},
        ),
        (
            "admin api action publish",
            reverse("wagtailadmin_api:pages:action", args=[b.pk, "publish"]),
            {},
        ),
        (
            "admin api action move",
            reverse("wagtailadmin_api:pages:action", args=[b.pk, "move"]),
            {"destination_page_id": scene.a.page.pk},
        ),
        (
            "admin api action convert_alias",
            reverse("wagtailadmin_api:pages:action", args=[b.pk, "convert_alias"]),
            {},
        ),
        (
            "admin api action revert",
            reverse("wagtailadmin_api:pages:action", args=[b.pk, "revert_to_page_revision"]),
            {"revision_id": scene.b_first_revision.pk},
        ),
        (
            "bulk delete",
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={b.pk}",
            {},
        ),
        (
            "bulk unpublish",
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]) + f"?id={b.pk}",
            {},
        ),
        (
            "bulk publish",
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={b.pk}",
            {},
        ),
        ("image edit", reverse("wagtailimages:edit", args=[scene.b_image.pk]), {"title": "Przejęte"}),
        ("image delete", reverse("wagtailimages:delete", args=[scene.b_image.pk]), {}),
        ("image delete_multiple", reverse("wagtailimages:delete_multiple", args=[scene.b_image.pk]), {}),
        (
            "bulk image delete",
            reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"])
            + f"?id={scene.b_image.pk}",
            {},
        ),
        ("document edit", reverse("wagtaildocs:edit", args=[scene.b_document.pk]), {"title": "Przejęte"}),
        ("document delete", reverse("wagtaildocs:delete", args=[scene.b_document.pk]), {}),
        (
            "document delete_multiple",
            reverse("wagtaildocs:delete_multiple", args=[scene.b_document.pk]),
            {},
        ),
        (
            "delete submissions",
            reverse("wagtailforms:delete_submissions", args=[scene.form_page.pk])
            + f"?selected-submissions={form_submissions.first().pk}",
            {},
        ),
        (
            "user edit",
            reverse("wagtailusers_users:edit", args=[scene.b.editor.pk]),
            {"email": "przejete@example.org"},
        ),
        ("user delete", reverse("wagtailusers_users:delete", args=[scene.b.editor.pk]), {}),
        ("convert_alias", reverse("wagtailadmin_pages:convert_alias", args=[b.pk]), {}),
        ("workflow remove from B", reverse("wagtailadmin_workflows:remove", args=[b.pk]), {}),
        (
            "workflow disable",
            reverse("wagtailadmin_workflows:disable", args=[scene.b_workflow_state.workflow_id]),
            {},
        ),
        ("group delete B", reverse("wagtailusers_groups:delete", args=[scene.b.subtree.group.pk]), {}),
        (
            "group edit",
            reverse("wagtailusers_groups:edit", args=[scene.a.subtree.group.pk]),
            {"name": "Przejęta"},
        ),
    ]


@pytest.mark.django_db
class TestNGOEditorCannotReachAnotherNGO:
    def test_every_route_on_b_is_refused(self, client_a, scene):
        failures = []
        for name, url in b_routes(scene):
            response = client_a.get(url)
            if response.status_code == 302 and "/edit/" in response["Location"]:
                # e.g. the export register hands "edit" over to the page editor: that one must refuse too
                response = client_a.get(response["Location"])
            leaked = [secret for secret in SECRETS if secret in response.content.decode("utf-8", "replace")]
            try:
                assert not leaked, f"leaked {leaked}"
                assert_refused(response, url)
            except AssertionError as error:
                failures.append(f"{name} {url}: {response.status_code} {error}")
        assert not failures, "\n".join(failures)

    def test_listings_show_nothing_of_b_that_is_not_public(self, client_a, scene):
        failures = []
        for name, url in listing_routes(scene):
            response = client_a.get(url)
            try:
                assert_refused_or_clean(response, name)
            except AssertionError as error:
                failures.append(str(error))
        assert not failures, "\n".join(failures)

    def test_posts_on_b_change_nothing(self, client_a, scene):
        b = scene.b.page
        form_submissions = scene.form_page.get_submission_class().objects
        posts = b_posts(scene)
        failures = []
        for name, url, data in posts:
            response = client_a.post(url, data)
            if response.status_code == 200 and any(
                secret in response.content.decode("utf-8", "replace") for secret in SECRETS
            ):
                failures.append(f"{name}: answered with B's data")
        b_fresh = Page.objects.get(pk=b.pk)
        assert b_fresh.live and b_fresh.title == "Fundacja Beta" and not b_fresh.locked
        assert b_fresh.get_latest_revision().pk == scene.b_revision.pk
        assert b_fresh.get_children().count() == 0
        assert not Page.objects.filter(slug__in=["kopia", "podrzucona"]).exists()
        assert b_fresh.get_parent().pk == scene.directory.pk
        assert not b_fresh.get_view_restrictions().exists()
        scene.b_task_state.refresh_from_db()
        assert scene.b_task_state.status == "in_progress"
        scene.b_workflow_state.refresh_from_db()
        assert scene.b_workflow_state.status == "in_progress"
        scene.b_image.refresh_from_db()
        scene.b_document.refresh_from_db()
        assert scene.b_image.title == B_IMAGE_TITLE and scene.b_document.title == B_DOCUMENT_TITLE
        assert form_submissions.count() == 1
        editor_b = get_user_model().objects.get(pk=scene.b.editor.pk)
        assert editor_b.email == "redaktor_b@example.org"
        from django.contrib.auth.models import Group
        from wagtail.models import WorkflowPage

        assert WorkflowPage.objects.filter(page=b, workflow=scene.b_workflow_state.workflow).exists()
        assert scene.b_workflow_state.workflow.__class__.objects.get(
            pk=scene.b_workflow_state.workflow_id
        ).active
        assert Group.objects.filter(pk=scene.b.subtree.group.pk).exists()
        scene.a.subtree.group.refresh_from_db()
        assert scene.a.subtree.group.name != "Przejęta"
        assert not PageLogEntry.objects.filter(page=b, user=scene.a.editor).exists()
        assert not failures, "\n".join(failures)

    def test_the_suite_covers_every_admin_route_on_a_page_or_file(self, scene):
        """Every admin URL of Wagtail that takes a page, image, document, user or group id is in the suite.

        A Wagtail upgrade that adds such a route fails here until the route is added to ``b_routes``
        or ``b_posts`` (and refused).
        """
        import re

        from django.urls import URLResolver, get_resolver, resolve

        def walk(patterns, namespace=""):
            for pattern in patterns:
                if isinstance(pattern, URLResolver):
                    inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else None
                    yield from walk(pattern.url_patterns, inner or pattern.namespace or namespace)
                elif pattern.name:
                    yield f"{namespace}:{pattern.name}" if namespace else pattern.name, str(pattern.pattern)

        object_id = re.compile(
            r"<int:(page_id|page_to_move_id|parent_page_id|image_id|document_id|doc_id)>|\(\?P<pk>"
        )
        scoped = ("wagtailadmin_pages:", "wagtailimages:", "wagtaildocs:", "wagtailforms:", "wagtailusers_")
        required = {
            name
            for name, route in walk(get_resolver().url_patterns)
            if name.startswith(scoped) and object_id.search(route)
        }
        required |= {"wagtailadmin_api:pages:detail", "wagtailadmin_api:pages:action"}
        covered = {resolve(url.split("?")[0]).view_name for _name, url in b_routes(scene)}
        covered |= {resolve(url.split("?")[0]).view_name for _name, url, _data in b_posts(scene)}
        covered |= {resolve(url.split("?")[0]).view_name for _name, url in listing_routes(scene)}
        assert len(required) > 40
        assert not required - covered, (
            f"admin routes missing from the isolation suite: {sorted(required - covered)}"
        )

    def test_uploads_land_only_in_own_collection(self, client_a, scene):
        response = client_a.post(
            reverse("wagtailimages:add"),
            {
                "title": "Nasze zdjęcie",
                "collection": scene.b.subtree.collection.pk,
                "file": ContentFile(png_bytes(), name="nasze.png"),
            },
        )
        Image = get_image_model()
        assert not Image.objects.filter(title="Nasze zdjęcie", collection=scene.b.subtree.collection).exists()
        response = client_a.post(
            reverse("wagtailimages:add"),
            {
                "title": "Nasze zdjęcie",
                "collection": scene.a.subtree.collection.pk,
                "file": ContentFile(png_bytes(), name="nasze.png"),
            },
        )
        assert response.status_code == 302
        assert set(Image.objects.filter(title="Nasze zdjęcie").values_list("collection_id", flat=True)) == {
            scene.a.subtree.collection.pk
        }
        Document = get_document_model()
        client_a.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Nasz statut",
                "collection": scene.b.subtree.collection.pk,
                "file": ContentFile(b"statut", name="statut.txt"),
            },
        )
        assert not Document.objects.filter(
            title="Nasz statut", collection=scene.b.subtree.collection
        ).exists()
        # Nor into the root, the "Organizacje" parent, through the chooser's upload or the multiple upload.
        from wagtail.models import Collection

        elsewhere = [
            Collection.get_first_root_node(),
            scene.b.subtree.collection.get_parent(),
            scene.b.subtree.collection,
        ]
        for collection in elsewhere:
            for url, field in (
                (reverse("wagtailimages:add"), "file"),
                (reverse("wagtailimages_chooser:create"), "image-chooser-upload-file"),
                (reverse("wagtailimages:add_multiple"), "files[]"),
            ):
                prefix = "image-chooser-upload-" if "chooser" in url else ""
                client_a.post(
                    url,
                    {
                        f"{prefix}title": "Zdjęcie nie na miejscu",
                        f"{prefix}collection": collection.pk,
                        field: ContentFile(png_bytes(), name="obce.png"),
                    },
                )
            for url, field in (
                (reverse("wagtaildocs:add"), "file"),
                (reverse("wagtaildocs_chooser:create"), "document-chooser-upload-file"),
                (reverse("wagtaildocs:add_multiple"), "files[]"),
            ):
                prefix = "document-chooser-upload-" if "chooser" in url else ""
                client_a.post(
                    url,
                    {
                        f"{prefix}title": "Dokument nie na miejscu",
                        f"{prefix}collection": collection.pk,
                        field: ContentFile(b"tekst", name="obcy.txt"),
                    },
                )
        uploaded = list(
            Image.objects.exclude(title__in=[B_IMAGE_TITLE, "Nasze zdjęcie"]).values_list(
                "collection_id", flat=True
            )
        )
        uploaded += list(
            Document.objects.exclude(title=B_DOCUMENT_TITLE).values_list("collection_id", flat=True)
        )
        # Whatever was accepted went into A's own collection.
        assert set(uploaded) <= {scene.a.subtree.collection.pk}
        # The upload forms offer A's collection only.
        html = client_a.get(reverse("wagtailimages:add")).content.decode()
        assert scene.b.subtree.collection.name not in html


@pytest.mark.django_db
class TestNGOEditorWorksOnOwnProfile:
    def test_can_open_edit_preview_and_history_of_own_page(self, client_a, scene):
        a = scene.a.page.pk
        for url in [
            reverse("wagtailadmin_pages:edit", args=[a]),
            reverse("wagtailadmin_pages:history", args=[a]),
            reverse("wagtailadmin_api:pages:detail", args=[a]),
        ]:
            assert client_a.get(url).status_code == 200, url

    def test_submits_own_page_for_moderation_and_cannot_publish(self, client_a, scene):
        from wagtail.models import WorkflowState

        page = scene.a.page
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        edit = client_a.get(url)
        assert b"action-publish" not in edit.content
        data = {
            "title": "Stowarzyszenie Alfa – po zmianach",
            "slug": page.slug,
            "legal_form": page.legal_form,
            "krs": page.krs,
            "nip": page.nip,
            "regon": page.regon,
            "district": page.district,
            "city": page.city,
            "description-count": "0",
            "gallery_images-TOTAL_FORMS": "0",
            "gallery_images-INITIAL_FORMS": "0",
            "gallery_images-MIN_NUM_FORMS": "0",
            "gallery_images-MAX_NUM_FORMS": "1000",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "documents-MIN_NUM_FORMS": "0",
            "documents-MAX_NUM_FORMS": "1000",
            "action-submit": "1",
        }
        response = client_a.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        page.refresh_from_db()
        assert page.title == "Stowarzyszenie Alfa"  # the public version waits for COP
        assert page.draft_title == "Stowarzyszenie Alfa – po zmianach"
        state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
        assert state.workflow.name == "Akceptacja COP"
        # publishing directly is refused: the live title stays
        data.pop("action-submit")
        client_a.post(url, {**data, "action-publish": "1"})
        page.refresh_from_db()
        assert page.title == "Stowarzyszenie Alfa"

    def test_image_uploaded_by_a_is_invisible_to_b(self, client, scene):
        Image = get_image_model()
        image = Image.objects.create(
            title="Zdjęcie tylko Alfa", collection=scene.a.subtree.collection, file=png_file("alfa.png")
        )
        client.force_login(scene.b.editor)
        assert b"Zdj\xc4\x99cie tylko Alfa" not in client.get(reverse("wagtailimages_chooser:choose")).content
        assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code in (302, 403, 404)
