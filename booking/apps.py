from django.apps import AppConfig


class BookingConfig(AppConfig):
    """Rooms of the Centre, booking requests, advisory appointments."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "booking"
    verbose_name = "Sale i doradztwo"
