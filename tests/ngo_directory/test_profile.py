"""NGOProfilePage: registry numbers, uniqueness, page rules, public page, JSON-LD, personal data."""

import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from ngo_directory.factories import NGOProfilePageFactory, valid_nip, valid_regon
from ngo_directory.models import NGODirectoryPage, NGOProfilePage, TaxCampaignPage

pytestmark = pytest.mark.django_db


def errors_of(page, directory):
    """The field errors when ``page`` is added to ``directory`` (nothing is saved)."""
    with pytest.raises(ValidationError) as caught:
        directory.add_child(instance=page)
    assert not NGOProfilePage.objects.filter(slug=page.slug).exists()
    return caught.value.message_dict


class TestRegistryNumbers:
    def test_valid_numbers_are_accepted_and_stored_compact(self, directory):
        page = NGOProfilePageFactory.build(
            nip=f"{valid_nip(3)[:3]}-{valid_nip(3)[3:6]}-{valid_nip(3)[6:8]}-{valid_nip(3)[8:]}"[:13],
            regon=valid_regon(4),
            krs="0000123456",
        )
        directory.add_child(instance=page)
        page.refresh_from_db()
        assert page.nip == valid_nip(3)
        assert page.krs == "0000123456"

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("nip", "1234567890", "To nie jest poprawny NIP"),
            ("regon", "123456789", "To nie jest poprawny REGON"),
            ("krs", "12345", "Numer KRS ma dokładnie 10 cyfr"),
            ("krs", "00001234AB", "Numer KRS ma dokładnie 10 cyfr"),
        ],
    )
    def test_wrong_checksum_or_length_gives_a_polish_message(self, directory, field, value, message):
        page = NGOProfilePageFactory.build(**{field: value})
        assert message in " ".join(errors_of(page, directory)[field])

    def test_krs_and_nip_are_unique_across_the_directory(self, directory):
        first = NGOProfilePageFactory(parent=directory)
        copy = NGOProfilePageFactory.build(krs=first.krs, nip=first.nip)
        errors = errors_of(copy, directory)
        assert "KRS jest już w bazie" in errors["krs"][0]
        assert "NIP jest już w bazie" in errors["nip"][0]

    def test_association_needs_krs_and_opp_needs_krs(self, directory):
        page = NGOProfilePageFactory.build(krs="", legal_form="stowarzyszenie")
        assert "mają numer KRS" in errors_of(page, directory)["krs"][0]
        kgw = NGOProfilePageFactory.build(krs="", legal_form="kgw", is_opp=True)
        assert "pożytku publicznego" in errors_of(kgw, directory)["krs"][0]
        kgw.is_opp = False
        directory.add_child(instance=kgw)
        assert kgw.pk

    def test_staff_cannot_copy_a_profile_into_a_duplicate(self, staff_client, directory):
        from django.urls import reverse

        original = NGOProfilePageFactory(parent=directory)
        response = staff_client.post(
            reverse("wagtailadmin_pages:copy", args=[original.pk]),
            {"new_title": "Kopia", "new_slug": "kopia", "new_parent_page": directory.pk},
            follow=True,
        )
        assert response.status_code == 200
        assert "nie kopiujemy" in response.content.decode()
        assert not NGOProfilePage.objects.filter(slug="kopia").exists()


