"""Factories for the foundation's models, used by the tests and by the demo content."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .blocks import heading, paragraph  # noqa: F401 - re-exported for tests and app factories
from .models import (
    AccessibilityStatementPage,
    ContactFormField,
    ContactFormPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Centrum Organizacji Pozarządowych"
    slug = "start"
    hero_title = "Centrum Organizacji Pozarządowych w Czerwionce-Leszczynach"
    hero_text = "Wspieramy organizacje pozarządowe, wolontariuszy i aktywnych mieszkańców gminy."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Strona {n}")
    intro = "Krótki wstęp do strony."
    body = factory.LazyFunction(lambda: [paragraph("<p>Treść strony.</p>")])

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktualności"
    slug = "aktualnosci"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Aktualność {n}")
    date = factory.Sequence(lambda n: timezone.localdate() - datetime.timedelta(days=n))
    intro = "Informacja z życia Centrum."
    body = factory.LazyFunction(lambda: [paragraph("<p>Treść aktualności.</p>")])

    class Meta:
        model = NewsPage


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    title = "Deklaracja dostępności"
    slug = "deklaracja-dostepnosci"
    entity_name = "Centrum Organizacji Pozarządowych w Czerwionce-Leszczynach"
    published_on = datetime.date(2026, 11, 1)
    updated_on = datetime.date(2026, 11, 21)
    prepared_on = datetime.date(2026, 11, 21)
    compliance = "partial"
    contact_person = "Koordynator ds. dostępności"
    contact_email = "dostepnosc@example.org"
    contact_phone = "32 000 00 00"
    procedure = "<p>Każdy ma prawo zażądać zapewnienia dostępności cyfrowej strony lub jej elementu.</p>"
    architectural_accessibility = "<p>Centrum mieści się na I piętrze budynku przy ul. 3-go Maja 19.</p>"

    class Meta:
        model = AccessibilityStatementPage


class ContactFormPageFactory(wagtail_factories.PageFactory):
    title = "Kontakt"
    slug = "kontakt"
    intro = "Napisz do nas – odpowiemy w ciągu dwóch dni roboczych."
    to_address = "cop@example.org"
    from_address = "strona@example.org"
    subject = "Wiadomość ze strony COP"

    class Meta:
        model = ContactFormPage


class ContactFormFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ContactFormPageFactory)
    sort_order = factory.Sequence(int)
    label = factory.Sequence(lambda n: f"Pole {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = ContactFormField
