"""Factories of the volunteering app, for the tests and the demo content."""

import factory
import wagtail_factories
from django.utils import timezone

from home.factories import paragraph

from .forms import OFFER_CONSENT_LABELS
from .models import (
    OfferApplication,
    Skill,
    Volunteer,
    VolunteerCentrePage,
    VolunteerClubIndexPage,
    VolunteerClubNewsPage,
    VolunteerClubPage,
    VolunteerOfferIndexPage,
    VolunteerOfferPage,
)
from .models.records import CONSENT_TEXT, born_years_ago, consent_version_of  # noqa: F401 - re-exported for tests


class SkillFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Umiejętność {n}")
    slug = factory.Sequence(lambda n: f"umiejetnosc-{n}")

    class Meta:
        model = Skill
        django_get_or_create = ("slug",)


class VolunteerCentrePageFactory(wagtail_factories.PageFactory):
    title = "Centrum Wolontariatu"
    slug = "wolontariat"
    intro = "Łączymy osoby, które chcą pomagać, z organizacjami, które tej pomocy potrzebują."
    body = factory.LazyFunction(lambda: [paragraph("<p>Zapisz się do gminnej bazy wolontariuszy.</p>")])
    consent_text = CONSENT_TEXT
    consent_version = "2026-11"
    staff_email = "wolontariat@example.org"

    class Meta:
        model = VolunteerCentrePage


class VolunteerClubIndexPageFactory(wagtail_factories.PageFactory):
    title = "Szkolne koła wolontariatu"
    slug = "kola-wolontariatu"

    class Meta:
        model = VolunteerClubIndexPage


class VolunteerClubPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Koło wolontariatu nr {n}")
    school_name = factory.Sequence(lambda n: f"Szkoła Podstawowa nr {n}")
    street = "ul. Szkolna 1"
    district = "czerwionka"
    coordinator_name = "Anna Przykładowa"
    contact_email = "kolo@example.org"
    members_count = 15
    intro = "Pomagamy seniorom i zwierzętom ze schroniska."
    activities = factory.LazyFunction(lambda: [paragraph("<p>Zbiórki, odwiedziny, akcje sprzątania.</p>")])

    class Meta:
        model = VolunteerClubPage


class VolunteerClubNewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Wiadomość koła {n}")
    date = factory.LazyFunction(timezone.localdate)
    intro = "Relacja z akcji koła."

    class Meta:
        model = VolunteerClubNewsPage


class VolunteerOfferIndexPageFactory(wagtail_factories.PageFactory):
    title = "Oferty wolontariatu"
    slug = "oferty"

    class Meta:
        model = VolunteerOfferIndexPage


class VolunteerOfferPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Oferta wolontariatu {n}")
    intro = "Szukamy osób do pomocy przy wydarzeniu."
    tasks = factory.LazyFunction(lambda: [paragraph("<p>Pomoc przy rejestracji uczestników.</p>")])
    is_ongoing = True
    place = "Centrum Organizacji Pozarządowych, ul. 3-go Maja 19"
    district = "czerwionka"
    min_age = 16
    places_available = 5
    contact_name = "Koordynator wolontariatu"
    contact_email = "oferta@example.org"

    class Meta:
        model = VolunteerOfferPage
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
            self.save()

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)
            self.save()


class VolunteerFactory(factory.django.DjangoModelFactory):
    first_name = "Jan"
    last_name = factory.Sequence(lambda n: f"Kowalski{n}")
    email = factory.Sequence(lambda n: f"wolontariusz{n}@example.org")
    date_of_birth = factory.LazyFunction(lambda: born_years_ago(25))
    district = "czerwionka"
    availability = factory.LazyFunction(lambda: ["weekends"])
    status = Volunteer.Status.ACTIVE
    email_confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    @factory.post_generation
    def interests(self, create, extracted, **kwargs):
        if create and extracted:
            self.interests.set(extracted)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


class OfferApplicationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Zgłaszający {n}")
    email = factory.Sequence(lambda n: f"zgloszenie{n}@example.org")
    age = 30
    consent_text = factory.LazyFunction(lambda: str(OFFER_CONSENT_LABELS["adult"]))
    consent_version = factory.LazyAttribute(lambda o: consent_version_of(o.consent_text))

    class Meta:
        model = OfferApplication
