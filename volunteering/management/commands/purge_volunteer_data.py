"""Apply the retention rules of the volunteer database (run daily from cron)."""

from django.core.management.base import BaseCommand, CommandError

from volunteering.services import purge


def days(value: str) -> int:
    try:
        number = int(value)
    except ValueError as error:
        raise CommandError(f"Podaj liczbę dni, a nie „{value}”.") from error
    if number < 1:
        raise CommandError("Liczba dni musi być dodatnia.")
    return number


class Command(BaseCommand):
    help = (
        "Usuwa niepotwierdzone zapisy po VOLUNTEERING_UNCONFIRMED_DAYS dniach i anonimizuje rekordy "
        "po okresie przechowywania (VOLUNTEERING_RETENTION_DAYS) lub po wycofaniu zgody "
        "(VOLUNTEERING_WITHDRAWN_GRACE_DAYS). Opcje nadpisują ustawienia."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Tylko policz, niczego nie zmieniaj.")
        parser.add_argument(
            "--retention-days", type=days, help="Okres przechowywania danych aktywnych wolontariuszy (dni)."
        )
        parser.add_argument(
            "--unconfirmed-days", type=days, help="Po ilu dniach usunąć niepotwierdzony zapis."
        )
        parser.add_argument(
            "--withdrawn-grace-days", type=days, help="Po ilu dniach od wycofania zgody anonimizować rekord."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = purge(
            dry_run=dry_run,
            retention_days=options.get("retention_days"),
            unconfirmed_days=options.get("unconfirmed_days"),
            grace_days=options.get("withdrawn_grace_days"),
        )
        prefix = "Do zmiany" if dry_run else "Zmieniono"
        self.stdout.write(
            f"{prefix}: usunięte niepotwierdzone zapisy {counts['unconfirmed_deleted']}, "
            f"zanonimizowane po okresie przechowywania {counts['expired_anonymised']}, "
            f"zanonimizowane po wycofaniu zgody {counts['withdrawn_anonymised']}, "
            f"zanonimizowane zgłoszenia do ofert {counts['applications_anonymised']}."
        )
