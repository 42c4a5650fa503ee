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
from .search import NGOSearchDocument

__all__ = [
    "DISTRICTS",
    "DOCUMENT_KINDS",
    "LEGAL_FORMS",
    "AreaOfActivity",
    "NGODirectoryPage",
    "NGODocument",
    "NGOGalleryImage",
    "NGOProfilePage",
    "NGOSearchDocument",
    "OnboardingRequest",
    "TaxCampaignPage",
    "identifier_conflicts",
]
