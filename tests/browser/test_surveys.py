"""A resident fills a survey in a real browser: conditional question, errors kept, then success; the form
and its error state pass axe-core's WCAG 2.1 A/AA rules.

axe-core 4.14.1 (MPL-2.0, from the npm registry) is vendored in tests/browser/vendor/axe.min.js and
evaluated through the DevTools protocol, which the site's Content-Security-Policy does not block.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from surveys.factories import SurveyIndexPageFactory, SurveyPageFactory
from surveys.models import SurveyResponse

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
RUN_AXE = """
async () => {
  const results = await window.axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
"""


def wcag_violations(page) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE)


@pytest.mark.django_db(transaction=True)
def test_fill_a_survey_with_errors_then_success_and_read_published_results(browser_page, live_home_page):
    index = SurveyIndexPageFactory(parent=live_home_page)
    survey = SurveyPageFactory(parent=index, title="Rozeznanie potrzeb szkoleniowych", slug="rozeznanie")
    page = browser_page
    page.goto(survey.url)
    assert page.locator("h1").inner_text() == "Rozeznanie potrzeb szkoleniowych"
    assert wcag_violations(page) == []

    # The follow-up question appears only after answering "Tak".
    follow_up = page.locator("#id_jakie_szkolenia")
    expect(follow_up).to_be_hidden()
    page.get_by_label("Tak", exact=True).check()
    expect(follow_up).to_be_visible()
    page.get_by_label("Nie", exact=True).check()
    expect(follow_up).to_be_hidden()

    page.fill("#id_nazwa", "Stowarzyszenie Przyjaciół Bełku")
    page.get_by_label("World Café").check()
    page.get_by_label("Fundraising").check()
    page.get_by_role("button", name="Wyślij odpowiedzi").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    text = summary.inner_text()
    assert "Ocena współpracy" in text and "Konsultacje są ogłaszane z wyprzedzeniem" in text
    assert "Nazwa organizacji" not in text
    # Answers are kept, the hidden question stays hidden, and the error state is accessible too.
    assert page.input_value("#id_nazwa") == "Stowarzyszenie Przyjaciół Bełku"
    assert page.get_by_label("World Café").is_checked()
    assert page.get_by_label("Nie", exact=True).is_checked()
    expect(follow_up).to_be_hidden()
    assert wcag_violations(page) == []
    summary.get_by_role("link", name="Ocena współpracy: To pole jest wymagane.").click()
    assert page.url.endswith("#id_ocena")  # the link leads to the question's fieldset
    expect(page.locator("#id_ocena")).to_be_visible()

    page.get_by_label("4", exact=True).check()
    page.get_by_role("group", name="Konsultacje są ogłaszane z wyprzedzeniem").get_by_label("3").check()
    page.get_by_role("group", name="Uwagi organizacji są brane pod uwagę").get_by_label(
        "Nie wiem / trudno powiedzieć"
    ).check()
    page.get_by_role("button", name="Wyślij odpowiedzi").click()
    page.wait_for_url("**/dziekujemy/**")
    assert "Dziękujemy" in page.locator("main").inner_text()

    stored = SurveyResponse.objects.get(survey=survey)
    assert stored.answers["nazwa"] == "Stowarzyszenie Przyjaciół Bełku"
    assert stored.answers["szkolenia"] == "nie" and "jakie_szkolenia" not in stored.answers
    assert stored.answers["polityki"] == {
        "Konsultacje są ogłaszane z wyprzedzeniem": 3,
        "Uwagi organizacji są brane pod uwagę": "nw",
    }

    check_published_results(page, index)


def check_published_results(page, index):
    """A closed survey with published results: aggregates only, accessible (one live-server test: fewer flushes)."""
    import datetime

    from django.utils import timezone

    from surveys.factories import SurveyResponseFactory

    survey = SurveyPageFactory(
        parent=index,
        title="Diagnoza współpracy",
        opens_at=timezone.now() - datetime.timedelta(days=20),
        closes_at=timezone.now() - datetime.timedelta(days=1),
        publish_results=True,
    )
    for number in range(12):
        SurveyResponseFactory(
            survey=survey,
            answers={
                "forma": "Warsztaty" if number < 7 else "World Café",
                "ocena": 1 + number % 5,
                "polityki": {"Konsultacje są ogłaszane z wyprzedzeniem": 1 + number % 4},
                "tematy": {"selected": ["Fundraising"]},
                "nazwa": f"Organizacja {number}",
            },
        )
    page.goto(survey.url)
    expect(page.get_by_role("heading", name="Wyniki ankiety")).to_be_visible()
    assert "Organizacja 3" not in page.content()
    assert wcag_violations(page) == []
