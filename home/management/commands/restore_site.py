"""manage.py restore_site <archiwum> --yes: replace the database and the media files from a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Odtwarza bazę danych i pliki (MEDIA_ROOT) z archiwum utworzonego przez backup_site. "
        "Zastępuje obecne dane, dlatego wymaga --yes. Zatrzymaj wcześniej serwis i procesy zadań."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Plik cop-kopia-….tar.gz.")
        parser.add_argument("--yes", action="store_true", help="Potwierdzam zastąpienie bazy i plików.")
        parser.add_argument("--database", default="default", help="Alias bazy danych (domyślnie default).")

    def handle(self, *args, archive, yes, database, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"Nie ma pliku {path}.")
        try:
            manifest = read_manifest(path)
            if not yes:
                raise CommandError(
                    f"Kopia z {manifest.get('created_at')} ({manifest.get('engine')}) zastąpi obecną bazę "
                    "danych i wszystkie pliki w MEDIA_ROOT. Uruchom ponownie z --yes, aby potwierdzić."
                )
            restore_backup(path, database=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Odtworzono kopię z {manifest['created_at']} ({manifest['media_files']} plików). "
                "Jeśli kod jest nowszy niż kopia, uruchom manage.py migrate."
            )
        )
