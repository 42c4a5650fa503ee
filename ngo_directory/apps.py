from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NGODirectoryConfig(AppConfig):
    """The directory of the municipality's NGOs: profiles edited by the NGOs themselves."""

    name = "ngo_directory"
    verbose_name = _("Baza organizacji")
    default_auto_field = "django.db.models.BigAutoField"
