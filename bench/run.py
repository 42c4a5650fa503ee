#!/usr/bin/env python
"""Benchmark of the public pages and API endpoints on a large data set (see bench/README.md).

    .venv/bin/python bench/run.py                      # temporary SQLite file, small data set
    .venv/bin/python bench/run.py --database-url postgres://cop:cop@127.0.0.1:5432/cop --scale full \
        --search-ngos 100000

Builds a throwaway database (created and dropped here; for PostgreSQL it is ``<name>_bench`` next to
the database the URL names, which is never touched), loads the demo content of every app, lets every
app's ``bench.py`` add its large data set, then measures each target in-process (Django's test client,
the full middleware stack): SQL queries per request, median and p95 time over N requests, and the
median as a multiple of a bare ``HttpResponse`` view measured in the same run (the issue's baseline)
and, for the cold column, of an empty page in the site's base template (``×rama``: what the page's
own content costs on top of the header, navigation and footer every page shares).
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
SIZE_NAMES = ["news", "ngos", "events", "registrations", "volunteers", "bookings", "survey_responses"]

# The targets, printed next to the figures (misses are flagged).
MAX_PAGE_QUERIES = 12
DIRECTORY_MAX_RATIO_COLD = 3.0
DIRECTORY_MAX_RATIO_CACHED = 1.3
SEARCH_MAX_P95_MS = 100.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="",
        help="PostgreSQL server to use, e.g. postgres://cop:cop@127.0.0.1:5432/cop "
        "(the benchmark creates and drops <name>_bench there). Default: a temporary SQLite file.",
    )
    parser.add_argument(
        "--rows",
        type=int,
        default=400,
        help="number of events; the other data sets keep the issue's proportions "
        "(NGOs 2.5×, registrations 25×, volunteers 10×, bookings 5×; default 400)",
    )
    parser.add_argument(
        "--scale",
        choices=["small", "full"],
        default="small",
        help="full: the issue's data set (5,000 NGOs, 2,000 events, 50,000 registrations, "
        "20,000 volunteers, 10,000 bookings, 5,000 survey responses, 2,000 news items); small: --rows",
    )
    parser.add_argument(
        "--size",
        action="append",
        default=[],
        metavar="NAME=N",
        help="one data set's size, e.g. --size ngos=10000 (names: " + ", ".join(SIZE_NAMES) + ")",
    )
    parser.add_argument(
        "--search-ngos",
        type=int,
        default=0,
        metavar="N",
        help="after the page measurements grow the directory to N organisations and time the "
        "directory's full-text search (the issue: 100000 on PostgreSQL)",
    )
    parser.add_argument("--requests", type=int, default=30, help="timed requests per target (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first (default 3)")
    parser.add_argument("--only", default="", help="measure only targets whose name or URL contains this")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--show-queries", action="store_true", help="print the SQL of each measured target's request"
    )
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="measure only the search (--search-ngos) in the database a --keep-database run left, "
        "migrated to the current code, without building anything (and keep it)",
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="do not drop the throwaway database at the end (to study its queries with EXPLAIN, or to "
        "re-time the search with --reuse-database); the next run without --reuse-database replaces it",
    )
    args = parser.parse_args(argv)
    args.sizes = {}
    for item in args.size:
        name, _sep, value = item.partition("=")
        if name not in SIZE_NAMES or not value.isdigit():
            parser.error(f"--size {item}: expected NAME=N with NAME one of {', '.join(SIZE_NAMES)}")
        args.sizes[name] = int(value)
    return args


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
    from home.bench import FULL_SIZES, BenchContext
    from home.demo import load_all_apps

    started = time.perf_counter()
    sizes = {**(FULL_SIZES if args.scale == "full" else {}), **args.sizes}
    context = BenchContext(rows=args.rows, demo=load_all_apps(), sizes=sizes)
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


def percentile(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))]


def measure(client, url, requests, warmup, expected_status=200, cold=False, show_queries=False):
    """Queries of one request, median and p95 of ``requests`` requests, and the page cache's answers.

    ``cold``: the cache is emptied before every request (what a page costs when nothing is cached:
    the first visitor after a publish, or any URL no one asked for lately); otherwise the cache is
    warm (the warm-up requests filled it), as for the many visitors who follow.
    """
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def prepare():
        if cold:
            for name in caches:
                caches[name].clear()

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
    if show_queries:
        print(f"\n{url} ({'bez pamięci' if cold else 'z pamięcią'}): {query_count} zapytań")
        for query in queries.captured_queries:
            print(f"  {query['sql'][:120]} … {query['sql'][-260:]}")
    size = len(response.content) if not response.streaming else 0
    timings = []
    cache_hits = 0
    gc.collect()
    for _ in range(requests):
        prepare()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cache_hits += response.get("X-Cache", "").upper().startswith("HIT")
    timings.sort()
    return {
        "queries": query_count,
        "median_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 0.95),
        "bytes": size,
        "cache_hits": cache_hits,
    }


def measure_target(client, target, args, bare, frame):
    """Both columns of one target: cold (cache emptied before each request) and cached (warm)."""
    result = {"name": target.name, "url": target.url, "kind": target.kind}
    for column, cold in (("cold", True), ("cached", False)):
        if column == "cached" and target.uncached:
            result[column] = None  # measured only cold on purpose (e.g. the sitemap's rebuild)
            continue
        figures = measure(
            client, target.url, args.requests, args.warmup, target.status, cold, args.show_queries
        )
        figures["ratio"] = figures["median_ms"] / bare["median_ms"]
        figures["frame_ratio"] = figures["median_ms"] / frame["median_ms"]
        result[column] = figures
    result["misses"] = misses(result)
    return result


def is_directory(result) -> bool:
    return result["name"] == "katalog organizacji"


def misses(result) -> list[str]:
    """The issue's targets this result misses, in words."""
    found = []
    cold, cached = result["cold"], result["cached"]
    if result["kind"] == "page" and cold["queries"] > MAX_PAGE_QUERIES:
        found.append(f"{cold['queries']} zapytań > {MAX_PAGE_QUERIES}")
    if is_directory(result):
        if cold["ratio"] > DIRECTORY_MAX_RATIO_COLD:
            found.append(f"bez pamięci {cold['ratio']:.1f}× > {DIRECTORY_MAX_RATIO_COLD:g}×")
        if cached and cached["ratio"] > DIRECTORY_MAX_RATIO_CACHED:
            found.append(f"z pamięcią {cached['ratio']:.1f}× > {DIRECTORY_MAX_RATIO_CACHED:g}×")
    return found


