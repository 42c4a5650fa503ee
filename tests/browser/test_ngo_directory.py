"""The directory's map when the map tiles cannot load, and the 1.5% page's copy-KRS button, in Chromium."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from ngo_directory.factories import NGODirectoryPageFactory, NGOProfilePageFactory, TaxCampaignPageFactory


@pytest.mark.django_db(transaction=True)
def test_map_without_tiles_and_copy_krs(chromium, live_server, live_home_page):
    directory = NGODirectoryPageFactory(parent=live_home_page)
    orlik = NGOProfilePageFactory(
        parent=directory,
        title="UKS Orlik",
        slug="orlik",
        is_opp=True,
        opp_goal="obozy sportowe",
        latitude=Decimal("50.158"),
        longitude=Decimal("18.686"),
    )
    NGOProfilePageFactory(
        parent=directory,
        title="KGW Palowice",
        slug="kgw",
        latitude=Decimal("50.12"),
        longitude=Decimal("18.61"),
    )
    campaign = TaxCampaignPageFactory(parent=live_home_page)

    context = chromium.new_context(base_url=live_server.url, locale="pl-PL")
    context.set_default_timeout(20_000)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    # Record what the page writes to the clipboard. Reading the clipboard back (readText) can wait forever
    # when the headless tab has no focus (two browsers side by side under pytest-xdist), and evaluate()
    # has no timeout, so the test checks what was written instead.
    context.add_init_script(
        """if (navigator.clipboard) {
             navigator.clipboard.writeText = (text) => { window.copiedText = text; return Promise.resolve(); };
           }"""
    )
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    # The tile server is down (or blocked): every tile request fails at once.
    tab.route("https://tile.openstreetmap.org/**", lambda route: route.abort())

    tab.goto(directory.url)
    section = tab.locator("[data-ngo-map]")
    expect(section).to_be_visible()
    expect(tab.locator(".leaflet-marker-icon")).to_have_count(2)
    expect(tab.locator("[data-ngo-map-error]")).to_be_visible()
    # The markers still work, and the list below is complete.
    tab.locator('.leaflet-marker-icon[title="UKS Orlik"]').click()
    expect(tab.locator(".leaflet-popup").get_by_role("link", name="UKS Orlik")).to_be_visible()
    expect(tab.locator(".ngo-card__title")).to_have_count(2)
    assert not errors, errors

    tab.goto(campaign.url)
    krs = tab.locator(f"#krs-{orlik.pk}")
    expect(krs).to_have_text(orlik.krs)
    button = tab.get_by_role("button", name=f"Kopiuj numer KRS organizacji {orlik.title}")
    expect(button).to_be_visible()
    button.click()
    expect(tab.locator("[data-copy-status]")).to_have_text(f"Skopiowano numer KRS {orlik.krs}.")
    assert tab.evaluate("window.copiedText") == orlik.krs
    assert not errors, errors
    context.close()
