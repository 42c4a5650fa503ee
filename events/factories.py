"""Factories for the events app, used by the tests and the demo content."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import PRIVACY_NOTICE, ConsentText, EventIndexPage, EventPage, ProjectPage, Registration


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def in_days(days: float, hour: int = 17, minute: int = 0) -> datetime.datetime:
    """A local (Europe/Warsaw) date-time ``days`` from today at ``hour:minute``."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Wydarzenia"
    slug = "wydarzenia"
    intro = "Spotkania, warsztaty i szkolenia Centrum oraz organizacji z gminy."

    class Meta:
        model = EventIndexPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Projekt {n}")
    intro = "Wspólny projekt organizacji i samorządu."
    place_name = "Miejski Ośrodek Kultury"
    place_address = "ul. 3-go Maja 36A, Czerwionka-Leszczyny"

    class Meta:
        model = ProjectPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Wydarzenie {n}")
    event_type = "integration"
    start = factory.LazyFunction(lambda: in_days(7, 17))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    place_name = "Sala konferencyjna COP"
    place_address = "ul. 3-go Maja 19, 43-230 Czerwionka-Leszczyny"
    audience = "przedstawiciele organizacji pozarządowych"
    intro = "Spotkanie organizacji z terenu gminy."
    description = factory.LazyFunction(lambda: [paragraph("<p>Program spotkania.</p>")])

    class Meta:
        model = EventPage


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration saved directly (tests of the rules go through ``events.services.register``)."""

    event = factory.SubFactory(EventPageFactory)
    name = factory.Sequence(lambda n: f"Uczestnik {n}")
    email = factory.Sequence(lambda n: f"uczestnik{n}@example.org")
    status = Registration.CONFIRMED
    rules_consent = factory.LazyAttribute(lambda o: ConsentText.record("rules", o.event.rules_consent_text()))
    privacy_consent = factory.LazyFunction(lambda: ConsentText.record("privacy", PRIVACY_NOTICE))

    class Meta:
        model = Registration
