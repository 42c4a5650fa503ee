"""The organisation picker of the request forms in Chromium: type part of a name (no Polish letters),
move through the suggestions with the keyboard, choose with Enter, submit; the request names that
organisation. Escape closes the list, and the state is exposed the ARIA 1.2 combobox way."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from booking.factories import RoomFactory, RoomsPageFactory
from booking.models import BookingRequest
from ngo_directory.factories import NGODirectoryPageFactory, NGOProfilePageFactory


@pytest.mark.django_db(transaction=True)
def test_keyboard_user_finds_chooses_and_submits_an_organisation(browser_page, live_home_page):
    rooms_page = RoomsPageFactory(parent=live_home_page)
    RoomFactory(name="Sala konferencyjna", slug="sala-konferencyjna", capacity=30)
    directory = NGODirectoryPageFactory(parent=live_home_page)
    NGOProfilePageFactory(
        parent=directory, title="Koło Gospodyń Wiejskich w Bełku", slug="kgw", legal_form="kgw", krs=""
    )
    NGOProfilePageFactory(parent=directory, title="Klub Sportowy Orlik", slug="orlik", city="Czerwionka")
    junior = NGOProfilePageFactory(
        parent=directory, title="Klub Sportowy Orlik Junior", slug="orlik-junior", city="Leszczyny"
    )
    NGOProfilePageFactory(parent=directory, title="Klub Szkicowy", slug="szkic", live=False)
    today = timezone.localdate()
    day = today + datetime.timedelta(days=(2 - today.weekday()) % 7 + 7)

    page = browser_page
    page.goto(f"{rooms_page.url}rezerwacja/?sala=sala-konferencyjna")
    page.fill("#id_requester_name", "Anna Trenerka")
    page.fill("#id_requester_email", "anna@example.org")
    page.fill("#id_requester_phone", "600 700 800")
    page.get_by_label("Organizacja z bazy organizacji").check()

    combobox = page.get_by_role("combobox", name="Organizacja")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    listbox = page.get_by_role("listbox")
    status = page.locator(".org-picker [role=status]")

    # No Polish letters typed, the last word cut short: the list opens with the one match.
    combobox.press_sequentially("kolo gosp")
    expect(combobox).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option")).to_contain_text("Koło Gospodyń Wiejskich w Bełku")
    expect(status).to_have_text(re.compile(r"^1 organizacja pasuje\."))
    assert combobox.get_attribute("aria-controls") == listbox.get_attribute("id")
    combobox.press("Escape")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    assert combobox.input_value() == "kolo gosp"

    combobox.fill("")
    combobox.press_sequentially("klub spo")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)  # the unpublished club is never suggested
    expect(status).to_have_text(re.compile(r"^2 organizacje pasują\."))
    expect(options.nth(0)).to_contain_text("Klub Sportowy Orlik")
    expect(options.nth(1)).to_contain_text(f"KRS {junior.krs}, Leszczyny")
    assert combobox.get_attribute("aria-activedescendant") is None

    combobox.press("ArrowDown")
    combobox.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    expect(combobox).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    combobox.press("Enter")  # chooses; does not send the form
    expect(combobox).to_have_value("Klub Sportowy Orlik Junior")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    expect(page.locator('input[name="ngo_id"]')).to_have_value(str(junior.pk))
    expect(status).to_contain_text("Wybrano: Klub Sportowy Orlik Junior")
    assert "/wniosek/" not in page.url

    page.fill("#id_date", day.isoformat())
    page.fill("#id_start_time", "17:00")
    page.fill("#id_end_time", "18:30")
    page.fill("#id_attendees", "12")
    page.fill("#id_purpose", "Zebranie zarządu klubu.")
    page.get_by_label("Akceptuję regulamin korzystania z sal Centrum").check()
    page.get_by_role("button", name="Wyślij wniosek").click()
    page.wait_for_url(re.compile(r"/wniosek/[\w-]+/\?nowy=1"))
    request = BookingRequest.objects.get()
    assert request.ngo_id == junior.pk and request.group_name == ""


@pytest.mark.django_db(transaction=True)
def test_typing_again_after_choosing_drops_the_choice(browser_page, live_home_page):
    rooms_page = RoomsPageFactory(parent=live_home_page)
    directory = NGODirectoryPageFactory(parent=live_home_page)
    orlik = NGOProfilePageFactory(parent=directory, title="Klub Sportowy Orlik", slug="orlik")

    page = browser_page
    page.goto(f"{rooms_page.url}rezerwacja/")
    combobox = page.get_by_role("combobox", name="Organizacja")
    combobox.press_sequentially("orl")
    option = page.get_by_role("option", name=re.compile("Klub Sportowy Orlik"))
    option.click()
    expect(page.locator('input[name="ngo_id"]')).to_have_value(str(orlik.pk))
    expect(combobox).to_be_focused()
    combobox.press("Backspace")
    expect(page.locator('input[name="ngo_id"]')).to_have_value("")
