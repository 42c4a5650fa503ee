"""Factories of every app, in one place for the tests (each app keeps its own ``factories.py``)."""

from home.factories import *  # noqa: F403
from surveys.factories import *  # noqa: F403
