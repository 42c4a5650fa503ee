"""Factories of the booking app (tests and demo content)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import (
    AdvisoryPage,
    AdvisoryRequest,
    Blackout,
    Booking,
    BookingRequest,
    RequestStatus,
    Room,
    RoomOpeningHours,
    RoomsPage,
)


class RoomFactory(factory.django.DjangoModelFactory):
    """A room open every day 8:00–20:00 unless ``hours=[(weekday, opens, closes), ...]`` is given."""

    name = factory.Sequence(lambda n: f"Sala {n}")
    slug = factory.Sequence(lambda n: f"sala-{n}")
    capacity = 20
    buffer_minutes = 15
    min_notice_hours = 24
    max_advance_days = 90
    equipment = "rzutnik\nflipchart"

    class Meta:
        model = Room
        skip_postgeneration_save = True

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        if not create:
            return
        rows = (
            extracted
            if extracted is not None
            else [(d, datetime.time(8), datetime.time(20)) for d in range(7)]
        )
        RoomOpeningHours.objects.bulk_create(
            [
                RoomOpeningHours(room=self, weekday=d, opens=o, closes=c, sort_order=i)
                for i, (d, o, c) in enumerate(rows)
            ]
        )


class BlackoutFactory(factory.django.DjangoModelFactory):
    room = factory.SubFactory(RoomFactory)
    starts_at = factory.LazyFunction(timezone.now)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(days=1))
    reason = "Przerwa świąteczna"

    class Meta:
        model = Blackout


class BookingRequestFactory(factory.django.DjangoModelFactory):
    """A request with one date (``starts_at``/``ends_at`` given or tomorrow + 3 days, 10:00–12:00)."""

    room = factory.SubFactory(RoomFactory)
    requester_name = "Anna Kowalska"
    requester_email = "anna.kowalska@example.org"
    requester_phone = "600 100 200"
    group_name = "Klub Seniora"
    attendees = 10
    purpose = "Spotkanie klubu seniora – omówienie planu wycieczki."
    rules_accepted = True
    first_starts_at = factory.LazyFunction(
        lambda: (
            timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
            + datetime.timedelta(days=3)
        )
    )

    class Meta:
        model = BookingRequest
        skip_postgeneration_save = True

    @factory.post_generation
    def occurrences(self, create, extracted, **kwargs):
        if not create:
            return
        spans = extracted or [
            (
                self.first_starts_at,
                kwargs.get("ends_at") or self.first_starts_at + datetime.timedelta(hours=2),
            )
        ]
        for start, end in spans:
            Booking.objects.create(
                request=self, room=self.room, starts_at=start, ends_at=end, status=self.status
            )


class AdvisoryRequestFactory(factory.django.DjangoModelFactory):
    requester_name = "Marek Nowak"
    requester_email = "marek.nowak@example.org"
    requester_phone = "600 300 400"
    group_name = "Grupa inicjatywna „Zielone Podwórko”"
    topic = "founding"
    preferred_dates = "Wtorki i czwartki po 15:00."
    description = "Chcemy założyć stowarzyszenie zwykłe i nie wiemy, od czego zacząć."
    privacy_accepted = True
    status = RequestStatus.PENDING

    class Meta:
        model = AdvisoryRequest


class RoomsPageFactory(wagtail_factories.PageFactory):
    title = "Sale Centrum"
    slug = "sale"
    intro = "Sale Centrum są bezpłatne dla organizacji i mieszkańców gminy."
    rules = "<p>Salę zostawiamy w takim stanie, w jakim ją zastaliśmy.</p>"

    class Meta:
        model = RoomsPage


class AdvisoryPageFactory(wagtail_factories.PageFactory):
    title = "Doradztwo"
    slug = "doradztwo"
    intro = "Bezpłatne konsultacje dla organizacji i grup nieformalnych."

    class Meta:
        model = AdvisoryPage
