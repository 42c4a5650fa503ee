"""Pages (public content) and records (personal data handled by staff) of the volunteering app."""

from .pages import (  # noqa: F401
    Skill,
    VolunteerCentrePage,
    VolunteerClubIndexPage,
    VolunteerClubNewsPage,
    VolunteerClubPage,
    VolunteerOfferIndexPage,
    VolunteerOfferPage,
)
from .records import (  # noqa: F401
    AGE_GROUPS,
    AVAILABILITY_CHOICES,
    ConsentRecord,
    GdprAuditEntry,
    HoursEntry,
    OfferApplication,
    Volunteer,
)
