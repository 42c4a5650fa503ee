"""Factories of every app, in one place for the tests (each app keeps its own ``factories.py``)."""

from booking.factories import *  # noqa: F403
from events.factories import *  # noqa: F403
from home.factories import *  # noqa: F403
from ngo_directory.factories import *  # noqa: F403
from surveys.factories import *  # noqa: F403
from volunteering.factories import *  # noqa: F403
