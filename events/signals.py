"""Keep the waiting list moving when places free up outside the cancellation link."""

from django.db import transaction


def fill_places_after_publish(sender, instance, **kwargs):
    """Staff raised the capacity (or re-enabled the event): promote people from the waiting list."""
    from .models import EventPage
    from .services import fill_free_places

    if isinstance(instance, EventPage):
        transaction.on_commit(lambda: fill_free_places(instance.pk))


def fill_places_after_delete(sender, instance, **kwargs):
    """Staff deleted a confirmed registration (e.g. on request to erase data): its place is free."""
    from .models import EventPage, Registration
    from .services import fill_free_places

    if instance.status != Registration.CONFIRMED:
        return
    event_id = instance.event_id

    def fill():
        if EventPage.objects.filter(pk=event_id).exists():
            fill_free_places(event_id)

    transaction.on_commit(fill)
