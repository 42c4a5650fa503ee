"""Demo content of the directory: realistic organisations with valid numbers and working editor accounts."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from stdnum.pl import nip, regon

from home.editors import subtrees_of
from home.models import NavigationSettings
from ngo_directory.models import NGODirectoryPage, NGOProfilePage, OnboardingRequest, TaxCampaignPage


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_organisations_editors_and_menu(capsys, client):
    call_command("load_demo_content")
    output = capsys.readouterr().out
    organisations = NGOProfilePage.objects.live()
    assert organisations.count() >= 12
    assert len(set(organisations.values_list("district", flat=True))) >= 8
    assert organisations.filter(is_opp=True).count() >= 4
    for page in organisations:
        assert nip.is_valid(page.nip) and regon.is_valid(page.regon)
        assert page.krs == "" or (len(page.krs) == 10 and page.krs.isdigit())
        assert page.areas.exists()
    assert OnboardingRequest.objects.filter(status="pending").count() == 1
    orlik = NGOProfilePage.objects.get(slug="uks-orlik")
    assert "ngo-uks-orlik" in output and "ngo-demo-2026" in output
    assert client.login(username="ngo-uks-orlik", password="ngo-demo-2026")
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(username="ngo-uks-orlik")
    assert [subtree.page.pk for subtree in subtrees_of(editor)] == [orlik.pk]
    assert client.get(f"/admin/pages/{orlik.pk}/edit/").status_code == 200
    other = NGOProfilePage.objects.get(slug="amazonki")
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403)
    menu_pages = {
        item.value["page"].pk for item in NavigationSettings.objects.get().main_menu if item.value["page"]
    }
    assert {NGODirectoryPage.objects.get().pk, TaxCampaignPage.objects.get().pk} <= menu_pages
