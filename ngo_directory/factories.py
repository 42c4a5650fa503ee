"""Factories of the NGO directory, used by the tests and the demo content."""

import factory
import wagtail_factories

from home.blocks import paragraph

from .identifiers import valid_krs, valid_nip, valid_regon  # noqa: F401 (re-exported for tests)
from .models import AreaOfActivity, NGODirectoryPage, NGOProfilePage, OnboardingRequest, TaxCampaignPage


class AreaOfActivityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Obszar {n}")
    slug = factory.Sequence(lambda n: f"obszar-{n}")

    class Meta:
        model = AreaOfActivity
        django_get_or_create = ("slug",)


class NGODirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Baza organizacji"
    slug = "organizacje"
    intro = "Organizacje pozarządowe działające w gminie Czerwionka-Leszczyny."

    class Meta:
        model = NGODirectoryPage


class NGOProfilePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Stowarzyszenie Testowe {n}")
    slug = factory.Sequence(lambda n: f"stowarzyszenie-testowe-{n}")
    legal_form = "stowarzyszenie"
    krs = factory.Sequence(lambda n: valid_krs(100 + n))
    nip = factory.Sequence(lambda n: valid_nip(n))
    regon = factory.Sequence(lambda n: valid_regon(n))
    district = "czerwionka"
    street = "ul. Wolności 1"
    postal_code = "44-230"
    email = "kontakt@example.org"
    description = factory.LazyFunction(lambda: [paragraph("<p>Działamy na rzecz mieszkańców gminy.</p>")])

    class Meta:
        model = NGOProfilePage


class TaxCampaignPageFactory(wagtail_factories.PageFactory):
    title = "Przekaż 1,5% podatku"
    slug = "1-5-procent"
    intro = "Twoje 1,5% może zostać w gminie."

    class Meta:
        model = TaxCampaignPage


class OnboardingRequestFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Fundacja Zgłoszona {n}")
    legal_form = "fundacja"
    krs = factory.Sequence(lambda n: valid_krs(900_000 + n))
    nip = factory.Sequence(lambda n: valid_nip(50_000 + n))
    district = "leszczyny"
    email = "fundacja@example.org"
    description = "Pomagamy seniorom.\nOrganizujemy spotkania."
    contact_first_name = "Anna"
    contact_last_name = "Nowak"
    contact_email = factory.Sequence(lambda n: f"anna.nowak{n}@example.org")
    consent_text = "Zgoda."
    consent_given_at = factory.Faker("date_time", tzinfo=__import__("datetime").timezone.utc)

    class Meta:
        model = OnboardingRequest
