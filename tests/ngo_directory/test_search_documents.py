"""The directory search's own documents (PostgreSQL) and the capped count of broad searches."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from ngo_directory.factories import NGOProfilePageFactory
from ngo_directory.models import NGOSearchDocument
from ngo_directory.models import pages as directory_pages
from tests.ngo_directory.conftest import bulk_organisations

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'class="ngo-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def search(client, directory, query):
    return titles(client.get(directory.url, {"q": query}))


@pytest.mark.postgres
class TestSearchDocuments:
    def test_published_text_is_searchable_and_follows_every_publish(self, client, directory, areas):
        page = NGOProfilePageFactory(parent=directory, title="Stowarzyszenie Żurawie", slug="zurawie")
        page.areas.add(areas["seniorzy"])
        page.save_revision().publish()
        assert search(client, directory, "zurawie seniorzy") == ["Stowarzyszenie Żurawie"]

        # a draft is not public: its words are not searchable until it is published
        page.title = "Stowarzyszenie Czaple"
        page.save_revision()
        assert search(client, directory, "czaple") == []
        assert search(client, directory, "zurawie") == ["Stowarzyszenie Żurawie"]

        page.get_latest_revision().publish()
        assert search(client, directory, "czaple") == ["Stowarzyszenie Czaple"]
        assert search(client, directory, "zurawie") == []

        page.refresh_from_db()
        page.unpublish()
        assert search(client, directory, "czaple") == []

    def test_deleting_a_profile_deletes_its_document(self, directory):
        page = NGOProfilePageFactory(parent=directory, title="Fundacja Do Usunięcia", slug="usun")
        page.save_revision().publish()
        assert NGOSearchDocument.objects.filter(page_id=page.pk).exists()
        page.delete()
        assert not NGOSearchDocument.objects.filter(page_id=page.pk).exists()

    def test_refresh_command_rebuilds_missing_documents(self, client, directory):
        bulk_organisations(directory, 3)  # raw inserts: no document yet
        assert search(client, directory, "masowa") == []
        call_command("refresh_directory_search", stdout=StringIO())
        assert search(client, directory, "masowa") == [
            "Organizacja masowa 0",
            "Organizacja masowa 1",
            "Organizacja masowa 2",
        ]


class TestCappedCount:
    @pytest.fixture
    def many(self, directory, areas, monkeypatch):
        monkeypatch.setattr(directory_pages, "SEARCH_COUNT_CAP", 25)
        bulk_organisations(directory, 30, areas=[areas["sport"]])
        call_command("refresh_directory_search", stdout=StringIO())
        for number in (3, 4):  # two more found by a narrower query
            page = NGOProfilePageFactory(
                parent=directory, title=f"Klub Rzadki {number}", slug=f"rzadki-{number}"
            )
            page.save_revision().publish()

    def test_a_broad_search_counts_up_to_the_cap_and_says_so(self, client, directory, many):
        # SQLite searches through Wagtail's index, which raw inserts skip: index them like a deploy would
        call_command("update_index", stdout=StringIO(), stderr=StringIO())
        html = client.get(directory.url, {"q": "organizacja"}).content.decode()
        assert "Organizacje: ponad 25" in html and "zawęzić" in html
        assert "Strona 1 z 2" in html  # 25 counted, 20 per page
        last = client.get(directory.url, {"q": "organizacja", "strona": 2})
        assert len(titles(last)) == 5
        # a query under the cap, and the unfiltered listing, are counted exactly
        assert re.search(r"Organizacje: 2\s*<", client.get(directory.url, {"q": "rzadki"}).content.decode())
        assert re.search(r"Organizacje: 32\s*<", client.get(directory.url).content.decode())
