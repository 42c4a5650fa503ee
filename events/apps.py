from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events: calendar, registration with capacity and waiting list, iCal feeds, project pages."""

    name = "events"
    verbose_name = _("Wydarzenia")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published

        from . import signals
        from .models import Registration

        page_published.connect(signals.fill_places_after_publish, dispatch_uid="events_fill_after_publish")
        post_delete.connect(
            signals.fill_places_after_delete, sender=Registration, dispatch_uid="events_fill_after_delete"
        )
