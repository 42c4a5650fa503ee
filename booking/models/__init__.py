"""Models of the booking app: rooms (snippets), requests (registers) and the public pages."""

from .pages import AdvisoryPage, RoomsPage
from .requests import (
    ADVISORY_TOPICS,
    AdvisoryRequest,
    Booking,
    BookingRequest,
    RequestStatus,
    StaffDecisionRequest,
)
from .rooms import WEEKDAYS, Blackout, Room, RoomOpeningHours, RoomPhoto

__all__ = [
    "ADVISORY_TOPICS",
    "WEEKDAYS",
    "AdvisoryPage",
    "AdvisoryRequest",
    "Blackout",
    "Booking",
    "BookingRequest",
    "RequestStatus",
    "Room",
    "RoomOpeningHours",
    "RoomPhoto",
    "RoomsPage",
    "StaffDecisionRequest",
]
