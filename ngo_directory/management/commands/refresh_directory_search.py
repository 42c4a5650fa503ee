"""``manage.py refresh_directory_search``: rebuild the directory's search documents (PostgreSQL)."""

from django.core.management.base import BaseCommand

from ngo_directory.search import refresh_all, uses_documents


class Command(BaseCommand):
    help = "Przebudowuje teksty wyszukiwania bazy organizacji (PostgreSQL), np. po odtworzeniu kopii."

    def handle(self, *args, **options):
        if not uses_documents():
            self.stdout.write("Baza SQLite: wyszukiwanie idzie przez indeks Wagtaila, nic do przebudowania.")
            return
        count = refresh_all()
        self.stdout.write(self.style.SUCCESS(f"Przebudowano teksty wyszukiwania: {count} organizacji."))
