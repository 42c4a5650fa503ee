"""Models of the NGO directory (pages in ``pages.py``, the onboarding register in ``onboarding.py``)."""

from .onboarding import OnboardingRequest
from .pages import (
    DISTRICTS,
    DOCUMENT_KINDS,
    LEGAL_FORMS,
    AreaOfActivity,
    NGODirectoryPage,
    NGODocument,
    NGOGalleryImage,
    NGOProfilePage,
    TaxCampaignPage,
    identifier_conflicts,
)

__all__ = [
    "DISTRICTS",
    "DOCUMENT_KINDS",
    "LEGAL_FORMS",
    "AreaOfActivity",
    "NGODirectoryPage",
    "NGODocument",
    "NGOGalleryImage",
    "NGOProfilePage",
    "OnboardingRequest",
    "TaxCampaignPage",
    "identifier_conflicts",
]
