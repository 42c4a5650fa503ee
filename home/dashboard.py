"""The "Do zrobienia" overview on the admin home page: one panel, rows contributed by each app.

The base never imports a domain app. An app registers a Wagtail hook ``cop_dashboard_rows``: a function
``fn(request) -> iterable of DashboardRow`` that runs a constant number of queries (counts and one
annotated list at most), whatever the size of the data. Rows meant for COP staff (``staff_only``, the
default) are shown only to :func:`is_staff_member` users; an app may add rows for other people too (a
club coordinator's own applications), marked ``staff_only=False``.
"""

from dataclasses import dataclass
from typing import Literal

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .permissions import STAFF_GROUP

HOOK = "cop_dashboard_rows"

# Sections in the order staff work through them; a row with another section goes after these.
SECTIONS = [
    _("Strony do akceptacji"),
    _("Organizacje"),
    _("Sale i doradztwo"),
    _("Wolontariat"),
    _("Nadchodzące wydarzenia"),
    _("Otwarte ankiety"),
]


@dataclass
class DashboardRow:
    section: str
    label: str
    url: str
    count: int | None = None
    detail: str = ""
    staff_only: bool = True
    needs_action: bool = False


# "the oldest from <date>", agreeing with the noun the row counts: a "wniosek" (masculine), a "strona"
# (feminine), a "zgłoszenie" (neuter).
OLDEST_WORDING = {
    "m": _("najstarszy z %(date)s"),
    "f": _("najstarsza z %(date)s"),
    "n": _("najstarsze z %(date)s"),
}


def pending_row(
    queryset,
    *,
    section: str,
    label: str,
    url: str,
    gender: Literal["m", "f", "n"] = "n",
    date_field: str = "created_at",
    staff_only: bool = True,
) -> DashboardRow:
    """A row "<label>: how many wait, the oldest from <date>" for the items in ``queryset`` (one query).

    ``gender`` picks the Polish wording of the detail ("najstarszy/najstarsza/najstarsze z 3 marca 2026"),
    the date is the earliest ``date_field`` in the site's time zone; the row asks for action when anything
    waits. Nothing waiting: count 0 and no detail.
    """
    summary = queryset.aggregate(total=Count("pk"), oldest=Min(date_field))
    oldest = summary["oldest"]
    detail = ""
    if oldest is not None:
        if timezone.is_aware(oldest):
            oldest = timezone.localtime(oldest)
        detail = OLDEST_WORDING[gender] % {"date": date_format(oldest, "j E Y")}
    return DashboardRow(
        section=section,
        label=label,
        url=url,
        count=summary["total"],
        detail=detail,
        staff_only=staff_only,
        needs_action=summary["total"] > 0,
    )


def is_staff_member(user) -> bool:
    """COP staff: superusers and members of the "Pracownicy COP" group (one query, remembered on the user)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_cop_is_staff"):
        user._cop_is_staff = user.groups.filter(name=STAFF_GROUP).exists()
    return user._cop_is_staff


def collect_rows(request) -> list[DashboardRow]:
    staff = is_staff_member(request.user)
    rows = []
    for fn in hooks.get_hooks(HOOK):
        rows.extend(row for row in fn(request) or () if staff or not row.staff_only)
    return rows


def group_rows(rows: list[DashboardRow]) -> list[tuple[str, list[DashboardRow]]]:
    order = {str(section): index for index, section in enumerate(SECTIONS)}
    sections: dict[str, list[DashboardRow]] = {}
    for row in rows:
        sections.setdefault(str(row.section), []).append(row)
    return sorted(sections.items(), key=lambda item: order.get(item[0], len(order)))


class StaffDashboardPanel(Component):
    """One table per section: what it is, how many, and a link to where it is handled."""

    name = "cop_todo"
    order = 50
    template_name = "home/admin/dashboard_panel.html"

    def __init__(self, sections, *, staff: bool):
        self.sections, self.staff = sections, staff

    def get_context_data(self, parent_context=None):
        return {"sections": self.sections, "staff": self.staff}


def dashboard_panel(request):
    """The panel for this user, or None when there is nothing to show them."""
    rows = collect_rows(request)
    if not rows:
        return None
    return StaffDashboardPanel(group_rows(rows), staff=is_staff_member(request.user))
