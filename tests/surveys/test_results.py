"""Aggregates against hand-computed numbers, staff results and exports, published results, query pins."""

import csv
import datetime
import io
import json
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from surveys import services
from surveys.factories import SurveyPageFactory, SurveyResponseFactory, question
from surveys.models import SurveyPage, SurveyResponse

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
QUESTIONS = [
    question("single_choice", "forma", "Forma", options=["Warsztaty", "Wykład", "World Café"]),
    question(
        "multiple_choice",
        "tematy",
        "Tematy",
        options=["Fundraising", "Księgowość", "Promocja"],
        allow_other=True,
    ),
    question("scale", "ocena", "Ocena", points=5, dont_know=True),
    question("grid", "polityki", "Polityki", rows=["Konsultacje", "Uwagi"], points=4, dont_know=True),
    question("yes_no", "tak_nie", "Czy korzystaliście?"),
    question("long_text", "uwagi", "Uwagi", required=False),
]


def at(day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, 0, tzinfo=WARSAW)


@pytest.fixture
def results_survey(survey_index):
    survey = SurveyPageFactory(
        parent=survey_index, title="Ankieta wyników", slug="wyniki", questions=QUESTIONS
    )
    rows = [
        (
            at(2),
            {
                "forma": "Warsztaty",
                "tematy": {"selected": ["Fundraising", "Księgowość"]},
                "ocena": 5,
                "polityki": {"Konsultacje": 4, "Uwagi": 2},
                "tak_nie": "tak",
                "uwagi": "Więcej szkoleń",
            },
        ),
        (
            at(2, 15),
            {
                "forma": "Warsztaty",
                "tematy": {"selected": ["Fundraising"], "other": "RODO"},
                "ocena": 3,
                "polityki": {"Konsultacje": 3, "Uwagi": "nw"},
                "tak_nie": "tak",
            },
        ),
        (
            at(3),
            {
                "forma": "World Café",
                "tematy": {"selected": ["Promocja"]},
                "ocena": "nw",
                "polityki": {"Konsultacje": 4},
                "tak_nie": "nie",
            },
        ),
        (
            at(5),
            {"forma": "Warsztaty", "ocena": 4, "tak_nie": "tak", "uwagi": '=HYPERLINK("http://zly.example")'},
        ),
        (at(5, 18), {}),
    ]
    for moment, answers in rows:
        SurveyResponseFactory(survey=survey, submitted_at=moment, answers=answers)
    SurveyResponseFactory(survey=survey, status="pending", confirmed_at=None, answers={"forma": "Wykład"})
    return survey


def by_key(results):
    return {result.key: result for result in results.questions}


def options(summary):
    return [(option["label"], option["count"], option["percent"]) for option in summary["options"]]


def test_aggregates_match_hand_computed_numbers(results_survey):
    results = services.survey_results(results_survey)
    assert results.total == 5  # the pending response is not counted
    questions = by_key(results)
    assert questions["forma"].summary["n"] == 4
    assert options(questions["forma"].summary) == [
        ("Warsztaty", 3, 75),
        ("Wykład", 0, 0),
        ("World Café", 1, 25),
    ]
    tematy = questions["tematy"].summary
    assert tematy["n"] == 3
    assert options(tematy) == [
        ("Fundraising", 2, 67),
        ("Księgowość", 1, 33),
        ("Promocja", 1, 33),
        ("Inne", 1, 33),
    ]
    assert tematy["texts"] == ["RODO"]
    ocena = questions["ocena"].summary
    assert ocena["n"] == 4
    assert [count for _label, count, _p in options(ocena)] == [0, 0, 1, 1, 1, 1]
    assert ocena["mean"] == 4.0  # (5 + 3 + 4) / 3, "nie wiem" left out
    konsultacje, uwagi_row = questions["polityki"].summary["rows"]
    assert konsultacje["n"] == 3 and [o["count"] for o in konsultacje["options"]] == [0, 0, 1, 2, 0]
    assert konsultacje["mean"] == 3.67
    assert uwagi_row["n"] == 2 and uwagi_row["mean"] == 2.0
    assert options(questions["tak_nie"].summary) == [("Tak", 3, 75), ("Nie", 1, 25)]
    assert questions["uwagi"].summary["n"] == 2
    assert [(day["day"].day, day["count"]) for day in results.per_day] == [(2, 2), (3, 1), (5, 2)]


