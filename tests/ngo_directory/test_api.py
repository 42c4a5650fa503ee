"""The organisations API: the directory's filters, detail, no drafts, no private data, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ngo_directory.factories import NGOProfilePageFactory
from tests.ngo_directory.conftest import bulk_organisations

pytestmark = pytest.mark.django_db

LIST_URL = "/api/cop/v1/organizacje/"
API_QUERY_BUDGET = 6
# /api/v2/images/: view restrictions (3), private pages, count, page of images, their tags (measured 8).
IMAGES_API_QUERY_BUDGET = 8


@pytest.fixture
def published(directory, areas):
    orlik = NGOProfilePageFactory(
        parent=directory,
        title="UKS Orlik",
        slug="orlik",
        is_opp=True,
        district="leszczyny",
        contact_person_name="Piotr Trener",
        contact_person_email="piotr.trener@example.org",
    )
    orlik.areas.add(areas["sport"])
    orlik.save_revision().publish()
    kgw = NGOProfilePageFactory(
        parent=directory, title="KGW Palowice", slug="kgw", legal_form="kgw", krs="", district="palowice"
    )
    draft = NGOProfilePageFactory(parent=directory, title="Szkic w API", slug="szkic", live=False)
    return orlik, kgw, draft


def test_list_has_only_live_profiles_and_the_directory_filters(client, published):
    orlik, kgw, draft = published
    data = client.get(LIST_URL).json()
    assert data["count"] == 2
    assert [item["title"] for item in data["items"]] == ["KGW Palowice", "UKS Orlik"]
    assert [i["title"] for i in client.get(LIST_URL, {"obszar": "sport"}).json()["items"]] == ["UKS Orlik"]
    assert [i["title"] for i in client.get(LIST_URL, {"dzielnica": "palowice"}).json()["items"]] == [
        "KGW Palowice"
    ]
    assert [i["title"] for i in client.get(LIST_URL, {"forma": "kgw"}).json()["items"]] == ["KGW Palowice"]
    assert [i["title"] for i in client.get(LIST_URL, {"opp": "true"}).json()["items"]] == ["UKS Orlik"]
    assert [i["title"] for i in client.get(LIST_URL, {"q": "orlik"}).json()["items"]] == ["UKS Orlik"]
    assert client.get(LIST_URL, {"dzielnica": "warszawa"}).status_code == 422
    assert client.get(LIST_URL, {"limit": 1000}).status_code == 400
    item = client.get(LIST_URL, {"obszar": "sport"}).json()["items"][0]
    assert item["areas"] == [{"slug": "sport", "name": "Sport i rekreacja"}]
    assert item["krs"] == orlik.krs and item["district_label"] == "Leszczyny"


def test_detail_hides_contact_person_unless_public_and_drafts_are_404(client, published):
    orlik, _kgw, draft = published
    detail = client.get(f"{LIST_URL}{orlik.pk}/").json()
    assert detail["contact_person"] is None
    assert "piotr.trener@example.org" not in str(detail)
    orlik.contact_person_public = True
    orlik.save_revision().publish()
    detail = client.get(f"{LIST_URL}{orlik.pk}/").json()
    assert detail["contact_person"]["email"] == "piotr.trener@example.org"
    assert client.get(f"{LIST_URL}{draft.pk}/").status_code == 404
    list_body = client.get(LIST_URL).content.decode()
    assert "Szkic w API" not in list_body and "piotr.trener" not in list_body


def test_openapi_schema_documents_the_endpoints(client):
    schema = client.get("/api/cop/v1/openapi.json").json()
    assert "/api/cop/v1/organizacje/" in schema["paths"]
    assert "/api/cop/v1/organizacje/{organisation_id}/" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/cop/v1/organizacje/"]["get"]["parameters"]}
    assert {"q", "obszar", "dzielnica", "forma", "opp", "limit", "offset"} <= parameters


def test_constant_query_count_from_10_to_5000(client, directory, areas, django_assert_max_num_queries):
    bulk_organisations(directory, 10, areas=[areas["sport"]])
    urls = [LIST_URL, f"{LIST_URL}?obszar=sport&dzielnica=belk", f"{LIST_URL}?opp=true&limit=100"]
    client.get(LIST_URL)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = [count(url) for url in urls]
    bulk_organisations(directory, 4990, areas=[areas["sport"]], start=10)
    assert [count(url) for url in urls] == small
    with django_assert_max_num_queries(API_QUERY_BUDGET):
        data = client.get(LIST_URL, {"limit": 100, "offset": 4000}).json()
    assert data["count"] == 5000 and len(data["items"]) == 100


def test_changes_waiting_for_moderation_never_reach_either_api(client, published):
    """An NGO's submitted draft (new title, public contact person) stays out until COP approves it."""
    orlik, _kgw, _draft = published
    orlik.title = "UKS Orlik – szkic przed akceptacją"
    orlik.contact_person_public = True
    orlik.save_revision()
    bodies = [
        client.get(LIST_URL).content.decode(),
        client.get(f"{LIST_URL}{orlik.pk}/").content.decode(),
        client.get(
            "/api/v2/pages/", {"type": "ngo_directory.NGOProfilePage", "fields": "*"}
        ).content.decode(),
        client.get(f"/api/v2/pages/{orlik.pk}/").content.decode(),
    ]
    for body in bodies:
        assert "UKS Orlik" in body
        assert "szkic przed akceptacją" not in body
        assert "Piotr Trener" not in body and "piotr.trener@example.org" not in body


