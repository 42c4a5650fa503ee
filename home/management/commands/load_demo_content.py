"""Load the Polish demo content of every platform app (idempotent) and print the demo accounts."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.demo import load_all_apps


class Command(BaseCommand):
    help = "Wczytuje polskie treści demonstracyjne (ponowne uruchomienie niczego nie zmienia)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Pozwól wczytać treści i konta demonstracyjne, gdy DEBUG=False.",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Treści demonstracyjne tylko w trybie deweloperskim (albo z --allow-production)."
            )
        context = load_all_apps()
        if context.created:
            self.stdout.write(self.style.SUCCESS("Utworzono: " + ", ".join(context.created)))
        else:
            self.stdout.write("Treści demonstracyjne były już wczytane – nic nie zmieniono.")
        self.stdout.write("\nKonta demonstracyjne (panel: /admin/):")
        role_width = max((len(role) for role, _, _ in context.accounts), default=0)
        login_width = max((len(username) for _, username, _ in context.accounts), default=0)
        for role, username, password in context.accounts:
            self.stdout.write(f"  {role:<{role_width}}  login: {username:<{login_width}}  hasło: {password}")
