from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NGODirectoryConfig(AppConfig):
    """The directory of the municipality's NGOs: profiles edited by the NGOs themselves."""

    name = "ngo_directory"
    verbose_name = _("Baza organizacji")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from . import search
        from .models import NGOProfilePage

        post_save.connect(
            search.refresh_after_save, sender=NGOProfilePage, dispatch_uid="ngo_search_document"
        )
