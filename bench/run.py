#!/usr/bin/env python
"""Benchmark of the public pages and API endpoints on a large data set (see bench/README.md).

    .venv/bin/python bench/run.py                      # temporary SQLite file, 2,000 rows per app
    .venv/bin/python bench/run.py --database-url postgres://cop:cop@127.0.0.1:5432/cop --rows 5000

Builds a throwaway database (created and dropped here; for PostgreSQL it is ``<name>_bench`` next to
the database the URL names, which is never touched), loads the demo content of every app, lets every
app's ``bench.py`` add its large data set, then measures each target in-process (Django's test client,
the full middleware stack): SQL queries per request, median and p95 time over N requests, and the
median as a multiple of a bare ``HttpResponse`` view measured in the same run.
"""

import argparse
import gc
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="",
        help="PostgreSQL server to use, e.g. postgres://cop:cop@127.0.0.1:5432/cop "
        "(the benchmark creates and drops <name>_bench there). Default: a temporary SQLite file.",
    )
    parser.add_argument("--rows", type=int, default=2000, help="size of each app's main list (default 2000)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per target (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first (default 3)")
    parser.add_argument("--only", default="", help="measure only targets whose name or URL contains this")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    return parser.parse_args(argv)


def configure(args, workdir: Path) -> None:
    """Environment for bench.settings, before Django starts."""
    if args.database_url:
        url = urlsplit(args.database_url)
        if not url.scheme.startswith("postgres"):
            sys.exit("--database-url: only postgres://… URLs (SQLite is the default)")
        os.environ["DATABASE_URL"] = args.database_url
        os.environ["COP_BENCH_DB_NAME"] = f"{url.path.lstrip('/') or 'cop'}_bench"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'unused.sqlite3'}"
        os.environ["COP_BENCH_DB_NAME"] = str(workdir / "bench.sqlite3")
    os.environ["COP_BENCH_MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_STATIC_ROOT"] = str(workdir / "static")
    (workdir / "static").mkdir()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))


def app_bench_modules():
    from importlib import import_module

    from django.conf import settings
    from django.utils.module_loading import module_has_submodule

    return [
        import_module(f"{app}.bench")
        for app in settings.COP_APPS
        if module_has_submodule(import_module(app), "bench")
    ]


def build(args):
    from home.bench import BenchContext
    from home.demo import load_all_apps

    started = time.perf_counter()
    context = BenchContext(rows=args.rows, demo=load_all_apps())
    print(f"Treści demonstracyjne: {time.perf_counter() - started:.1f} s", flush=True)
    for module in app_bench_modules():
        if hasattr(module, "build"):
            started = time.perf_counter()
            module.build(context)
            print(f"Dane {module.__name__}: {time.perf_counter() - started:.1f} s", flush=True)
    return context


def collect_targets(context, only=""):
    targets = []
    for module in app_bench_modules():
        if hasattr(module, "targets"):
            targets += module.targets(context)
    return [t for t in targets if only in t.name or only in t.url]


def measure(client, url, requests, warmup, expected_status=200, uncached=False):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def prepare():
        if uncached:
            cache.clear()

    for _ in range(warmup):
        prepare()
        response = client.get(url)
        if response.status_code != expected_status:
            raise SystemExit(f"{url}: status {response.status_code}, expected {expected_status}")
    prepare()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Count now: the captured slice reads the connection's live log, which the next request resets.
    query_count = len(queries)
    size = len(response.content) if not response.streaming else 0
    timings = []
    gc.collect()
    for _ in range(requests):
        prepare()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {"queries": query_count, "median_ms": statistics.median(timings), "p95_ms": p95, "bytes": size}


def main(argv=None):
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="cop-bench-"))
    configure(args, workdir)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from bench.urls import BARE_URL

    print(f"Baza: {connection.vendor}, tymczasowa baza {os.environ['COP_BENCH_DB_NAME']}", flush=True)
    started = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    print(f"Migracje: {time.perf_counter() - started:.1f} s", flush=True)
    try:
        context = build(args)
        targets = collect_targets(context, args.only)
        client = Client()
        bare = measure(client, BARE_URL, args.requests * 3, args.warmup)
        results = []
        for target in targets:
            result = measure(client, target.url, args.requests, args.warmup, target.status, target.uncached)
            result.update(name=target.name, url=target.url, kind=target.kind)
            result["ratio"] = result["median_ms"] / bare["median_ms"]
            results.append(result)
        report(args, connection.vendor, context, bare, results)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(
                json.dumps(
                    {
                        "database": connection.vendor,
                        "rows": args.rows,
                        "requests": args.requests,
                        "built": context.built,
                        "bare": bare,
                        "results": results,
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
    finally:
        connection.creation.destroy_test_db(os.environ["DATABASE_URL"], verbosity=0, keepdb=False)
        shutil.rmtree(workdir, ignore_errors=True)


def report(args, vendor, context, bare, results):
    print()
    print(
        f"Dane: {', '.join(context.built) or 'tylko demonstracyjne'}; {args.requests} żądań na cel ({vendor})"
    )
    print(
        f"Goły widok Django (ta sama warstwa middleware): mediana {bare['median_ms']:.2f} ms, "
        f"p95 {bare['p95_ms']:.2f} ms, zapytań SQL: {bare['queries']}"
    )
    header = f"{'cel':<38} {'zapytań':>7} {'mediana ms':>11} {'p95 ms':>8} {'× goły':>8} {'KiB':>6}  adres"
    print()
    print(header)
    print("-" * len(header))
    for kind in ("page", "api"):
        for r in (r for r in results if r["kind"] == kind):
            print(
                f"{r['name'][:38]:<38} {r['queries']:>7} {r['median_ms']:>11.2f} {r['p95_ms']:>8.2f} "
                f"{r['ratio']:>8.1f} {r['bytes'] / 1024:>6.1f}  {r['url']}"
            )


if __name__ == "__main__":
    main()