class TestPageRules(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertCanCreateAt(HomePage, NGODirectoryPage)
        self.assertCanCreateAt(NGODirectoryPage, NGOProfilePage)
        self.assertCanNotCreateAt(HomePage, NGOProfilePage)
        self.assertCanNotCreateAt(StandardPage, NGOProfilePage)
        self.assertCanCreateAt(HomePage, TaxCampaignPage)
        self.assertCanNotCreateAt(NGOProfilePage, NGOProfilePage)


class TestPublicProfile:
    def test_shows_contact_areas_documents_and_hides_private_contact_person(self, client, directory, areas):
        page = NGOProfilePageFactory(
            parent=directory,
            title="Stowarzyszenie Przyjaciół Bełku",
            slug="przyjaciele-belku",
            district="belk",
            is_opp=True,
            opp_goal="remont świetlicy",
            phone="32 431 00 00",
            latitude=Decimal("50.123456"),
            longitude=Decimal("18.654321"),
            contact_person_name="Maria Kowalska",
            contact_person_email="maria.kowalska@example.org",
        )
        page.areas.add(areas["kultura"])
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        assert "Stowarzyszenie Przyjaciół Bełku" in html
        assert "Bełk" in html and "Kultura i tradycja" in html
        assert "32 431 00 00" in html and page.krs in html
        assert "remont świetlicy" in html
        assert "Maria Kowalska" not in html and "maria.kowalska@example.org" not in html
        page.contact_person_public = True
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        assert "Maria Kowalska" in html

    def test_json_ld_is_an_ngo_with_identifiers_address_geo(self, client, directory):
        page = NGOProfilePageFactory(
            parent=directory,
            website="https://przyklad.example.org",
            facebook_url="https://facebook.com/przyklad",
            latitude=Decimal("50.1"),
            longitude=Decimal("18.6"),
        )
        html = client.get(page.url).content.decode()
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = next(json.loads(block) for block in blocks if '"NGO"' in block)
        assert data["@type"] == "NGO"
        assert data["taxID"] == page.nip
        assert {item["propertyID"]: item["value"] for item in data["identifier"]} == {
            "KRS": page.krs,
            "NIP": page.nip,
            "REGON": page.regon,
        }
        assert data["address"]["postalCode"] == "44-230"
        assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 50.1, "longitude": 18.6}
        assert data["sameAs"] == ["https://przyklad.example.org", "https://facebook.com/przyklad"]

    def test_gallery_and_documents_are_shown(self, client, directory):
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.images.tests.utils import get_test_image_file

        from ngo_directory.models import NGODocument, NGOGalleryImage

        page = NGOProfilePageFactory(parent=directory, slug="z-galeria")
        image = get_image_model().objects.create(title="Festyn", file=get_test_image_file(size=(800, 600)))
        statute = get_document_model()(title="Statut stowarzyszenia")
        statute.file.save("statut.pdf", ContentFile(b"%PDF-1.4 statut"), save=False)
        statute.save()
        page.gallery_images = [NGOGalleryImage(image=image, caption="Festyn rodzinny w Bełku")]
        page.documents = [NGODocument(document=statute, kind="sprawozdanie_merytoryczne", year=2025)]
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        assert 'alt="Festyn rodzinny w Bełku"' in html
        assert f'href="{statute.url}">Statut stowarzyszenia</a>' in html
        assert "sprawozdanie merytoryczne, 2025, PDF" in html

    def test_query_budget_does_not_grow_with_gallery_documents_and_areas(self, cold_get, directory, areas):
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.images.tests.utils import get_test_image_file

        from ngo_directory.models import NGODocument, NGOGalleryImage

        page = NGOProfilePageFactory(parent=directory, slug="z-galeria")

        def publish_with(count):
            images, documents = [], []
            for number in range(count):
                image = get_image_model().objects.create(
                    title=f"Zdjęcie {number}", file=get_test_image_file(size=(600, 400))
                )
                images.append(NGOGalleryImage(image=image, caption=f"Podpis {number}"))
                document = get_document_model()(title=f"Sprawozdanie {number}")
                document.file.save(f"sprawozdanie-{number}.pdf", ContentFile(b"%PDF-1.4"), save=False)
                document.save()
                documents.append(NGODocument(document=document, kind="sprawozdanie_merytoryczne", year=2020))
            page.gallery_images = images
            page.documents = documents
            page.areas = list(areas.values())[: min(count, len(areas))]
            page.save_revision().publish()
            response, queries = cold_get(page.url)
            html = response.content.decode()
            assert f'alt="Podpis {count - 1}"' in html and f">Sprawozdanie {count - 1}</a>" in html
            return queries

        few = publish_with(1)
        many = publish_with(6)
        # Site, routing (the directory is walked through, not loaded), the profile, the layout's pages,
        # areas, gallery with images, their renditions, documents with files.
        assert len(few) == len(many) <= 12
        assert not [q for q in many if 'FROM "ngo_directory_ngodirectorypage"' in q["sql"]]

    def test_draft_profile_is_not_public(self, client, directory):
        page = NGOProfilePageFactory(parent=directory, live=False, slug="szkic")
        assert client.get("/organizacje/szkic/").status_code == 404
        assert Page.objects.filter(pk=page.pk).exists()


def test_every_field_an_editor_fills_in_has_a_polish_help_text():
    """Issue 3: Polish help text on every field of the profile, its gallery, documents, areas and requests."""
    from wagtail.models import Page

    from ngo_directory.models import AreaOfActivity, NGODocument, NGOGalleryImage, OnboardingRequest

    page_fields = {field.name for field in Page._meta.get_fields()}
    missing = []
    for model in (
        NGOProfilePage,
        NGODirectoryPage,
        TaxCampaignPage,
        NGOGalleryImage,
        NGODocument,
        AreaOfActivity,
    ):
        for field in model._meta.get_fields():
            if field.name in page_fields or field.auto_created or not getattr(field, "editable", False):
                continue
            if field.name in {"page", "sort_order", "page_ptr"}:
                continue
            if not str(field.help_text).strip():
                missing.append(f"{model.__name__}.{field.name}")
    from ngo_directory.forms import OnboardingForm

    for name in OnboardingForm.Meta.fields:
        if not str(OnboardingRequest._meta.get_field(name).help_text):
            missing.append(f"OnboardingRequest.{name}")
    assert not missing, missing