def refresh_statistics():
    """``ANALYZE`` after a bulk load, as autovacuum would do on a server: with the statistics of the
    empty tables PostgreSQL plans the search as nested loops over every row (371 ms instead of 13 ms
    for one directory search at 5,000 organisations)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure_search(client, args, context, bare):
    """Grow the directory to ``--search-ngos`` organisations, then time each app's search targets."""
    results = []
    for module in app_bench_modules():
        if not hasattr(module, "search_targets"):
            continue
        started = time.perf_counter()
        built = module.grow_for_search(context, args.search_ngos)
        refresh_statistics()
        print(
            f"Wyszukiwanie, dane {module.__name__}: {built} ({time.perf_counter() - started:.1f} s)",
            flush=True,
        )
        for target in module.search_targets(context):
            figures = measure(client, target.url, args.requests, args.warmup, target.status, cold=True)
            figures.update(name=target.name, url=target.url, kind=target.kind)
            figures["ratio"] = figures["median_ms"] / bare["median_ms"]
            figures["misses"] = (
                [f"p95 {figures['p95_ms']:.0f} ms > {SEARCH_MAX_P95_MS:g} ms"]
                if figures["p95_ms"] > SEARCH_MAX_P95_MS
                else []
            )
            results.append(figures)
    return results


def main(argv=None):
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="cop-bench-"))
    configure(args, workdir)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from bench.urls import BARE_URL, EMPTY_PAGE_URL

    if args.reuse_database:
        try:
            return reuse_for_search(args)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"Baza: {connection.vendor}, tymczasowa baza {os.environ['COP_BENCH_DB_NAME']}", flush=True)
    started = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    print(f"Migracje: {time.perf_counter() - started:.1f} s", flush=True)
    try:
        context = build(args)
        refresh_statistics()  # as autovacuum does after a bulk load; otherwise plans use empty-table statistics
        targets = collect_targets(context, args.only)
        client = Client()
        bare = measure(client, BARE_URL, args.requests * 3, args.warmup)
        frame = measure(client, EMPTY_PAGE_URL, args.requests * 3, args.warmup, cold=True)
        results = [measure_target(client, target, args, bare, frame) for target in targets]
        report(args, connection.vendor, context, bare, results, [], frame)
        search = measure_search(client, args, context, bare) if args.search_ngos else []
        if search:
            report_search(connection.vendor, search)
        if args.json:
            write_json(
                args.json,
                {
                    "database": connection.vendor,
                    "rows": args.rows,
                    "scale": args.scale,
                    "requests": args.requests,
                    "built": context.built,
                    "bare": bare,
                    "empty_page": frame,
                    "results": results,
                    "search": search,
                },
            )
    finally:
        if args.keep_database:
            print(f"Baza zachowana: {os.environ['COP_BENCH_DB_NAME']}", flush=True)
        else:
            connection.creation.destroy_test_db(os.environ["DATABASE_URL"], verbosity=0, keepdb=False)
        shutil.rmtree(workdir, ignore_errors=True)


