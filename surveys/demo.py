"""Polish demo content of the surveys: the training-needs survey (open) and the cooperation diagnosis
of "Wspólnie znaczy lepiej" (closed, results published), each with invented responses.

Loading twice changes nothing: pages are looked up by slug and responses are added only to a
survey that has none.
"""

import datetime
import random

from django.utils import timezone

from home.blocks import paragraph
from home.demo import DemoContext, child_page

from .blocks import question, section
from .models import SurveyIndexPage, SurveyPage, SurveyResponse

AGREE = {"points": 5, "min_label": "zdecydowanie się nie zgadzam", "max_label": "zdecydowanie się zgadzam"}
TOPICS = [
    "Fundraising i pozyskiwanie środków",
    "Księgowość i sprawozdawczość",
    "Pisanie projektów i wniosków grantowych",
    "Promocja i media społecznościowe",
    "Prawo w organizacjach pozarządowych (w tym RODO)",
    "Zarządzanie wolontariuszami",
]
FORMATS = [
    "Warsztaty praktyczne",
    "Spotkania w formule World Café",
    "Wykład lub seminarium",
    "Doradztwo indywidualne",
    "Szkolenie online",
]
TIMES = ["Dni robocze przed południem", "Dni robocze po 16:00", "Soboty", "Bez znaczenia"]
BARRIERS = [
    "Brak czasu",
    "Nieodpowiednie godziny szkoleń",
    "Dojazd",
    "Koszty udziału",
    "Brak informacji o szkoleniach",
    "Zbyt ogólny program",
]
POLICIES = [
    "Organizacje są informowane o planowanych programach i strategiach gminy",
    "Konsultacje społeczne są ogłaszane z odpowiednim wyprzedzeniem",
    "Uwagi organizacji są rozpatrywane, a organizacje dostają informację zwrotną",
    "Przedstawiciele organizacji biorą udział w zespołach i radach (np. radzie działalności pożytku publicznego)",
]
TASKS = [
    "Otwarte konkursy ofert są ogłaszane w przewidywalnych terminach",
    "Zasady oceny ofert są jasne",
    "Rozliczanie dotacji jest proste i zrozumiałe",
    "Gmina korzysta z trybu małych grantów",
]
INFRASTRUCTURE = [
    "Organizacje mają dostęp do lokali na swoją działalność",
    "Centrum Organizacji Pozarządowych odpowiada na potrzeby organizacji",
    "Informacje ważne dla organizacji są łatwo dostępne",
    "W urzędzie jest osoba odpowiedzialna za współpracę z organizacjami",
]
RECOMMENDATIONS = [
    "Harmonogram konkursów ogłaszany na początku roku.",
    "Spotkania konsultacyjne po południu, żeby mogli przyjść społecznicy pracujący zawodowo.",
    "Jeden punkt informacji dla organizacji w urzędzie.",
    "Więcej małych grantów dla nowych organizacji.",
    "Wspólny kalendarz wydarzeń organizacji i gminy.",
]


def training_questions() -> list[dict]:
    return [
        section("O Waszej organizacji", "Dwa krótkie pytania, które pomogą nam lepiej dobrać ofertę."),
        question(
            "single_choice",
            "forma_prawna",
            "Forma prawna organizacji",
            options=[
                "Stowarzyszenie",
                "Fundacja",
                "Stowarzyszenie zwykłe",
                "Koło gospodyń wiejskich",
                "Grupa nieformalna",
            ],
        ),
        question(
            "single_choice",
            "staz",
            "Od ilu lat działa organizacja?",
            options=["Do 2 lat", "Od 2 do 5 lat", "Od 6 do 10 lat", "Ponad 10 lat"],
        ),
        section(
            "Potrzeby szkoleniowe",
            "Wybierz tematy i formy, które najbardziej przydałyby się Waszej organizacji.",
        ),
        question(
            "multiple_choice",
            "tematy",
            "Jakie tematy szkoleń są dla Was najważniejsze?",
            options=TOPICS,
            allow_other=True,
            max_choices=3,
        ),
        question(
            "grid",
            "wiedza",
            "Jak oceniacie wiedzę zespołu w tych obszarach?",
            rows=[
                "Fundraising",
                "Księgowość",
                "Pisanie projektów",
                "Promocja",
                "Prawo",
                "Zarządzanie wolontariuszami",
            ],
            points=5,
            min_label="bardzo słaba",
            max_label="bardzo dobra",
            dont_know=True,
        ),
        question("multiple_choice", "formy", "Jakie formy szkoleń Wam odpowiadają?", options=FORMATS),
        question(
            "single_choice", "termin", "Kiedy najłatwiej Wam uczestniczyć w szkoleniach?", options=TIMES
        ),
        question(
            "yes_no", "szkolenia", "Czy w ostatnich dwóch latach ktoś z organizacji był na szkoleniu dla NGO?"
        ),
        question(
            "long_text",
            "jakie_szkolenia",
            "Jakie to były szkolenia i czy okazały się przydatne?",
            required=False,
            show_if_question="szkolenia",
            show_if_value="Tak",
        ),
        question(
            "multiple_choice",
            "bariery",
            "Co utrudnia Wam udział w szkoleniach?",
            required=False,
            options=BARRIERS,
            allow_other=True,
        ),
        question(
            "scale",
            "ocena_wsparcia",
            "Jak oceniacie dotychczasowe wsparcie Centrum Organizacji Pozarządowych?",
            points=5,
            min_label="bardzo źle",
            max_label="bardzo dobrze",
            dont_know=True,
        ),
        question("long_text", "uwagi", "Inne uwagi i propozycje", required=False),
    ]


