"""Settings: language, time zone, security headers and the production hardening."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cop_site.settings.production",
    "DJANGO_SECRET_KEY": "k7#Qz!v9Lm2@xR4pT8wY1&nB6cF0jH3sD5gA7eU9iO2qW4zX6vN8mK1lP3rT5yE7uI9",
    "DJANGO_ALLOWED_HOSTS": "ngo.example.org",
    "DATABASE_URL": "sqlite:////tmp/cop-check.sqlite3",
}


def manage(*args, env_overrides=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(env_overrides or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "pl"
    assert settings.TIME_ZONE == "Europe/Warsaw"
    assert settings.USE_TZ
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_production_passes_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_secrets(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env_overrides=env)
    assert result.returncode != 0
    assert missing in result.stderr


def production_setting(name, env_overrides=None):
    code = f"from django.conf import settings; print(settings.{name})"
    result = manage(
        "shell", "--no-imports", "-c", code, env_overrides={**PRODUCTION_ENV, **(env_overrides or {})}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_links_in_emails_use_the_public_address():
    """Invitation and moderation e-mails carry links: never the development address in production."""
    assert production_setting("WAGTAILADMIN_BASE_URL") == "https://ngo.example.org"
    assert production_setting("WAGTAILAPI_BASE_URL") == "https://ngo.example.org"
    explicit = {"WAGTAILADMIN_BASE_URL": "https://cop.czerwionka-leszczyny.pl/"}
    assert production_setting("WAGTAILADMIN_BASE_URL", explicit) == "https://cop.czerwionka-leszczyny.pl"
    result = manage("check", env_overrides={**PRODUCTION_ENV, "DJANGO_ALLOWED_HOSTS": "*"})
    assert result.returncode != 0 and "WAGTAILADMIN_BASE_URL" in result.stderr


@pytest.mark.django_db
def test_strict_csp_on_public_pages_relaxed_in_admin(client, home_page, admin_user):
    public = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in public and "unsafe-inline" not in public
    # Only under /admin/: look-alike paths, the API docs and error pages keep the strict policy.
    for path in ("/administracja/", "/api/cop/v1/docs/", "/nie-ma-takiej-strony/"):
        policy = client.get(path)["Content-Security-Policy"]
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
    client.force_login(admin_user)
    admin = client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in admin
    assert "'unsafe-inline'" in client.get("/admin/pages/")["Content-Security-Policy"]


@pytest.mark.django_db
def test_admin_is_polish(client, admin_user, home_page):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert 'lang="pl"' in html
    assert "Strony" in html


@pytest.mark.django_db
def test_referrer_and_nosniff_headers(client, home_page):
    response = client.get("/")
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_upload_limits_reject_oversized_documents_and_images():
    """Documents and images: 10 MB at most, refused with a message naming the limit; other file types
    than the allowed document formats are refused too."""
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.fields import WagtailDocumentField
    from wagtail.images.fields import WagtailImageField

    limit = 10 * 1024 * 1024
    too_big = SimpleUploadedFile("sprawozdanie.pdf", b"%PDF-1.4\n" + b"0" * limit, "application/pdf")
    with pytest.raises(ValidationError) as error:
        WagtailDocumentField().clean(too_big)
    assert "10,0" in str(error.value) or "10.0" in str(error.value)
    fine = SimpleUploadedFile("sprawozdanie.pdf", b"%PDF-1.4\n" + b"0" * 1024, "application/pdf")
    assert WagtailDocumentField().clean(fine) is fine
    from wagtail.documents import get_document_model

    program = get_document_model()(
        title="Program", file=SimpleUploadedFile("program.exe", b"MZ" + b"0" * 100)
    )
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert "file" in error.value.message_dict

    big_image = SimpleUploadedFile("plakat.png", b"\x89PNG\r\n\x1a\n" + b"0" * limit, "image/png")
    with pytest.raises(ValidationError) as error:
        WagtailImageField().clean(big_image)
    assert "10,0" in str(error.value) or "10.0" in str(error.value)
