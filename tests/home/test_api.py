"""The headless APIs: Wagtail's API v2 and the domain API (django-ninja, OpenAPI)."""

import pytest
from wagtail.models import PageViewRestriction

from home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory

API = "/api/cop/v1"


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.mark.django_db
class TestDomainAPI:
    def test_openapi_schema_documents_the_endpoints(self, client, home_page):
        schema = client.get(f"{API}/openapi.json").json()
        assert schema["openapi"].startswith("3.")
        assert {"/api/cop/v1/news/", "/api/cop/v1/news/{news_id}/", "/api/cop/v1/site/"} <= set(
            schema["paths"]
        )
        assert client.get(f"{API}/docs/").status_code == 200

    def test_news_list_and_detail(self, client, news_index):
        old = NewsPageFactory(parent=news_index, title="Stara", date="2026-01-10")
        new = NewsPageFactory(
            parent=news_index,
            title="Nowa",
            date="2026-11-10",
            body=[{"type": "paragraph", "value": "<p>Treść</p>"}],
        )
        data = client.get(f"{API}/news/").json()
        assert data["count"] == 2
        assert [item["title"] for item in data["items"]] == ["Nowa", "Stara"]
        assert data["items"][0]["url"] == f"http://testserver{new.url}"
        detail = client.get(f"{API}/news/{new.pk}/").json()
        assert "<p>Treść</p>" in detail["body_html"]
        filtered = client.get(f"{API}/news/", {"date_to": "2026-06-01"}).json()
        assert [item["id"] for item in filtered["items"]] == [old.pk]

    def test_search_filter(self, client, news_index):
        NewsPageFactory(parent=news_index, title="Dzień Wolontariusza")
        NewsPageFactory(parent=news_index, title="Kampania podatkowa")
        data = client.get(f"{API}/news/", {"search": "wolontariusza"}).json()
        assert [item["title"] for item in data["items"]] == ["Dzień Wolontariusza"]
        assert client.get(f"{API}/news/", {"search": '"AND ('}).status_code == 200

    def test_drafts_and_private_pages_never_appear(self, client, news_index):
        draft = NewsPageFactory(parent=news_index, title="Szkic", live=False)
        private = NewsPageFactory(parent=news_index, title="Prywatna")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        public = NewsPageFactory(parent=news_index, title="Publiczna")
        ids = [item["id"] for item in client.get(f"{API}/news/").json()["items"]]
        assert ids == [public.pk]
        assert client.get(f"{API}/news/{draft.pk}/").status_code == 404
        assert client.get(f"{API}/news/{private.pk}/").status_code == 404

    def test_pagination_limits(self, client, news_index):
        NewsPageFactory.create_batch(5, parent=news_index)
        data = client.get(f"{API}/news/", {"limit": 2, "offset": 4}).json()
        assert data["count"] == 5 and len(data["items"]) == 1
        assert client.get(f"{API}/news/", {"limit": 101}).status_code == 400
        assert client.get(f"{API}/news/", {"limit": 0}).status_code == 422

    def test_site_info(self, client, home_page):
        data = client.get(f"{API}/site/").json()
        assert data["street"] == "ul. 3-go Maja 19" and data["postal_code"] == "43-230"

    def test_news_list_query_budget_is_constant(self, client, news_index, django_assert_num_queries):
        NewsPageFactory.create_batch(3, parent=news_index)
        client.get(f"{API}/news/")
        with django_assert_num_queries(3):
            client.get(f"{API}/news/")
        NewsPageFactory.create_batch(40, parent=news_index)
        with django_assert_num_queries(3):
            assert client.get(f"{API}/news/").json()["count"] == 43


@pytest.mark.django_db
class TestWagtailAPIv2:
    def test_pages_images_documents_endpoints(self, client, news_index):
        NewsPageFactory(parent=news_index, title="Aktualność API")
        titles = [p["title"] for p in client.get("/api/v2/pages/").json()["items"]]
        assert "Aktualność API" in titles
        assert client.get("/api/v2/images/").status_code == 200
        assert client.get("/api/v2/documents/").status_code == 200

    def test_drafts_and_private_pages_never_appear(self, client, home_page):
        StandardPageFactory(parent=home_page, title="Szkic v2", live=False)
        private = StandardPageFactory(parent=home_page, title="Prywatna v2")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        child = StandardPageFactory(parent=private, title="Pod prywatną v2")
        titles = [p["title"] for p in client.get("/api/v2/pages/", {"limit": 100}).json()["items"]]
        assert "Szkic v2" not in titles and "Prywatna v2" not in titles and "Pod prywatną v2" not in titles
        assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404
        assert client.get(f"/api/v2/pages/{child.pk}/").status_code == 404

    def test_find_by_path_never_reaches_drafts_or_private_pages(self, client, home_page):
        StandardPageFactory(parent=home_page, title="Szkic do znalezienia", slug="szkic-find", live=False)
        private = StandardPageFactory(parent=home_page, title="Prywatna do znalezienia", slug="prywatna-find")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        public = StandardPageFactory(parent=home_page, title="Publiczna", slug="publiczna-find")
        for path in ("/szkic-find/", "/prywatna-find/"):
            response = client.get("/api/v2/pages/find/", {"html_path": path}, follow=True)
            assert response.status_code == 404, path
        found = client.get("/api/v2/pages/find/", {"html_path": "/publiczna-find/"}, follow=True)
        assert found.json()["id"] == public.pk

    def test_private_pages_hidden_even_for_logged_in_users(self, client, admin_user, home_page):
        private = StandardPageFactory(parent=home_page, title="Prywatna dla zalogowanych")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        client.force_login(admin_user)
        assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404

    def test_documents_in_private_collections_never_appear(self, client, home_page):
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model
        from wagtail.models import Collection, CollectionViewRestriction

        Document = get_document_model()
        root = Collection.get_first_root_node()
        private = root.add_child(name="Dokumenty wewnętrzne")
        CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
        hidden = Document(title="Protokół zarządu", collection=private)
        hidden.file.save("protokol.txt", ContentFile(b"poufne"), save=False)
        hidden.save()
        public = Document(title="Regulamin projektu", collection=root)
        public.file.save("regulamin.txt", ContentFile(b"jawne"), save=False)
        public.save()
        titles = [item["title"] for item in client.get("/api/v2/documents/").json()["items"]]
        assert titles == ["Regulamin projektu"]
        assert client.get(f"/api/v2/documents/{hidden.pk}/").status_code == 404
        assert client.get(f"/api/v2/documents/{public.pk}/").status_code == 200
