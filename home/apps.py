from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The base of the platform: pages, settings, blocks, form protection and the API pattern."""

    name = "home"
    verbose_name = _("Strona główna i podstawy serwisu")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import admin_guards, signals

        admin_guards.install()
        signals.connect()

        from .notifications import route_moderation_notifications

        route_moderation_notifications()
