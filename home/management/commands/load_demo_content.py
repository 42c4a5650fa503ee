"""Load the Polish demo content of every platform app (idempotent) and print the demo accounts."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from home.demo import DemoContext


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
        context = DemoContext()
        for app_name in settings.COP_APPS:
            if module_has_submodule(import_module(app_name), "demo"):
                with transaction.atomic():
                    import_module(f"{app_name}.demo").load(context)
        if context.created:
            self.stdout.write(self.style.SUCCESS("Utworzono: " + ", ".join(context.created)))
        else:
            self.stdout.write("Treści demonstracyjne były już wczytane – nic nie zmieniono.")
        self.stdout.write("\nKonta demonstracyjne (panel: /admin/):")
        for role, username, password in context.accounts:
            self.stdout.write(f"  {role:<40} login: {username:<22} hasło: {password}")