def test_date_filter_narrows_the_aggregates(results_survey):
    results = services.survey_results(results_survey, datetime.date(2026, 3, 3), datetime.date(2026, 3, 4))
    assert results.total == 1
    assert options(by_key(results)["forma"].summary)[2] == ("World Café", 1, 100)


def test_staff_results_page_shows_numbers_in_text(staff_client, results_survey):
    response = staff_client.get(reverse("surveys_results", args=[results_survey.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Liczba potwierdzonych odpowiedzi: 5" in html
    assert '<th scope="row">Warsztaty</th>' in html and "<td>75%</td>" in html
    assert "średnia 4.0" in html or "średnia 4,0" in html
    assert "Więcej szkoleń" in html and "RODO" in html  # staff see free text
    assert 'aria-hidden="true"' in html  # the bars are decorative, the numbers carry the meaning
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select_one("main").select("script")  # the charts are HTML and CSS, no script
    assert all(script["src"].startswith("/") for script in soup.select("script[src]"))  # no external host
    forma_rows = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
        for table in soup.select("table.survey-bars")
        if "Forma" in table.caption.get_text()
        for row in table.select("tbody tr")
    }
    assert forma_rows["Warsztaty"][:2] == ["3", "75%"]
    filtered = staff_client.get(
        reverse("surveys_results", args=[results_survey.pk]), {"date_from": "2026-03-05"}
    )
    assert "Liczba potwierdzonych odpowiedzi: 2" in filtered.content.decode()
    invalid = staff_client.get(
        reverse("surveys_results", args=[results_survey.pk]),
        {"date_from": "2026-03-05", "date_to": "2026-03-01"},
    )
    assert "Data końcowa nie może być wcześniejsza" in invalid.content.decode()


def test_results_need_the_permission(client, results_survey, django_user_model):
    url = reverse("surveys_results", args=[results_survey.pk])
    assert client.get(url).status_code == 302  # to the login page
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("redaktor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for denied in (url, reverse("surveys_export_csv", args=[results_survey.pk])):
        response = client.get(denied)
        assert response.status_code in (302, 403)
        assert "Liczba potwierdzonych" not in response.content.decode()
        assert "Warsztaty" not in response.content.decode()


@pytest.mark.parametrize("extra_rows", [0, 60])
def test_results_page_query_budget_does_not_grow(
    staff_client, results_survey, extra_rows, django_assert_num_queries
):
    for _ in range(extra_rows):
        SurveyResponseFactory(
            survey=results_survey, answers={"forma": "Wykład", "uwagi": "tekst", "polityki": {"Uwagi": 1}}
        )
    url = reverse("surveys_results", args=[results_survey.pk])
    staff_client.get(url)  # warm per-process caches (site root paths, content types)
    with django_assert_num_queries(RESULTS_PAGE_QUERIES):
        response = staff_client.get(url)
    assert f"Liczba potwierdzonych odpowiedzi: {5 + extra_rows}" in response.content.decode()


# Session, user, permissions and admin chrome, the survey, one query of answers: whatever the number of rows.
RESULTS_PAGE_QUERIES = 13


def test_results_index_lists_counts(staff_client, results_survey):
    html = staff_client.get(reverse("surveys_results_index")).content.decode()
    assert "Ankieta wyników" in html
    assert "<td>5</td>" in html and "<td>1</td>" in html  # confirmed, pending


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_export_contains_every_confirmed_response(staff_client, results_survey):
    response = staff_client.get(reverse("surveys_export_csv", args=[results_survey.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0] == [
        "Nr",
        "Wysłano",
        "Forma",
        "Tematy",
        "Tematy – inne",
        "Ocena",
        "Polityki: Konsultacje",
        "Polityki: Uwagi",
        "Czy korzystaliście?",
        "Uwagi",
    ]
    assert len(rows) == 6  # header + 5 confirmed
    first = rows[1]
    assert first[1] == "2026-03-02 12:00"
    assert first[2:] == ["Warsztaty", "Fundraising; Księgowość", "", "5", "4", "2", "Tak", "Więcej szkoleń"]
    assert rows[2][4] == "RODO" and rows[2][7] == "Nie wiem / trudno powiedzieć"
    assert rows[3][5] == "Nie wiem / trudno powiedzieć" and rows[3][7] == ""
    # Formula injection neutralised.
    assert rows[4][-1] == '\'=HYPERLINK("http://zly.example")'


def test_export_respects_the_date_filter(staff_client, results_survey):
    rows = read_csv(
        staff_client.get(reverse("surveys_export_csv", args=[results_survey.pk]), {"date_from": "2026-03-05"})
    )
    assert len(rows) == 3


def test_xlsx_export_parses_back_with_safe_cells(staff_client, results_survey):
    response = staff_client.get(reverse("surveys_export_xlsx", args=[results_survey.pk]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Nr", "Wysłano", "Forma"]
    assert len(rows) == 6
    assert rows[1][5] == 5  # numbers stay numbers
    formula_cell = sheet.cell(row=5, column=10)
    assert formula_cell.value == '\'=HYPERLINK("http://zly.example")'
    assert formula_cell.data_type == "s"


@pytest.mark.parametrize("text", ["=1+1", "+48 600 100 200", "-2", "@SUMA(A1)", "\tx", "\rx"])
def test_every_formula_prefix_is_neutralised(text):
    assert services.safe_cell(text) == "'" + text


def test_plain_text_and_numbers_are_not_changed():
    assert services.safe_cell("Warsztaty") == "Warsztaty"
    assert services.safe_cell(-2) == -2


def test_per_person_export_has_the_email_but_anonymous_has_no_such_column(staff_client, survey_index):
    survey = SurveyPageFactory(
        parent=survey_index, questions=QUESTIONS[:1], response_mode=SurveyPage.Mode.PER_PERSON
    )
    SurveyResponseFactory(survey=survey, email="anna@example.org", answers={"forma": "Wykład"})
    rows = read_csv(staff_client.get(reverse("surveys_export_csv", args=[survey.pk])))
    assert rows[0] == ["Nr", "Wysłano", "E-mail", "Forma"] and rows[1][2] == "anna@example.org"


def test_modeladmin_register_and_inspect(staff_client, results_survey):
    index = staff_client.get("/admin/surveys/surveyresponse/")
    assert index.status_code == 200 and "Ankieta wyników" in index.content.decode()
    first = SurveyResponse.objects.confirmed().filter(answers__forma="World Café").get()
    inspect = staff_client.get(f"/admin/surveys/surveyresponse/inspect/{first.pk}/")
    html = inspect.content.decode()
    assert inspect.status_code == 200
    assert "<dt>Forma</dt><dd>World Café</dd>" in html


# Published results --------------------------------------------------------------------------------


@pytest.fixture
def published(survey_index):
    survey = SurveyPageFactory(
        parent=survey_index,
        title="Diagnoza",
        slug="diagnoza",
        questions=[
            question("single_choice", "forma", "Forma", options=["Warsztaty", "Wykład", "World Café"]),
            question("long_text", "uwagi", "Uwagi", required=False),
            question("short_text", "rzadkie", "Rzadkie pytanie", required=False),
            question("grid", "polityki", "Polityki", rows=["Konsultacje", "Uwagi"], points=3),
            question("multiple_choice", "tematy", "Tematy", options=["Fundraising", "Prawo"]),
        ],
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(days=1),
        publish_results=True,
    )
    formy = ["Warsztaty"] * 6 + ["Wykład"] * 5 + ["World Café"]
    for index, forma in enumerate(formy):
        answers = {
            "forma": forma,
            "uwagi": f"Tajna uwaga {index}",
            "polityki": {"Konsultacje": 1 + index % 3},
            "tematy": {"selected": ["Fundraising"] if index < 9 else ["Prawo"]},
        }
        if index < 2:
            answers["rzadkie"] = f"Rzadka odpowiedź {index}"
            answers["polityki"]["Uwagi"] = 2
        SurveyResponseFactory(survey=survey, answers=answers)
    return survey


def test_published_results_suppress_small_groups_and_never_show_text(client, published):
    results = by_key(services.public_results(published))
    forma = results["forma"].summary
    # World Café (1) is below 5; Wykład (5) is hidden too, or World Café = 12 - 6 - 5 could be worked out.
    assert [(o["label"], o["count"], o["hidden"]) for o in forma["options"]] == [
        ("Warsztaty", 6, False),
        ("Wykład", None, True),
        ("World Café", None, True),
    ]
    assert results["uwagi"].summary == {"n": 12} and not results["uwagi"].suppressed
    assert results["rzadkie"].suppressed  # 2 answers < 5
    konsultacje, uwagi_row = results["polityki"].summary["rows"]
    # 12 answers (enough), but each point has only 4 (1 + index % 3): every cell is hidden.
    assert konsultacje["n"] == 12 and not konsultacje["hidden"]
    assert [(o["count"], o["hidden"]) for o in konsultacje["options"]] == [(None, True)] * 3
    assert uwagi_row["hidden"]  # 2 answers
    tematy = results["tematy"].summary
    # Not exclusive (multiple choice): only the small cell is hidden.
    assert [(o["count"], o["hidden"]) for o in tematy["options"]] == [(9, False), (None, True)]

    html = client.get(published.url).content.decode()
    assert "Wyniki ankiety" in html and "Ankieta jest zamknięta" in html
    assert "Tajna uwaga" not in html and "Rzadka odpowiedź" not in html
    assert "mniej niż 5" in html
    soup = BeautifulSoup(html, "html.parser")
    table = next(t for t in soup.select("table.survey-bars") if t.caption.get_text().startswith("Forma"))
    cells = {
        row.th.get_text(strip=True): row.select("td")[0].get_text(strip=True)
        for row in table.tbody.select("tr")
    }
    # Wykład has 5 answers: hidden only so that World Café (1) cannot be worked out, and not called "< 5".
    assert cells == {
        "Warsztaty": "6",
        "Wykład": "ukryte",
        "World Café": "ukryte",
    }
    assert "Za mało odpowiedzi, by opublikować wynik" in html
    assert '<form class="cop-form"' not in html


def test_results_are_not_published_while_open_or_when_not_chosen(client, published, results_survey):
    SurveyPage.objects.filter(pk=published.pk).update(closes_at=timezone.now() + datetime.timedelta(days=1))
    assert "Wyniki ankiety" not in client.get(published.url).content.decode()
    SurveyPage.objects.filter(pk=published.pk).update(
        closes_at=timezone.now() - datetime.timedelta(days=1), publish_results=False
    )
    assert "Wyniki ankiety" not in client.get(published.url).content.decode()


def test_per_survey_minimum_group_size(published):
    SurveyPage.objects.filter(pk=published.pk).update(results_min_group=13)
    published.refresh_from_db()
    assert all(result.suppressed for result in services.public_results(published).questions)


def test_survey_index_lists_open_surveys_and_published_results(client, survey_index, published, survey):
    html = client.get(survey_index.url).content.decode()
    open_part, results_part = html.split("Wyniki zakończonych ankiet")
    assert survey.title in open_part and "Diagnoza" in results_part


@pytest.mark.parametrize("extra_rows", [0, 100])
def test_public_results_page_query_budget_does_not_grow(
    client, published, extra_rows, django_assert_num_queries
):
    for _ in range(extra_rows):
        SurveyResponseFactory(survey=published, answers={"forma": "Warsztaty"})
    client.get(published.url)  # site root paths and the results land in the cache
    with django_assert_num_queries(PUBLIC_PAGE_QUERIES):
        response = client.get(published.url)
    assert f"Liczba odpowiedzi: <strong>{12 + extra_rows}</strong>" in response.content.decode()


# The site with its settings, menus and "any view restriction?" (one query), routing (the survey index
# passed through as a plain page), the survey, the layout pages (menus, breadcrumbs), one aggregate for
# the results cache key. 9 before the site query (home/site_context.py).
PUBLIC_PAGE_QUERIES = 6


def test_register_csv_export_is_formula_safe_and_readable(staff_client, survey_index):
    survey = SurveyPageFactory(
        parent=survey_index, title="Ankieta osobowa", questions=QUESTIONS[:1], response_mode="per_person"
    )
    SurveyResponseFactory(
        survey=survey,
        email="=1+1@example.org",
        submitted_at=at(2, 9),
        answers={"forma": "Wykład", "uwagi": "-zła uwaga"},
    )
    response = staff_client.get("/admin/surveys/surveyresponse/", {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    header, row = read_csv_text(text)
    cells = dict(zip(header, row, strict=True))
    assert cells["E-mail"] == "'=1+1@example.org"
    assert cells["Wysłano"] == "2026-03-02 09:00"  # local time, as staff read it
    assert cells["Stan"] == "potwierdzona"
    assert cells["Organizacja"] == ""
    assert json.loads(cells["Odpowiedzi"]) == {"forma": "Wykład", "uwagi": "-zła uwaga"}


def read_csv_text(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))
