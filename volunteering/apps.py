from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    """Volunteer Centre, school volunteer clubs, volunteer offers and the municipal volunteer database."""

    name = "volunteering"
    verbose_name = _("Wolontariat")
    default_auto_field = "django.db.models.BigAutoField"
