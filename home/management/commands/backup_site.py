"""manage.py backup_site <katalog>: one archive with the database and the media files (home/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Tworzy kopię bazy danych i plików (MEDIA_ROOT) w jednym archiwum w podanym katalogu."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Katalog, w którym zapisać archiwum (zostanie utworzony).")
        parser.add_argument("--database", default="default", help="Alias bazy danych (domyślnie default).")

    def handle(self, *args, directory, database, **options):
        try:
            archive = create_backup(Path(directory), database=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Kopia zapisana: {archive}"))