def diagnosis_questions() -> list[dict]:
    return [
        section("O Tobie"),
        question(
            "single_choice",
            "sektor",
            "Kogo reprezentujesz?",
            options=[
                "Organizację pozarządową",
                "Urząd Gminy i Miasta lub jednostkę gminną",
                "Inną instytucję",
            ],
        ),
        section(
            "Obszar I. Tworzenie polityk publicznych",
            "Jak organizacje uczestniczą w przygotowywaniu programów, strategii i uchwał gminy.",
        ),
        question(
            "grid",
            "polityki",
            "Na ile zgadzasz się z tymi stwierdzeniami?",
            rows=POLICIES,
            dont_know=True,
            **AGREE,
        ),
        section(
            "Obszar II. Realizacja zadań publicznych",
            "Zlecanie organizacjom zadań publicznych: konkursy ofert, małe granty, rozliczenia.",
        ),
        question(
            "grid",
            "zadania",
            "Na ile zgadzasz się z tymi stwierdzeniami?",
            rows=TASKS,
            dont_know=True,
            **AGREE,
        ),
        section(
            "Obszar III. Infrastruktura współpracy",
            "Warunki do rozwoju aktywności społecznej: lokale, informacja, osoby do kontaktu.",
        ),
        question(
            "grid",
            "infrastruktura",
            "Na ile zgadzasz się z tymi stwierdzeniami?",
            rows=INFRASTRUCTURE,
            dont_know=True,
            **AGREE,
        ),
        question(
            "scale",
            "ocena_ogolna",
            "Jak ogólnie oceniasz współpracę organizacji pozarządowych z samorządem w gminie?",
            points=5,
            min_label="bardzo źle",
            max_label="bardzo dobrze",
        ),
        question(
            "long_text",
            "rekomendacje",
            "Twoje rekomendacje: co zmienić, żeby współpraca była lepsza?",
            required=False,
        ),
    ]


def ensure_index(context: DemoContext) -> SurveyIndexPage:
    index = SurveyIndexPage.objects.first()
    if index:
        return index
    return child_page(
        context,
        context.home,
        SurveyIndexPage(
            title="Ankiety",
            slug="ankiety",
            intro=(
                "Pytamy organizacje i mieszkańców o potrzeby i opinie, żeby lepiej planować szkolenia, "
                "spotkania i współpracę z samorządem. Wyniki publikujemy zbiorczo."
            ),
            listing_summary="Ankiety Centrum Organizacji Pozarządowych i ich wyniki.",
        ),
    )


def training_survey(context: DemoContext, index: SurveyIndexPage) -> SurveyPage:
    now = timezone.now()
    return child_page(
        context,
        index,
        SurveyPage(
            title="Rozeznanie potrzeb szkoleniowych organizacji pozarządowych",
            slug="rozeznanie-potrzeb-szkoleniowych",
            intro=(
                "Jakich szkoleń potrzebują organizacje z Czerwionki-Leszczyn? Ankieta zajmie około 5 minut "
                "i jest anonimowa."
            ),
            description=[
                paragraph(
                    "<p>Na podstawie odpowiedzi Centrum Organizacji Pozarządowych zaplanuje szkolenia, doradztwo "
                    "i warsztaty w formule World Café na najbliższy rok. Zapraszamy stowarzyszenia, fundacje, "
                    "koła gospodyń wiejskich i grupy nieformalne z terenu gminy.</p>"
                )
            ],
            questions=training_questions(),
            opens_at=now - datetime.timedelta(days=14),
            closes_at=now + datetime.timedelta(days=45),
            response_mode=SurveyPage.Mode.ANONYMOUS,
            submit_label="Wyślij ankietę",
            thank_you_text="Dziękujemy! Wyniki rozeznania przedstawimy na najbliższym spotkaniu organizacji.",
            listing_summary="Anonimowa ankieta o potrzebach szkoleniowych organizacji z gminy.",
        ),
    )


