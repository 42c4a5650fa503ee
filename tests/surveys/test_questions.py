"""Every question type's validation, section headings and display conditions, through the public page."""

import pytest
from wagtail.blocks import StreamBlockValidationError

from surveys.blocks import SurveyQuestionsBlock
from surveys.factories import question
from surveys.models import SurveyResponse

pytestmark = pytest.mark.django_db


def post(client, survey, data):
    return client.post(survey.url, data)


def errors_of(response):
    return response.context["form"].errors


def test_valid_answers_are_stored_by_question_key(client, survey, valid_answers):
    response = post(client, survey, valid_answers)
    assert response.status_code == 302
    assert response["Location"].endswith("/dziekujemy/")
    stored = SurveyResponse.objects.get(survey=survey)
    assert stored.answers == {
        "nazwa": "Stowarzyszenie Razem",
        "opis": "Prowadzimy świetlicę.",
        "forma": "World Café",
        "tematy": {"selected": ["Fundraising"], "other": "RODO"},
        "szkolenia": "tak",
        "jakie_szkolenia": "Księgowość dla NGO",
        "ocena": 4,
        "polityki": {
            "Konsultacje są ogłaszane z wyprzedzeniem": 3,
            "Uwagi organizacji są brane pod uwagę": "nw",
        },
    }
    assert "Dziękujemy za wypełnienie ankiety" in client.get(response["Location"]).content.decode()


def test_required_questions_report_polish_errors_and_keep_other_answers(client, survey, valid_answers):
    data = dict(valid_answers, nazwa="", forma="", ocena="", polityki__1="")
    data.pop("szkolenia")
    response = post(client, survey, data)
    assert response.status_code == 200
    errors = errors_of(response)
    for name in ("nazwa", "forma", "szkolenia", "ocena", "polityki__1"):
        assert errors[name] == ["To pole jest wymagane."], name
    assert "opis" not in errors and "polityki__2" not in errors
    html = response.content.decode()
    assert "Popraw błędy w formularzu" in html
    assert 'href="#id_nazwa"' in html
    assert "Prowadzimy świetlicę." in html  # the long text is kept
    assert 'value="Fundraising" id="id_tematy_0" checked' in html
    assert 'name="tematy__other" value="RODO"' in html
    assert not SurveyResponse.objects.exists()


def test_optional_question_may_be_left_empty_and_is_not_stored(client, survey, valid_answers):
    response = post(client, survey, dict(valid_answers, opis=""))
    assert response.status_code == 302
    assert "opis" not in SurveyResponse.objects.get().answers


def test_single_choice_and_scale_reject_values_outside_the_options(client, survey, valid_answers):
    response = post(client, survey, dict(valid_answers, forma="Kurs online", ocena="6", polityki__1="9"))
    errors = errors_of(response)
    assert "Wybierz poprawną wartość" in errors["forma"][0]
    assert "Wybierz poprawną wartość" in errors["ocena"][0]
    assert "Wybierz poprawną wartość" in errors["polityki__1"][0]


def test_short_text_longer_than_the_limit_is_refused(client, survey, valid_answers):
    response = post(client, survey, dict(valid_answers, nazwa="x" * 301))
    assert "nazwa" in errors_of(response)


def test_multiple_choice_limit_and_other_text(client, survey, valid_answers):
    response = post(
        client,
        survey,
        dict(valid_answers, tematy=["Fundraising", "Księgowość", "Promocja"], tematy__other=""),
    )
    assert errors_of(response)["tematy"] == ["Wybierz najwyżej 2 odpowiedzi."]

    response = post(client, survey, dict(valid_answers, tematy=["__inne__"], tematy__other=""))
    assert errors_of(response)["tematy__other"] == ["Wpisz, co oznacza Twoja odpowiedź „Inne”."]

    # Text typed into "other" without ticking the box counts as "other".
    response = post(client, survey, dict(valid_answers, tematy=[], tematy__other="Prawo pracy"))
    assert response.status_code == 302
    assert SurveyResponse.objects.get().answers["tematy"] == {"selected": [], "other": "Prawo pracy"}


def test_multiple_choice_required_without_anything_ticked(client, survey, valid_answers):
    response = post(client, survey, dict(valid_answers, tematy=[], tematy__other=""))
    assert errors_of(response)["tematy"] == ["To pole jest wymagane."]


def test_yes_no_only_accepts_tak_or_nie(client, survey, valid_answers):
    response = post(client, survey, dict(valid_answers, szkolenia="może"))
    assert "szkolenia" in errors_of(response)


