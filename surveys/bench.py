"""Bench data and targets of the surveys, for ``bench/run.py`` on main (``home.bench`` pattern).

``build`` adds ``context.size("survey_responses")`` (5,000 at ``--scale full``) confirmed responses to the demo cooperation diagnosis (closed, results published);
``targets`` are what an anonymous visitor reaches: the published results page and the API. The staff
results page needs a login, which the shared runner's client does not have: it is measured by the
standalone ``bench/surveys_results.py`` (5,000 responses, against a bare view).
"""

import datetime
import random

from home.bench import BenchContext, Target  # on main once foundation-qa's bench/ is merged

from . import demo
from .models import SurveyPage, SurveyResponse

RESPONSES = 5000
DIAGNOSIS_SLUG = "diagnoza-wspolpracy-ngo-samorzad"


def build(context: BenchContext) -> None:
    survey = SurveyPage.objects.get(slug=DIAGNOSIS_SLUG)
    count = context.size("survey_responses")
    rng = random.Random(RESPONSES)
    start = survey.opens_at
    span = (survey.closes_at - survey.opens_at).total_seconds()
    rows = []
    for number in range(count):
        moment = start + datetime.timedelta(seconds=rng.uniform(0, span))
        rows.append(
            SurveyResponse(
                survey=survey,
                submitted_at=moment,
                confirmed_at=moment,
                status=SurveyResponse.Status.CONFIRMED,
                email=f"bench{number:05d}@example.org",
                answers=demo.diagnosis_answers(rng),
            )
        )
    SurveyResponse.objects.bulk_create(rows, batch_size=1000)
    context.note(f"{count} odpowiedzi na ankietę „{survey.title}”")


def targets(context: BenchContext) -> list[Target]:
    diagnosis = SurveyPage.objects.get(slug=DIAGNOSIS_SLUG)
    training = SurveyPage.objects.get(slug="rozeznanie-potrzeb-szkoleniowych")
    return [
        Target("ankieta: wyniki publiczne", diagnosis.url),
        Target("ankieta: formularz", training.url),
        Target("API: otwarte ankiety", "/api/cop/v1/surveys/", kind="api"),
        Target("API: ankieta z pytaniami", f"/api/cop/v1/surveys/{training.pk}/", kind="api"),
        Target(
            "API: wyniki ankiety",
            f"/api/cop/v1/surveys/{diagnosis.pk}/results/",
            kind="api",
        ),
    ]