def diagnosis_survey(context: DemoContext, index: SurveyIndexPage) -> SurveyPage:
    now = timezone.now()
    return child_page(
        context,
        index,
        SurveyPage(
            title="Diagnoza współpracy NGO – samorząd",
            slug="diagnoza-wspolpracy-ngo-samorzad",
            intro=(
                "Ankieta projektu „Wspólnie znaczy lepiej – System pracy organizacji pozarządowych i administracji "
                "w Czerwionce-Leszczynach”: ocena trzech obszarów Modelu Współpracy."
            ),
            description=[
                paragraph(
                    "<p>Celem jest wspólna ocena wzajemnych relacji i jakości współpracy organizacji pozarządowych "
                    "z samorządem oraz pomysły, jak te relacje poprawić. Wyniki diagnozy i rekomendacje trafią do "
                    "grup roboczych, które wypracują konkretne rozwiązania w każdym z obszarów.</p>"
                )
            ],
            questions=diagnosis_questions(),
            opens_at=now - datetime.timedelta(days=40),
            closes_at=now - datetime.timedelta(days=10),
            response_mode=SurveyPage.Mode.PER_PERSON,
            publish_results=True,
            results_intro=(
                "Zestawienie odpowiedzi przedstawicieli organizacji i urzędu. Rekomendacje zostały omówione na "
                "spotkaniach grup roboczych."
            ),
            listing_summary="Wyniki diagnozy współpracy organizacji pozarządowych z samorządem.",
        ),
    )


def leaning(rng: random.Random, centre: int, points: int = 5) -> int:
    return max(1, min(points, round(rng.gauss(centre, 1.0))))


def training_answers(rng: random.Random) -> dict:
    answers = {
        "forma_prawna": rng.choices(
            [
                "Stowarzyszenie",
                "Fundacja",
                "Stowarzyszenie zwykłe",
                "Koło gospodyń wiejskich",
                "Grupa nieformalna",
            ],
            weights=[10, 4, 3, 3, 2],
        )[0],
        "staz": rng.choice(["Do 2 lat", "Od 2 do 5 lat", "Od 6 do 10 lat", "Ponad 10 lat"]),
        "tematy": {"selected": rng.sample(TOPICS, k=rng.randint(1, 3))},
        "wiedza": {
            row: (leaning(rng, centre) if rng.random() > 0.1 else "nw")
            for row, centre in [
                ("Fundraising", 2),
                ("Księgowość", 3),
                ("Pisanie projektów", 2),
                ("Promocja", 3),
                ("Prawo", 2),
                ("Zarządzanie wolontariuszami", 3),
            ]
        },
        "formy": rng.sample(FORMATS, k=rng.randint(1, 3)),
        "termin": rng.choices(TIMES, weights=[2, 8, 4, 2])[0],
        "szkolenia": rng.choice(["tak", "nie"]),
        "ocena_wsparcia": leaning(rng, 4) if rng.random() > 0.15 else "nw",
    }
    if answers["szkolenia"] == "tak" and rng.random() > 0.4:
        answers["jakie_szkolenia"] = rng.choice(
            ["Szkolenie z rozliczania dotacji – bardzo przydatne.", "Warsztat z promocji w internecie."]
        )
    if rng.random() > 0.3:
        answers["bariery"] = {"selected": rng.sample(BARRIERS, k=rng.randint(1, 2))}
    return answers


def diagnosis_answers(rng: random.Random) -> dict:
    answers = {
        "sektor": rng.choices(
            ["Organizację pozarządową", "Urząd Gminy i Miasta lub jednostkę gminną", "Inną instytucję"],
            weights=[7, 3, 1],
        )[0],
        "polityki": {row: leaning(rng, 3) for row in POLICIES},
        "zadania": {row: leaning(rng, 3) if rng.random() > 0.1 else "nw" for row in TASKS},
        "infrastruktura": {row: leaning(rng, 4) for row in INFRASTRUCTURE},
        "ocena_ogolna": leaning(rng, 3),
    }
    if rng.random() > 0.4:
        answers["rekomendacje"] = rng.choice(RECOMMENDATIONS)
    return answers


def add_responses(context: DemoContext, survey: SurveyPage, count: int, make, seed: int, **fields) -> None:
    if SurveyResponse.objects.filter(survey=survey).exists():
        return
    rng = random.Random(seed)
    start = survey.opens_at or timezone.now() - datetime.timedelta(days=14)
    end = min(survey.closes_at or timezone.now(), timezone.now())
    span = (end - start).total_seconds()
    for number in range(count):
        moment = start + datetime.timedelta(seconds=rng.uniform(0, span))
        response = SurveyResponse(
            survey=survey,
            submitted_at=moment,
            confirmed_at=moment,
            status=SurveyResponse.Status.CONFIRMED,
            answers=make(rng),
        )
        if survey.response_mode == SurveyPage.Mode.PER_PERSON:
            response.email = f"respondent{number + 1:02d}@example.org"
        response.save()
    context.note(f"{count} odpowiedzi na ankietę „{survey.title}”")


def load(context: DemoContext) -> None:
    index = ensure_index(context)
    context.pages["surveys"] = index
    training = training_survey(context, index)
    diagnosis = diagnosis_survey(context, index)
    add_responses(context, training, 36, training_answers, seed=7)
    add_responses(context, diagnosis, 22, diagnosis_answers, seed=11)
