from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Surveys: question blocks, response rules, staff results with exports, published aggregates."""

    name = "surveys"
    verbose_name = _("Ankiety")
    default_auto_field = "django.db.models.BigAutoField"
