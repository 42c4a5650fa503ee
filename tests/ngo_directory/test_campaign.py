"""„Przekaż 1,5% podatku”: generated from the directory (published OPP organisations with a KRS)."""

import pytest

from ngo_directory.factories import NGOProfilePageFactory, TaxCampaignPageFactory

pytestmark = pytest.mark.django_db


def test_lists_published_opp_organisations_with_krs_and_copy_button(client, home_page, directory):
    opp = NGOProfilePageFactory(
        parent=directory, title="Fundacja Pomocna Dłoń", is_opp=True, opp_goal="leczenie dzieci"
    )
    NGOProfilePageFactory(parent=directory, title="Stowarzyszenie Bez Statusu", is_opp=False)
    NGOProfilePageFactory(parent=directory, title="Szkic OPP", is_opp=True, live=False)
    campaign = TaxCampaignPageFactory(parent=home_page)
    html = client.get(campaign.url).content.decode()
    assert "Fundacja Pomocna Dłoń" in html and opp.krs in html and "leczenie dzieci" in html
    assert "Stowarzyszenie Bez Statusu" not in html and "Szkic OPP" not in html
    # the KRS is plain text; the copy button is hidden until the script shows it
    assert f'<span class="krs" id="krs-{opp.pk}">{opp.krs}</span>' in html
    assert f'data-copy-target="krs-{opp.pk}" hidden' in html
    assert "/static/js/copy-krs.js" in html
    assert "Jak przekazać 1,5% podatku" in html and "PIT" in html


def test_query_count_does_not_grow_with_organisations(
    client, home_page, directory, django_assert_max_num_queries
):
    campaign = TaxCampaignPageFactory(parent=home_page)
    for _n in range(3):
        NGOProfilePageFactory(parent=directory, is_opp=True)
    client.get(campaign.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(campaign.url)
    for _n in range(12):
        NGOProfilePageFactory(parent=directory, is_opp=True)
    with CaptureQueriesContext(connection) as large:
        client.get(campaign.url)
    assert len(small) == len(large)