def test_wagtail_api_v2_never_lists_contact_person_or_draft_profiles(client, published):
    _orlik, _kgw, draft = published
    response = client.get(
        "/api/v2/pages/", {"type": "ngo_directory.NGOProfilePage", "fields": "*", "limit": 100}
    )
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert sorted(titles) == ["KGW Palowice", "UKS Orlik"]
    assert "contact_person" not in response.content.decode()
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    # contact-person fields cannot be requested or filtered on either
    assert (
        client.get(
            "/api/v2/pages/", {"type": "ngo_directory.NGOProfilePage", "fields": "contact_person_email"}
        ).status_code
        == 400
    )
    assert (
        client.get(
            "/api/v2/pages/",
            {"type": "ngo_directory.NGOProfilePage", "contact_person_email": "piotr.trener@example.org"},
        ).status_code
        == 400
    )


# Wagtail API v2: images and documents of organisations --------------------------------------------


def upload_image(title, collection):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    return get_image_model().objects.create(title=title, file=get_test_image_file(), collection=collection)


def upload_document(title, collection):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title, collection=collection)
    document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 " + title.encode()), save=False)
    document.save()
    return document


def listed(client, endpoint):
    return {item["title"] for item in client.get(f"/api/v2/{endpoint}/", {"limit": 100}).json()["items"]}


