"""Bench: the survey results with 5,000 responses, against a bare view through the same middleware.

Standalone (no shared bench runner existed on main when the surveys app was written):

    .venv/bin/python bench/surveys_results.py [--responses 5000] [--runs 15]

It builds a throwaway SQLite database in a temporary folder (or uses ``BENCH_DATABASE_URL``, e.g. a
PostgreSQL database of its own), creates the demo training-needs survey with N responses, and prints,
for the staff results page, the CSV and XLSX exports, the public results page and the API results:
the number of queries, the median and p95 time and the ratio to a bare view. Timing never goes into
the tests; this script is where speed is measured.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_site.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ROOT_URLCONF = "bench.surveys_results"
    settings.DEBUG = False
    call_command("migrate", verbosity=0)


def bare(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def __getattr__(name):
    # ``urlpatterns`` is built lazily so that importing this module does not need Django set up.
    if name == "urlpatterns":
        from django.urls import include, path

        return [path("bench-bare/", bare), path("", include("cop_site.urls"))]
    raise AttributeError(name)


def build(responses: int):
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from wagtail.models import Page, Site

    from home.factories import HomePageFactory
    from surveys import demo
    from surveys.factories import SurveyIndexPageFactory, SurveyPageFactory
    from surveys.models import SurveyPage, SurveyResponse

    home = HomePageFactory(parent=Page.get_first_root_node(), slug="bench-start")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "port": 80, "root_page": home}
    )
    index = SurveyIndexPageFactory(parent=home)
    now = timezone.now()
    survey = SurveyPageFactory(
        parent=index,
        title="Rozeznanie potrzeb szkoleniowych (bench)",
        questions=demo.training_questions(),
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=1),
        publish_results=True,
        response_mode=SurveyPage.Mode.ANONYMOUS,
    )
    rng = random.Random(5000)
    rows = []
    for _number in range(responses):
        moment = now - datetime.timedelta(days=rng.uniform(1, 59))
        rows.append(
            SurveyResponse(
                survey=survey,
                submitted_at=moment.replace(minute=0, second=0, microsecond=0),
                confirmed_at=moment.replace(minute=0, second=0, microsecond=0),
                status=SurveyResponse.Status.CONFIRMED,
                answers=demo.training_answers(rng),
            )
        )
    SurveyResponse.objects.bulk_create(rows, batch_size=1000)
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench")
    return survey, user


def measure(client, url: str, runs: int) -> tuple[int, float, float, int]:
    from django.db import connection

    for _ in range(2):
        client.get(url)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return len(queries), statistics.median(timings), p95, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cop-bench-surveys-") as folder:
        setup(os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3")
        from django.test import Client
        from django.urls import reverse

        started = time.perf_counter()
        survey, user = build(args.responses)
        print(f"Built {args.responses} responses in {time.perf_counter() - started:.1f} s\n")
        client = Client()
        client.force_login(user)
        targets = [
            ("bare view (same middleware)", "/bench-bare/"),
            ("admin results page", reverse("surveys_results", args=[survey.pk])),
            (
                "admin results, date filter",
                reverse("surveys_results", args=[survey.pk]) + "?date_from=2000-01-01",
            ),
            ("CSV export", reverse("surveys_export_csv", args=[survey.pk])),
            ("XLSX export", reverse("surveys_export_xlsx", args=[survey.pk])),
            ("public results page", survey.url),
            ("API results", f"/api/cop/v1/surveys/{survey.pk}/results/"),
        ]
        print(f"{'target':32} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'x bare':>7} {'bytes':>9}")
        bare_median = None
        for name, url in targets:
            queries, median, p95, size = measure(client, url, args.runs)
            bare_median = bare_median or median
            print(f"{name:32} {queries:7d} {median:10.1f} {p95:8.1f} {median / bare_median:7.1f} {size:9d}")


if __name__ == "__main__":
    main()
