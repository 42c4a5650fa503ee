"""Operations: the health check, the request log and the production cache/log settings."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connection

from tests.home.test_settings import PRODUCTION_ENV, manage

ROOT = Path(__file__).resolve().parents[2]


def production_shell(code, **extra_env):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "COP_")) and k != "DATABASE_URL"
    }
    env.update(PRODUCTION_ENV, **extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
class TestHealthCheck:
    def test_healthy(self, client, settings):
        settings.COP_PAGE_CACHE_SECONDS = 300
        for _ in range(2):
            response = client.get("/healthz/")
            assert response.status_code == 200
            assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
            assert "no-store" in response["Cache-Control"] and "X-Cache" not in response

    def test_database_down(self, client):
        with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
            response = client.get("/healthz/")
        assert response.status_code == 503
        assert response.json() == {"status": "error", "checks": {"database": "error", "cache": "ok"}}
        assert "refused" not in response.content.decode()  # details go to the log only

    def test_cache_down(self, client):
        with mock.patch(
            "django.core.cache.backends.locmem.LocMemCache.set", side_effect=ConnectionError("redis down")
        ):
            response = client.get("/healthz/")
        assert response.status_code == 503
        assert response.json()["checks"] == {"database": "ok", "cache": "error"}

    def test_only_get(self, client):
        assert client.post("/healthz/").status_code == 405


@pytest.mark.django_db
class TestRequestLog:
    def test_one_line_per_request_with_id_status_and_duration(self, client, home_page, caplog):
        caplog.set_level(logging.INFO, logger="cop.request")
        response = client.get("/?email=jan@example.org")
        (record,) = [r for r in caplog.records if r.name == "cop.request"]
        assert record.request_id == response["X-Request-ID"]
        assert (record.method, record.path, record.status) == ("GET", "/", 200)
        assert record.duration_ms >= 0
        assert "jan@example.org" not in record.getMessage()  # query strings are never logged

    def test_proxy_request_id_is_kept_and_junk_replaced(self, client, home_page):
        assert client.get("/", HTTP_X_REQUEST_ID="nginx-4f1c2a9b")["X-Request-ID"] == "nginx-4f1c2a9b"
        replaced = client.get("/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
        assert replaced != "<script>" and len(replaced) == 32

    def test_not_found_is_logged_with_its_status(self, client, home_page, caplog):
        caplog.set_level(logging.INFO, logger="cop.request")
        client.get("/nie-ma/")
        assert [r.status for r in caplog.records if r.name == "cop.request"] == [404]


class TestProductionSettings:
    def test_json_lines_on_stdout_with_request_id(self):
        result = production_shell(
            "import logging; logging.getLogger('cop.request').info('GET / 200', "
            "extra={'path': '/', 'status': 200, 'duration_ms': 1.5})"
        )
        assert result.returncode == 0, result.stderr
        line = json.loads(result.stdout.strip().splitlines()[-1])
        assert line["level"] == "INFO" and line["logger"] == "cop.request"
        assert line["path"] == "/" and line["status"] == 200 and line["request_id"] == "-"

    def test_redis_for_pages_and_rate_limits_and_http_purger(self):
        result = production_shell(
            "from django.conf import settings as s; import json; print(json.dumps({"
            "'backends': sorted({c['BACKEND'] for c in s.CACHES.values()}), "
            "'prefixes': sorted(c['KEY_PREFIX'] for c in s.CACHES.values()), "
            "'pages': s.COP_PAGE_CACHE_ALIAS, 'seconds': s.COP_PAGE_CACHE_SECONDS, "
            "'ratelimit': s.RATELIMIT_USE_CACHE, 'purger': s.WAGTAILFRONTENDCACHE['default'], "
            "'app': 'wagtail.contrib.frontend_cache' in s.INSTALLED_APPS, 's_maxage': s.COP_FRONTEND_CACHE_SECONDS}))",
            REDIS_URL="redis://127.0.0.1:6379/0",
            COP_FRONTEND_CACHE="http",
            COP_FRONTEND_CACHE_LOCATION="http://127.0.0.1:6081",
        )
        assert result.returncode == 0, result.stderr
        config = json.loads(result.stdout.strip().splitlines()[-1])
        assert config["backends"] == ["django_redis.cache.RedisCache"]
        assert config["prefixes"] == ["cop", "cop-pages"]
        assert (config["pages"], config["ratelimit"], config["seconds"]) == ("pages", "default", 300)
        assert config["purger"]["LOCATION"] == "http://127.0.0.1:6081" and config["app"]
        assert config["s_maxage"] == 300

    def test_without_redis_the_page_cache_is_off(self):
        result = production_shell("from django.conf import settings as s; print(s.COP_PAGE_CACHE_SECONDS)")
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == "0"

    def test_cloudflare_needs_its_token(self):
        env = {**PRODUCTION_ENV, "COP_FRONTEND_CACHE": "cloudflare", "COP_CLOUDFLARE_ZONE_ID": "abc"}
        result = manage("check", env_overrides=env)
        assert result.returncode != 0 and "COP_CLOUDFLARE_BEARER_TOKEN" in result.stderr

    def test_health_check_is_exempt_from_the_https_redirect(self):
        result = production_shell(
            "from django.test import Client; c = Client(HTTP_HOST='ngo.example.org'); "
            "print(c.get('/healthz/').status_code, c.get('/').status_code)"
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == "200 301"

    def test_check_deploy_stays_clean_with_redis_and_a_purger(self):
        env = {
            **PRODUCTION_ENV,
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "COP_FRONTEND_CACHE": "http",
            "COP_FRONTEND_CACHE_LOCATION": "http://127.0.0.1:6081",
        }
        result = manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env)
        assert result.returncode == 0, result.stdout + result.stderr