def test_hidden_question_is_neither_required_nor_stored(client, survey, valid_answers):
    # "jakie_szkolenia" is shown only when "szkolenia" is "Tak": answering "nie" hides it,
    # so it is not required and whatever the browser still sent is not stored.
    response = post(
        client, survey, dict(valid_answers, szkolenia="nie", jakie_szkolenia="Wysłane mimo ukrycia")
    )
    assert response.status_code == 302
    assert "jakie_szkolenia" not in SurveyResponse.objects.get().answers

    SurveyResponse.objects.all().delete()
    response = post(client, survey, dict(valid_answers, szkolenia="nie", jakie_szkolenia=""))
    assert response.status_code == 302


def test_visible_conditional_question_is_required(client, survey, valid_answers):
    response = post(client, survey, dict(valid_answers, szkolenia="tak", jakie_szkolenia=""))
    assert errors_of(response)["jakie_szkolenia"] == ["To pole jest wymagane."]


def test_condition_chain_hides_questions_depending_on_a_hidden_question(client, survey_index):
    from surveys.factories import SurveyPageFactory

    survey = SurveyPageFactory(
        parent=survey_index,
        questions=[
            question("yes_no", "czlonek", "Czy jesteś członkiem organizacji?"),
            question(
                "single_choice",
                "rola",
                "Twoja rola",
                options=["Zarząd", "Wolontariusz"],
                show_if_question="czlonek",
                show_if_value="Tak",
            ),
            question(
                "short_text",
                "od_kiedy",
                "Od kiedy w zarządzie?",
                show_if_question="rola",
                show_if_value="Zarząd",
            ),
        ],
    )
    # "rola" is hidden (answer "nie"), so "od_kiedy" is hidden too even with "rola=Zarząd" posted.
    response = client.post(survey.url, {"czlonek": "nie", "rola": "Zarząd"})
    assert response.status_code == 302
    assert SurveyResponse.objects.get().answers == {"czlonek": "nie"}
    response = client.post(survey.url, {"czlonek": "tak", "rola": "Zarząd"})
    assert errors_of(response) == {"od_kiedy": ["To pole jest wymagane."]}


def test_page_renders_section_headings_grid_fieldsets_and_condition_hints(client, survey):
    html = client.get(survey.url).content.decode()
    assert "<h2>Część 1. O organizacji</h2>" in html
    assert "<h3>Tworzenie polityk publicznych</h3>" in html
    # One fieldset with a legend per grid row, labelled scale ends.
    assert "<legend>Konsultacje są ogłaszane z wyprzedzeniem" in html
    assert "<legend>Uwagi organizacji są brane pod uwagę" in html
    assert "1 – zdecydowanie nie" in html and "4 – zdecydowanie tak" in html
    assert "Nie wiem / trudno powiedzieć" in html
    assert 'data-show-if="szkolenia" data-show-if-value="Tak"' in html
    assert "Odpowiedz, jeśli w pytaniu „Czy korzystaliście ze szkoleń?” wybrano „Tak”." in html
    assert 'name="website_url"' in html  # honeypot from home.protection


def test_honeypot_rejects_the_submission(client, survey, valid_answers):
    response = post(client, survey, dict(valid_answers, website_url="http://spam.example"))
    assert response.status_code == 200
    assert not SurveyResponse.objects.exists()


def block_errors(data):
    block = SurveyQuestionsBlock()
    with pytest.raises(StreamBlockValidationError) as caught:
        block.clean(block.to_python(data))
    return caught.value.block_errors


def test_editor_validation_of_keys_and_conditions():
    errors = block_errors([question("short_text", "imie", "Imię"), question("long_text", "imie", "Opis")])
    assert 1 in errors and "key" in errors[1].block_errors

    errors = block_errors(
        [
            question("short_text", "a", "A", show_if_question="b", show_if_value="Tak"),
            question("yes_no", "b", "B"),
        ]
    )
    assert "show_if_question" in errors[0].block_errors  # must point at an earlier question

    errors = block_errors(
        [
            question("short_text", "a", "A"),
            question("short_text", "b", "B", show_if_question="a", show_if_value="x"),
        ]
    )
    assert "show_if_question" in errors[1].block_errors  # free text cannot be a condition

    errors = block_errors(
        [
            question("yes_no", "a", "A"),
            question("short_text", "b", "B", show_if_question="a", show_if_value="Może"),
        ]
    )
    assert "show_if_value" in errors[1].block_errors

    errors = block_errors([question("short_text", "Zła Nazwa", "A")])
    assert "key" in errors[0].block_errors
    errors = block_errors([question("short_text", "tematy__other", "A")])
    assert "key" in errors[0].block_errors  # "__" is reserved for fields derived from a key


def test_editor_validation_accepts_a_correct_condition():
    block = SurveyQuestionsBlock()
    value = block.clean(
        block.to_python(
            [
                question("yes_no", "a", "A"),
                question("short_text", "b", "B", show_if_question="a", show_if_value="tak"),
            ]
        )
    )
    assert len(value) == 2
