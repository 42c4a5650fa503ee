#!/usr/bin/env python
"""Load test: gunicorn + PostgreSQL on the loopback interface, page views, API calls and form posts.

    .venv/bin/python bench/load.py --database-url postgres://cop:cop@127.0.0.1:5432/cop
    .venv/bin/python bench/load.py --database-url postgres://cop:cop@127.0.0.1:5432/cop --scale full \\
        --duration 60 --workers 4 --clients 16

Creates the throwaway database ``<name>_load`` next to the one the URL names (never touched) and fills
it with the benchmark's data (``bench/run.py``'s generator: ``--rows`` or ``--scale full``), or with
``--existing`` uses the database of the URL as it is (only the idempotent demo content is ensured, to
find the pages). Then it starts gunicorn (``--workers`` processes, ``bench/settings.py``: form rate
limit raised, e-mail in memory) on 127.0.0.1 at a free port and, for ``--duration`` seconds, runs
``--clients`` threads, each a visitor with its own cookie jar, mixing:

* page views and API calls (every target of the apps' ``bench.py``);
* form posts: event registration, contact form, volunteer sign-up. Each post first fetches the form
  page (CSRF cookie and token), fills the required fields with a marker unique to this run and leaves
  the honeypot empty.

It reports throughput, latency p50/p95/p99 and errors per kind, then checks that every form post the
site accepted is in the database (counted by the marker). Exit status 1 on any error or lost post.
Only the loopback interface is ever contacted: the script has no option for another host.
"""

import argparse
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urljoin, urlsplit
from urllib.request import HTTPCookieProcessor, Request, build_opener

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"  # loopback only, on purpose
MIX = {"page": 70, "api": 20, "form": 10}  # weights of the request kinds


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://cop:cop@127.0.0.1:5432/cop"),
        help="PostgreSQL server (the script creates and drops <name>_load there), or with --existing "
        "the database to use as it is (default: $DATABASE_URL)",
    )
    parser.add_argument("--existing", action="store_true", help="use the --database-url database as it is")
    parser.add_argument(
        "--rows", type=int, default=400, help="data set size as in bench/run.py (default 400)"
    )
    parser.add_argument("--scale", choices=["small", "full"], default="small", help="as in bench/run.py")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (default 4)")
    parser.add_argument("--clients", type=int, default=12, help="concurrent client threads (default 12)")
    parser.add_argument("--seed", type=int, default=8, help="random seed of the request mix")
    args = parser.parse_args(argv)
    args.size, args.sizes, args.search_ngos = [], {}, 0
    if not urlsplit(args.database_url).scheme.startswith("postgres"):
        parser.error("--database-url: a postgres://… URL (gunicorn's workers need a real database server)")
    return args


# --- the site ---------------------------------------------------------------------------------------


