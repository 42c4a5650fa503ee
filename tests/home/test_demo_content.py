"""The demo content command: Polish pages from the seeds, idempotent, everything renders."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, Revision, Site


def database_dump() -> dict[tuple[str, str], str]:
    """Every row of every model (except sessions), keyed by (model, primary key)."""
    from django.apps import apps
    from django.core import serializers

    rows = {}
    for model in apps.get_models():
        if model._meta.label == "sessions.Session" or model._meta.proxy:
            continue
        for obj in serializers.serialize("python", model._default_manager.order_by("pk")):
            rows[(obj["model"], str(obj["pk"]))] = repr(sorted(obj["fields"].items()))
    return rows


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_content_loads_twice_without_changes(client):
    call_command("load_demo_content", stdout=io.StringIO())
    counts = (Page.objects.count(), Revision.objects.count(), get_user_model().objects.count())
    first = database_dump()
    second_output = io.StringIO()
    call_command("load_demo_content", stdout=second_output)
    assert (Page.objects.count(), Revision.objects.count(), get_user_model().objects.count()) == counts
    # Not a single row of any model differs after the second run (pages, revisions, accounts, groups,
    # permissions, collections, settings, menus, every app's records).
    second = database_dump()
    assert len(first) > 1000
    changed = sorted(key for key in first.keys() | second.keys() if first.get(key) != second.get(key))
    assert not changed, f"the second run changed {changed[:20]}"
    assert "nic nie zmieniono" in second_output.getvalue()

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    pages = Page.objects.live().descendant_of(site.root_page, inclusive=True).specific()
    titles = {page.title for page in pages}
    assert {"Wspólnie znaczy lepiej", "Aktualności", "Kontakt", "Deklaracja dostępności"} <= titles
    for page in pages:
        response = client.get(
            page.url, HTTP_HOST=site.hostname + (f":{site.port}" if site.port != 80 else "")
        )
        assert response.status_code == 200, page.url


@pytest.mark.django_db
def test_demo_content_refuses_production_without_flag():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_demo_content")


def test_demo_content_needs_only_the_runtime_requirements():
    """`make run` installs requirements.txt only: the demo loader must not import test tools."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "for name in ('factory', 'wagtail_factories', 'faker', 'pytest', 'playwright'):\n"
        "    sys.modules[name] = None  # importing any of them now raises ImportError\n"
        "import django; django.setup()\n"
        "import home.demo, home.management.commands.load_demo_content\n"
        "for app in __import__('django.conf').conf.settings.COP_APPS:\n"
        "    try:\n"
        "        __import__(app + '.demo')\n"
        "    except ModuleNotFoundError as error:\n"
        "        if error.name != app + '.demo': raise\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "cop_site.settings.dev"},
    )
    assert result.returncode == 0, result.stderr
