"""Benchmark data and targets of the volunteering app (see bench/README.md; ``home.bench`` provides the tools).

``build`` adds ``context.size("volunteers")`` people to the volunteer database (20,000 at
``--scale full``; adults, confirmed, with interests, skills and their consent record), so that the
public pages and the sign-up form are measured next to a full database. Volunteers are never public:
the targets are the Volunteer Centre, the offers, the clubs, the sign-up form and the API.
"""

import datetime
import random

from django.utils import timezone

from home.bench import BenchContext, Target
from ngo_directory.models import AreaOfActivity

from .models import (
    ConsentRecord,
    Skill,
    Volunteer,
    VolunteerCentrePage,
    VolunteerClubIndexPage,
    VolunteerClubPage,
    VolunteerOfferIndexPage,
    VolunteerOfferPage,
)
from .models.records import AVAILABILITY_CHOICES, CONSENT_TEXT

FIRST_NAMES = [
    "Anna",
    "Maria",
    "Katarzyna",
    "Zofia",
    "Jan",
    "Piotr",
    "Tomasz",
    "Paweł",
    "Agnieszka",
    "Łukasz",
]
LAST_NAMES = ["Nowak", "Kowalczyk", "Wróbel", "Pająk", "Mazur", "Krawczyk", "Szymańska", "Wójcik", "Kubica"]
DISTRICTS = ["czerwionka", "leszczyny", "debiensko", "czuchow", "belk", "palowice", "stanowice"]


def build(context: BenchContext) -> None:
    count = context.size("volunteers")
    rng = random.Random(count)
    now = timezone.now()
    today = timezone.localdate()
    availability = [code for code, _label in AVAILABILITY_CHOICES]
    volunteers = Volunteer.objects.bulk_create(
        [
            Volunteer(
                status=Volunteer.Status.ACTIVE,
                first_name=FIRST_NAMES[number % len(FIRST_NAMES)],
                last_name=LAST_NAMES[(number // len(FIRST_NAMES)) % len(LAST_NAMES)],
                email=f"wolontariusz{number + 1}@example.org",
                date_of_birth=today
                - datetime.timedelta(days=365 * rng.randint(18, 75) + rng.randint(0, 364)),
                district=DISTRICTS[number % len(DISTRICTS)],
                availability=rng.sample(availability, 2),
                signer=Volunteer.Signer.SELF,
                email_confirmed_at=now,
            )
            for number in range(count)
        ],
        batch_size=2000,
    )
    areas = list(AreaOfActivity.objects.values_list("pk", flat=True))
    skills = list(Skill.objects.values_list("pk", flat=True))
    interests = Volunteer.interests.through
    skill_rows = Volunteer.skills.through
    interests.objects.bulk_create(
        [
            interests(volunteer_id=volunteer.pk, areaofactivity_id=area)
            for volunteer in volunteers
            for area in rng.sample(areas, min(2, len(areas)))
        ],
        batch_size=5000,
    )
    skill_rows.objects.bulk_create(
        [
            skill_rows(volunteer_id=volunteer.pk, skill_id=rng.choice(skills))
            for volunteer in volunteers
            if skills
        ],
        batch_size=5000,
    )
    ConsentRecord.objects.bulk_create(
        [
            ConsentRecord(volunteer=volunteer, role="volunteer", text_version="2026-11", text=CONSENT_TEXT)
            for volunteer in volunteers
        ],
        batch_size=2000,
    )
    context.note(f"{count} wolontariuszy")


def targets(context: BenchContext) -> list[Target]:
    centre = VolunteerCentrePage.objects.live().first()
    offers = VolunteerOfferIndexPage.objects.live().first()
    offer = VolunteerOfferPage.objects.live().order_by("path").first()
    clubs = VolunteerClubIndexPage.objects.live().first()
    club = VolunteerClubPage.objects.live().order_by("path").first()
    targets = [
        Target("Centrum Wolontariatu", centre.url),
        Target("formularz: zapisz się do bazy wolontariuszy", f"{centre.url}zapisz-sie/"),
        Target("API: oferty wolontariatu", "/api/cop/v1/volunteering/offers/", kind="api"),
        Target("API: koła wolontariatu", "/api/cop/v1/volunteering/clubs/", kind="api"),
    ]
    if offers:
        targets.insert(1, Target("oferty wolontariatu", offers.url))
    if offer:
        targets.insert(2, Target("oferta wolontariatu", offer.url))
        targets.append(
            Target("API: oferta wolontariatu", f"/api/cop/v1/volunteering/offers/{offer.pk}/", kind="api")
        )
    if clubs:
        targets.insert(3, Target("szkolne koła wolontariatu", clubs.url))
    if club:
        targets.insert(4, Target("koło wolontariatu", club.url))
    return targets