def prepare_database(args, workdir: Path):
    """Django set up against the load database; returns (database URL for gunicorn, targets, cleanup)."""
    from bench import run

    run.configure(args, workdir)
    url = urlsplit(args.database_url)
    name = url.path.lstrip("/") or "cop"
    if args.existing:
        os.environ["COP_BENCH_DB_NAME"] = name
    else:
        os.environ["COP_BENCH_DB_NAME"] = f"{name}_load"
    import django

    django.setup()
    from django.db import connection

    if args.existing:
        from home.bench import BenchContext
        from home.demo import load_all_apps

        context = BenchContext(rows=args.rows, demo=load_all_apps())

        def cleanup():
            pass
    else:
        started = time.perf_counter()
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        print(
            f"Baza {os.environ['COP_BENCH_DB_NAME']}: migracje {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        context = run.build(args)
        run.refresh_statistics()  # as autovacuum does after a bulk load

        def cleanup():
            connection.creation.destroy_test_db(name, verbosity=0, keepdb=False)

    db_url = url._replace(path="/" + connection.settings_dict["NAME"]).geturl()
    targets = [t for t in run.collect_targets(context) if t.status == 200]
    print(f"Dane: {', '.join(context.built) or 'istniejąca baza'}", flush=True)
    return db_url, context, targets, cleanup


def form_urls():
    """The pages whose forms the load posts to, and how to count what was saved from them."""
    import datetime

    from django.utils import timezone

    from events.models import EventPage
    from home.models import ContactFormPage
    from volunteering.models import VolunteerCentrePage

    now = timezone.now()
    events = [
        event
        for event in EventPage.objects.live()
        .public()
        .filter(registration_enabled=True, start__gt=now + datetime.timedelta(days=2))
        .order_by("start")[:40]
        if event.registration_state() == "open"
    ]
    forms = {}
    if events:
        forms["zapis na wydarzenie"] = [event.url for event in events]
    contact = ContactFormPage.objects.live().public().first()
    if contact:
        forms["formularz kontaktowy"] = [contact.url]
    centre = VolunteerCentrePage.objects.live().public().first()
    if centre:
        forms["zapis wolontariusza"] = [centre.url + centre.reverse_subpage("signup")]
    return forms


def saved_with_marker(marker: str) -> dict[str, int]:
    """What the database holds with this run's marker, per form."""
    import json

    from wagtail.contrib.forms.models import FormSubmission

    from events.models import Registration
    from volunteering.models import Volunteer

    return {
        "zapis na wydarzenie": Registration.objects.filter(name__contains=marker).count(),
        "formularz kontaktowy": sum(
            marker in json.dumps(data, ensure_ascii=False)
            for data in FormSubmission.objects.values_list("form_data", flat=True)
        ),
        "zapis wolontariusza": Volunteer.objects.filter(last_name__contains=marker).count(),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(args, db_url: str, workdir: Path, port: int):
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "cop_site.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(args.workers),
        "--timeout",
        "60",
        "--log-level",
        "warning",
        "--error-logfile",
        str(workdir / "gunicorn.log"),
    ]
    process = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    from bench.urls import BARE_URL

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            build_opener().open(f"http://{HOST}:{port}{BARE_URL}", timeout=5).read()
            return process
        except (URLError, ConnectionError, OSError) as error:
            if process.poll() is not None:
                raise SystemExit(
                    f"gunicorn nie wystartował: {(workdir / 'gunicorn.log').read_text()[-2000:]}"
                ) from error
            time.sleep(0.5)
    stop_gunicorn(process)
    raise SystemExit("gunicorn nie odpowiada po 60 s")


def stop_gunicorn(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


# --- the visitors -----------------------------------------------------------------------------------


class FormParser(HTMLParser):
    """The POST forms of a page: action and fields (inputs, textareas, selects with their options)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            self._form["fields"].append({"tag": "input", **attrs})
        elif tag == "textarea":
            self._form["fields"].append({"tag": "textarea", **attrs})
        elif tag == "select":
            self._select = {"tag": "select", "options": [], **attrs}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append((attrs.get("value", ""), "selected" in attrs))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def fill(form: dict, marker: str, number: int) -> list[tuple[str, str]]:
    """Values for a form's required fields (and the CSRF token); optional ones and the honeypot stay empty."""
    data, groups_done = [], set()
    for field in form["fields"]:
        name, kind = field.get("name"), (field.get("type") or "text").lower()
        if not name or name == "website_url" or name.startswith("guardian"):
            continue
        required = "required" in field
        if field["tag"] == "input" and kind in ("hidden",):
            data.append((name, field.get("value", "")))
        elif kind in ("checkbox", "radio"):
            # Single checkboxes (consents) and the first choice of each group.
            if name not in groups_done:
                groups_done.add(name)
                data.append((name, field.get("value", "on")))
        elif field["tag"] == "select":
            # As a browser: the selected (or first) option; a required choice gets the first real one.
            options = field["options"]
            value = next((v for v, selected in options if selected), options[0][0] if options else "")
            if not value and required:
                value = next((v for v, _selected in options if v), "")
            if value:
                data.append((name, value))
        elif not required and name not in ("name", "email"):
            continue
        elif kind == "email":
            data.append((name, f"obciazenie.{marker.lower()}.{number}@example.org"))
        elif kind == "date":
            data.append((name, "1985-04-12"))
        elif kind == "number":
            data.append((name, "30"))
        elif kind == "tel":
            data.append((name, "600100200"))
        elif "date" in name or "urodzenia" in name:
            data.append((name, "1985-04-12"))
        else:
            data.append((name, f"Test {marker} {number}"))
    return data


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.timings = defaultdict(list)
        self.errors = defaultdict(list)
        self.accepted = defaultdict(int)

    def record(self, kind, ms, error=None):
        with self.lock:
            self.timings[kind].append(ms)
            if error:
                self.errors[kind].append(error)


def visitor(base, targets, forms, marker, deadline, stats, rng, counter):
    opener = build_opener(HTTPCookieProcessor(CookieJar()))
    pages = [t.url for t in targets if t.kind == "page"]
    apis = [t.url for t in targets if t.kind == "api"]
    form_kinds = list(forms)

    def get(kind, url):
        started = time.perf_counter()
        try:
            with opener.open(Request(urljoin(base, url)), timeout=30) as response:
                body = response.read()
            stats.record(kind, (time.perf_counter() - started) * 1000)
            return body.decode("utf-8", "replace")
        except (HTTPError, URLError, OSError) as error:
            stats.record(kind, (time.perf_counter() - started) * 1000, f"GET {url}: {error}")
            return None

    while time.monotonic() < deadline:
        kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
        if kind == "page" or (kind == "form" and not form_kinds):
            get("strona", rng.choice(pages))
        elif kind == "api":
            get("API", rng.choice(apis))
        else:
            form_kind = rng.choice(form_kinds)
            url = rng.choice(forms[form_kind])
            html = get(f"{form_kind} (GET)", url)
            if html is None:
                continue
            parser = FormParser()
            parser.feed(html)
            form = next(
                (f for f in parser.forms if any(x.get("name") == "csrfmiddlewaretoken" for x in f["fields"])),
                None,
            )
            if form is None:
                stats.record(f"{form_kind} (POST)", 0, f"{url}: brak formularza na stronie")
                continue
            with counter["lock"]:
                counter["n"] += 1
                number = counter["n"]
            action = urljoin(urljoin(base, url), form["action"])
            body = urlencode(fill(form, marker, number)).encode()
            request = Request(action, data=body, headers={"Referer": urljoin(base, url)})
            started = time.perf_counter()
            try:
                with opener.open(request, timeout=30) as response:
                    answer = response.read().decode("utf-8", "replace")
                ms = (time.perf_counter() - started) * 1000
                if "data-error-summary" in answer:
                    errors = re.findall(r'<li><a href="#[^"]*">([^<]*)</a>', answer)
                    stats.record(
                        f"{form_kind} (POST)", ms, f"{url}: formularz odrzucony: {'; '.join(errors)[:200]}"
                    )
                else:
                    stats.record(f"{form_kind} (POST)", ms)
                    with stats.lock:
                        stats.accepted[form_kind] += 1
            except (HTTPError, URLError, OSError) as error:
                stats.record(
                    f"{form_kind} (POST)", (time.perf_counter() - started) * 1000, f"POST {url}: {error}"
                )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(stats, elapsed, args):
    total = sum(len(t) for t in stats.timings.values())
    errors = sum(len(e) for e in stats.errors.values())
    print()
    print(
        f"Obciążenie: {elapsed:.0f} s, gunicorn {args.workers} procesów, {args.clients} klientów; "
        f"{total} żądań, {total / elapsed:.1f} żądań/s, błędów: {errors}"
    )
    header = f"{'rodzaj':<34} {'żądań':>7} {'na s':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'błędy':>6}"
    print(header)
    print("-" * len(header))
    for kind in sorted(stats.timings):
        values = stats.timings[kind]
        print(
            f"{kind:<34} {len(values):>7} {len(values) / elapsed:>6.1f} {statistics.median(values):>8.1f} "
            f"{percentile(values, 0.95):>8.1f} {percentile(values, 0.99):>8.1f} {len(stats.errors[kind]):>6}"
        )
    for kind, messages in stats.errors.items():
        for message in messages[:5]:
            print(f"  błąd ({kind}): {message}")
    return errors


def main(argv=None):
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="cop-load-"))
    cleanup = None
    process = None
    try:
        db_url, context, targets, cleanup = prepare_database(args, workdir)
        forms = form_urls()
        from django.db import connection

        connection.close()  # the workers get their own connections; ours comes back for the check
        port = free_port()
        process = start_gunicorn(args, db_url, workdir, port)
        base = f"http://{HOST}:{port}"
        marker = "L" + uuid.uuid4().hex[:10].upper()
        print(f"gunicorn na {base}; znacznik wysyłek: {marker}; formularze: {', '.join(forms)}", flush=True)
        stats = Stats()
        counter = {"n": 0, "lock": threading.Lock()}
        started = time.monotonic()
        deadline = started + args.duration
        threads = [
            threading.Thread(
                target=visitor,
                args=(base, targets, forms, marker, deadline, stats, random.Random(args.seed + i), counter),
            )
            for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        stop_gunicorn(process)
        errors = report(stats, elapsed, args)
        saved = saved_with_marker(marker)
        lost = 0
        print()
        print("Przyjęte wysyłki formularzy a zapisy w bazie (po znaczniku):")
        for kind in forms:
            accepted = stats.accepted[kind]
            lost += max(0, accepted - saved[kind])
            verdict = "ok" if saved[kind] == accepted else "NIEZGODNOŚĆ"
            print(f"  {kind:<28} przyjęte {accepted:>6}, w bazie {saved[kind]:>6}  {verdict}")
        print()
        ok = errors == 0 and lost == 0 and all(saved[k] == stats.accepted[k] for k in forms)
        print(f"Cel: 0 błędów, nic nie zginęło – {'SPEŁNIONY' if ok else 'NIE SPEŁNIONY'}")
        return 0 if ok else 1
    finally:
        if process is not None:
            stop_gunicorn(process)
        if cleanup is not None:
            from django.db import connection

            connection.close()
            cleanup()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