def reuse_for_search(args):
    """``--reuse-database``: migrate the kept database and time the search targets there again."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.urls import BARE_URL
    from home.bench import BenchContext

    if not args.search_ngos:
        sys.exit("--reuse-database measures the search: give --search-ngos N as well")
    connection.close()
    connection.settings_dict["NAME"] = os.environ["COP_BENCH_DB_NAME"]
    print(f"Baza: {connection.vendor}, zachowana baza {connection.settings_dict['NAME']}", flush=True)
    call_command("migrate", verbosity=0)
    client = Client()
    bare = measure(client, BARE_URL, args.requests * 3, args.warmup)
    search = measure_search(client, args, BenchContext(rows=args.rows), bare)
    report_search(connection.vendor, search)
    if args.json:
        write_json(args.json, {"database": connection.vendor, "bare": bare, "search": search})


def write_json(path: Path, results: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2))


def report(args, vendor, context, bare, results, search=(), frame=None):
    print()
    print(
        f"Dane: {', '.join(context.built) or 'tylko demonstracyjne'}; {args.requests} żądań na cel ({vendor})"
    )
    print(
        f"Goły widok Django (ta sama warstwa middleware): mediana {bare['median_ms']:.2f} ms, "
        f"p95 {bare['p95_ms']:.2f} ms, zapytań SQL: {bare['queries']}"
    )
    print(
        f"Pusta strona serwisu (szablon bazowy: nagłówek, nawigacja, stopka; bez pamięci): mediana "
        f"{frame['median_ms']:.2f} ms, p95 {frame['p95_ms']:.2f} ms, zapytań SQL: {frame['queries']} "
        "– kolumna ×rama to krotność tej strony"
    )
    print(
        f"Cele: strona publiczna ≤ {MAX_PAGE_QUERIES} zapytań; katalog organizacji ≤ "
        f"{DIRECTORY_MAX_RATIO_COLD:g}× gołego widoku bez pamięci podręcznej i ≤ {DIRECTORY_MAX_RATIO_CACHED:g}× "
        f"z pamięcią; wyszukiwanie p95 ≤ {SEARCH_MAX_P95_MS:g} ms. "
        "„bez pamięci”: pamięć podręczna czyszczona przed każdym żądaniem; „z pamięcią”: rozgrzana "
        "(HIT: ile odpowiedzi miało nagłówek X-Cache: HIT)."
    )
    header = (
        f"{'cel':<40} {'zapytań':>7} │ {'bez pamięci: med':>16} {'p95':>7} {'×goły':>6} {'×rama':>6} │ "
        f"{'z pamięcią: zap.':>16} {'med':>7} {'p95':>7} {'×goły':>6} {'HIT':>4} │ {'KiB':>6}  uwagi"
    )
    print()
    print(header)
    print("-" * len(header))
    for kind in ("page", "api"):
        for r in (r for r in results if r["kind"] == kind):
            cold, cached = r["cold"], r["cached"]
            if cached:
                warm = (
                    f"{cached['queries']:>16} {cached['median_ms']:>7.2f} {cached['p95_ms']:>7.2f} "
                    f"{cached['ratio']:>6.1f} {cached['cache_hits']:>4}"
                )
            else:
                warm = f"{'–':>16} {'':>7} {'':>7} {'':>6} {'':>4}"
            flag = ("NIE SPEŁNIA: " + "; ".join(r["misses"])) if r["misses"] else ""
            print(
                f"{r['name'][:40]:<40} {cold['queries']:>7} │ {cold['median_ms']:>16.2f} {cold['p95_ms']:>7.2f} "
                f"{cold['ratio']:>6.1f} {cold['frame_ratio']:>6.1f} │ {warm} │ {cold['bytes'] / 1024:>6.1f}  {flag or r['url']}"
            )
    missed = [r for r in results if r["misses"]]
    print()
    print(f"Niespełnione cele: {len(missed)}" + ("" if missed else " (wszystkie cele spełnione)"), flush=True)


def report_search(vendor, search):
    if search:
        print()
        print(f"Wyszukiwanie w katalogu ({vendor}, pamięć podręczna czyszczona przed każdym żądaniem):")
        header = f"{'zapytanie':<48} {'zapytań':>7} {'mediana ms':>11} {'p95 ms':>8}  uwagi"
        print(header)
        print("-" * len(header))
        for r in search:
            flag = ("NIE SPEŁNIA: " + "; ".join(r["misses"])) if r["misses"] else "ok"
            print(
                f"{r['name'][:48]:<48} {r['queries']:>7} {r['median_ms']:>11.2f} {r['p95_ms']:>8.2f}  {flag}"
            )
    missed = [r for r in search if r["misses"]]
    print()
    print(f"Niespełnione cele wyszukiwania: {len(missed)}" + ("" if missed else " (wszystkie spełnione)"))


if __name__ == "__main__":
    main()
