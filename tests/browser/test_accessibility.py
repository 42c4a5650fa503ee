"""WCAG 2.1 A/AA on every public page of the demo site, checked in Chromium with axe-core.

The demo content of every app is loaded once (``live_demo_site``) and every live, public page is
visited, so page types that later apps add are covered by their demo content with no change here.
Also checked: the search results, the 404 page, a form showing its error summary and its thank-you
page; on every one of them, that keyboard focus is visible and that nothing scrolls sideways on a
375 px wide phone.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations, format_violations
from tests.browser.conftest import live_page_urls

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
MAX_TAB_STOPS = 60

_FOCUS_INDICATOR = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const label = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.getAttribute("href") ? `[href="${el.getAttribute("href")}"]` : "")
    + (el.textContent.trim() ? ` "${el.textContent.trim().slice(0, 40)}"` : "");
  return {label, visible: outline || shadow};
}
"""

_SIDEWAYS_OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  return Array.from(document.querySelectorAll("body *"))
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .slice(-5)
    .map((el) => `${describe(el)} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
}
"""


def focus_problems(page, where):
    """Tab through the page; every element that takes focus must show an outline or a ring."""
    problems, seen = [], set()
    page.locator("body").focus()
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_INDICATOR)
        if state is None or state["label"] in seen:
            break
        seen.add(state["label"])
        if not state["visible"]:
            problems.append(f"- {where}: no visible focus on {state['label']}")
    if not seen:
        problems.append(f"- {where}: Tab reaches no element at all")
    return problems


def sideways_scroll_problems(page, where):
    page.set_viewport_size(PHONE)
    offenders = page.evaluate(_SIDEWAYS_OVERFLOW)
    page.set_viewport_size(DESKTOP)
    if offenders:
        return [f"- {where}: scrolls sideways at 375 px; widest: {', '.join(offenders)}"]
    return []


def fill_form(page):
    """Give every visible field of the page's form a plausible answer (whatever fields staff defined)."""
    form = page.locator("form.cop-form")
    for field in form.locator("input:visible, textarea:visible, select:visible").all():
        if field.evaluate("el => el.type === 'hidden' || !!el.closest('[aria-hidden=true]')"):
            continue  # the honeypot: people never see it, so a person's answers leave it empty
        kind = (field.get_attribute("type") or field.evaluate("el => el.tagName")).lower()
        if kind in {"checkbox", "radio"}:
            field.check()
        elif kind == "select":
            field.select_option(index=len(field.locator("option").all()) - 1)
        elif kind == "email":
            field.fill("jan.kowalski@example.org")
        elif kind == "date":
            field.fill("2026-12-01")
        elif kind == "number":
            field.fill("3")
        elif kind == "url":
            field.fill("https://example.org/")
        elif kind in {"text", "textarea", "tel", "search"}:
            field.fill("Jan Kowalski" if kind == "text" else "Dzień dobry, proszę o kontakt. 32 431 00 00")


@pytest.mark.django_db(transaction=True)
def test_every_public_page_meets_wcag_21_aa_keeps_focus_visible_and_fits_a_phone(
    browser_page, live_demo_site
):
    page = browser_page
    page.set_viewport_size(DESKTOP)
    urls = live_page_urls()
    page_types = {page_type for _url, page_type in urls}
    # The foundation's own page types must be among them (a broken demo loader would hide pages).
    assert {"HomePage", "StandardPage", "NewsIndexPage", "NewsPage", "ContactFormPage"} <= page_types
    assert "AccessibilityStatementPage" in page_types

    violations, problems, checked = [], [], []

    def check(where):
        violations.extend(axe_violations(page, where))
        problems.extend(focus_problems(page, where))
        problems.extend(sideways_scroll_problems(page, where))
        checked.append(where)

    for url, page_type in urls:
        response = page.goto(url)
        assert response.status == 200, f"{url} ({page_type}) answered {response.status}"
        check(f"{url} ({page_type})")

    response = page.goto("/szukaj/?q=centrum")
    assert response.status == 200
    assert page.locator(".search-results li").count() > 0, "the search for 'centrum' found nothing"
    check("/szukaj/?q=centrum (search results)")

    response = page.goto("/szukaj/?q=zzzyyyxxx")
    check("/szukaj/?q=zzzyyyxxx (no search results)")

    response = page.goto("/ta-strona-nie-istnieje/")
    assert response.status == 404
    check("/ta-strona-nie-istnieje/ (404)")

    contact_url = next(url for url, page_type in urls if page_type == "ContactFormPage")
    page.goto(contact_url)
    page.locator("form.cop-form button[type=submit]").click()
    page.locator(".error-summary").wait_for()
    check(f"{contact_url} (form with its error summary)")

    page.goto(contact_url)
    fill_form(page)
    with page.expect_navigation():
        page.locator("form.cop-form button[type=submit]").click()
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
    check(f"{contact_url} (thank-you page)")

    # The request forms with the organisation picker's suggestions open (ARIA combobox and its listbox).
    from ngo_directory.models import NGOProfilePage

    first_word = NGOProfilePage.objects.live().public().order_by("title").first().title.split()[0]
    rooms_url = next(url for url, page_type in urls if page_type == "RoomsPage")
    advisory_url = next(url for url, page_type in urls if page_type == "AdvisoryPage")
    for url in (f"{rooms_url}rezerwacja/", advisory_url):
        page.goto(url)
        combobox = page.get_by_role("combobox", name="Organizacja")
        combobox.press_sequentially(first_word[:6])
        expect(page.get_by_role("listbox").get_by_role("option").first).to_be_visible()
        combobox.press("ArrowDown")
        expect(combobox).to_have_attribute("aria-activedescendant", re.compile(".+"))
        check(f"{url} (organisation suggestions open)")

    assert not violations, format_violations(violations) + f"\n(checked {len(checked)} pages)"
    assert not problems, "\n".join(problems)


def test_the_checks_catch_known_problems(browser_page):
    """The checks above are only worth something if they fail on a page that is broken on purpose."""
    page = browser_page
    page.set_viewport_size(DESKTOP)
    page.set_content(
        """<!DOCTYPE html><html><head><title>Zła strona</title>
        <style>a:focus { outline: none; } .wide { width: 900px; }</style></head>
        <body><main>
          <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
          <p style="color: #aaa; background: #fff">Słaby kontrast</p>
          <input type="text">
          <a href="#x">Bez obwódki</a>
          <div class="wide">Za szeroki blok</div>
        </main></body></html>"""
    )
    rules = {violation["id"] for violation in axe_violations(page, "bad page")}
    assert {"html-has-lang", "image-alt", "color-contrast", "label"} <= rules
    assert format_violations(axe_violations(page, "bad page")).count("- bad page: ") == len(rules)
    assert any('"Bez obwódki"' in problem for problem in focus_problems(page, "bad page"))
    assert "div.wide" in "".join(sideways_scroll_problems(page, "bad page"))
