from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    """Volunteer Centre, school volunteer clubs, volunteer offers and the municipal volunteer database."""

    name = "volunteering"
    verbose_name = _("Wolontariat")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from . import signals
        from .models import VolunteerClubPage

        post_save.connect(
            signals.give_new_club_its_coordinators,
            sender=VolunteerClubPage,
            dispatch_uid="volunteering_club_coordinators",
        )