def test_images_of_an_organisation_appear_only_once_a_live_public_page_shows_them(
    client, ngo_a, directory, django_capture_on_commit_callbacks
):
    from wagtail.models import Collection, PageViewRestriction

    from ngo_directory.models import NGOGalleryImage

    collection = ngo_a.subtree.collection
    logo = upload_image("Logo Alfa", collection)
    in_draft = upload_image("Zdjęcie w szkicu", collection)
    on_private = upload_image("Zdjęcie na stronie prywatnej", collection)
    unused = upload_image("Zdjęcie niewykorzystane", collection)
    shared = upload_image("Rynek w Czerwionce", Collection.get_first_root_node())
    logo.tags.add("logo", "Alfa")

    # The published profile shows its logo; a later draft (waiting for COP) adds a gallery photo.
    with django_capture_on_commit_callbacks(execute=True):
        profile = ngo_a.page
        profile.logo = logo
        profile.save_revision().publish()
        profile.gallery_images = [NGOGalleryImage(image=in_draft, caption="Festyn")]
        profile.save_revision()
        # Another organisation's private page (visible only to logged-in users) with its own photo.
        private = NGOProfilePageFactory(
            parent=directory, title="Koło Prywatne", slug="prywatne", logo=on_private
        )
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        # A never-published profile using the "unused" one is still a draft.
        NGOProfilePageFactory(
            parent=directory, title="Szkic z logo", slug="szkic-logo", live=False, logo=unused
        )

    titles = listed(client, "images")
    assert {"Logo Alfa", "Rynek w Czerwionce"} <= titles
    assert not titles & {"Zdjęcie w szkicu", "Zdjęcie na stronie prywatnej", "Zdjęcie niewykorzystane"}
    for image in (in_draft, on_private, unused):
        assert client.get(f"/api/v2/images/{image.pk}/").status_code == 404, image.title
    for image in (logo, shared):
        detail = client.get(f"/api/v2/images/{image.pk}/")
        assert detail.status_code == 200 and detail.json()["title"] == image.title
    assert client.get(f"/api/v2/images/{logo.pk}/").json()["meta"]["tags"] == ["Alfa", "logo"]

    # COP approves the change: the gallery photo is published and the API shows it from then on.
    with django_capture_on_commit_callbacks(execute=True):
        profile.get_latest_revision().publish()
    assert "Zdjęcie w szkicu" in listed(client, "images")
    assert client.get(f"/api/v2/images/{in_draft.pk}/").status_code == 200


def test_documents_of_an_organisation_follow_the_same_rule(
    client, ngo_a, admin_user, django_capture_on_commit_callbacks
):
    from ngo_directory.models import NGODocument

    collection = ngo_a.subtree.collection
    report = upload_document("Sprawozdanie 2025", collection)
    draft_only = upload_document("Projekt statutu", collection)
    with django_capture_on_commit_callbacks(execute=True):
        profile = ngo_a.page
        profile.documents = [NGODocument(document=report, kind="sprawozdanie_merytoryczne", year=2025)]
        profile.save_revision().publish()
        profile.documents = [
            NGODocument(document=report, kind="sprawozdanie_merytoryczne", year=2025),
            NGODocument(document=draft_only, kind="statut", year=2026),
        ]
        profile.save_revision()
    assert listed(client, "documents") == {"Sprawozdanie 2025"}
    assert client.get(f"/api/v2/documents/{draft_only.pk}/").status_code == 404
    # Logged in (even as an administrator) the API still shows only what the public sees.
    client.force_login(admin_user)
    assert client.get(f"/api/v2/documents/{draft_only.pk}/").status_code == 404
    assert client.get(f"/api/v2/documents/{report.pk}/").status_code == 200


def test_images_listing_queries_do_not_grow_with_organisations(
    client, directory, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from wagtail.models import Collection

    from ngo_directory.services import give_ngo_subtree

    def add(count, start):
        with django_capture_on_commit_callbacks(execute=True):
            for i in range(start, start + count):
                page = NGOProfilePageFactory(parent=directory, title=f"Organizacja {i}", slug=f"org-{i}")
                collection = give_ngo_subtree(page).collection
                page.logo = upload_image(f"Logo {i}", collection)
                page.save_revision().publish()
                upload_image(f"Szkic {i}", collection)
                upload_image(f"Wspólne {i}", Collection.get_first_root_node())

    add(1, 0)
    client.get("/api/v2/images/")  # content types cached
    with django_assert_max_num_queries(IMAGES_API_QUERY_BUDGET):
        small = client.get("/api/v2/images/", {"limit": 100}).json()
    add(6, 1)
    with django_assert_max_num_queries(IMAGES_API_QUERY_BUDGET):
        large = client.get("/api/v2/images/", {"limit": 100}).json()
    assert small["meta"]["total_count"] == 2 and large["meta"]["total_count"] == 14
    assert not any(item["title"].startswith("Szkic") for item in large["items"])
