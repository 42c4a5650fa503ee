"""backup_site / restore_site (home/backup.py): a round trip on SQLite and on PostgreSQL."""

import io
import json
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.documents.models import Document
from wagtail.models import Page

from home.backup import MANIFEST, find_pg_tool
from home.factories import StandardPageFactory


@pytest.fixture
def media_on_disk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


def backup(directory):
    call_command("backup_site", str(directory), verbosity=0)
    (archive,) = directory.glob("cop-kopia-*.tar.gz")
    return archive


def round_trip(home_page, media_on_disk, tmp_path):
    page = StandardPageFactory(parent=home_page, title="Sprawozdanie 2026", slug="sprawozdanie")
    document = Document.objects.create(
        title="Statut", file=ContentFile(b"%PDF-1.4 statut", name="statut.pdf")
    )
    document_path = media_on_disk / document.file.name
    assert document_path.read_bytes() == b"%PDF-1.4 statut"

    archive = backup(tmp_path / "kopie")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
    assert manifest["media_files"] == 1
    assert "wagtailcore" in manifest["migrations"]
    assert "PASSWORD" not in json.dumps(manifest).upper()

    # Disaster: the page and the document are deleted, the file is gone, something new was added.
    page.delete()
    document.delete()
    document_path.unlink(missing_ok=True)
    StandardPageFactory(parent=Page.objects.get(pk=home_page.pk), title="Dodana po kopii", slug="po-kopii")
    assert not Page.objects.filter(title="Sprawozdanie 2026").exists()

    call_command("restore_site", str(archive), "--yes", verbosity=0)

    assert Page.objects.get(slug="sprawozdanie").title == "Sprawozdanie 2026"
    assert Document.objects.get(title="Statut").file.name == document.file.name
    assert document_path.read_bytes() == b"%PDF-1.4 statut"
    assert not Page.objects.filter(slug="po-kopii").exists()
    return archive


@pytest.mark.django_db(transaction=True)
def test_round_trip(home_page, media_on_disk, tmp_path, client):
    """On SQLite in the SQLite pass of the suite, on PostgreSQL in the PostgreSQL pass."""
    from django.db import connection

    archive = round_trip(home_page, media_on_disk, tmp_path)
    expected = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}[connection.vendor]
    with tarfile.open(archive) as tar:
        assert expected in tar.getnames()
    assert client.get("/sprawozdanie/").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgresql_backup_is_a_pg_dump_archive(home_page, media_on_disk, tmp_path):
    archive = round_trip(home_page, media_on_disk, tmp_path)
    with tarfile.open(archive) as tar:
        assert tar.extractfile("database.dump").read(5) == b"PGDMP"  # pg_dump's custom format
    assert find_pg_tool("pg_restore").endswith("pg_restore")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_without_yes_and_changes_nothing(home_page, media_on_disk, tmp_path):
    archive = backup(tmp_path / "kopie")
    StandardPageFactory(parent=home_page, slug="zostaje")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore_site", str(archive))
    assert Page.objects.filter(slug="zostaje").exists()


@pytest.mark.django_db(transaction=True)
def test_damaged_archive_is_refused_before_anything_changes(home_page, media_on_disk, tmp_path):
    archive = backup(tmp_path / "kopie")
    damaged = tmp_path / "uszkodzona.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media.tar":
                data = data[:-10] + b"x" * 10
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    StandardPageFactory(parent=home_page, slug="zostaje")
    with pytest.raises(CommandError, match="uszkodzony"):
        call_command("restore_site", str(damaged), "--yes")
    assert Page.objects.filter(slug="zostaje").exists()

    not_a_backup = tmp_path / "notatki.txt"
    not_a_backup.write_text("to nie jest kopia")
    with pytest.raises(CommandError, match="nie jest kopią"):
        call_command("restore_site", str(not_a_backup), "--yes")
