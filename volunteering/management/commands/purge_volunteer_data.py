"""Apply the retention rules of the volunteer database (run daily from cron)."""

from django.core.management.base import BaseCommand

from volunteering.services import purge


class Command(BaseCommand):
    help = (
        "Usuwa niepotwierdzone zapisy po VOLUNTEERING_UNCONFIRMED_DAYS dniach i anonimizuje rekordy "
        "po okresie przechowywania (VOLUNTEERING_RETENTION_DAYS) lub po wycofaniu zgody."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Tylko policz, niczego nie zmieniaj.")

    def handle(self, *args, dry_run=False, **options):
        counts = purge(dry_run=dry_run)
        prefix = "Do zmiany" if dry_run else "Zmieniono"
        self.stdout.write(
            f"{prefix}: usunięte niepotwierdzone zapisy {counts['unconfirmed_deleted']}, "
            f"zanonimizowane po okresie przechowywania {counts['expired_anonymised']}, "
            f"zanonimizowane po wycofaniu zgody {counts['withdrawn_anonymised']}, "
            f"zanonimizowane zgłoszenia do ofert {counts['applications_anonymised']}."
        )
