"""Staff views in the Wagtail admin: deciding on a request (both kinds) and the rooms calendar."""

import calendar
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail_modeladmin.views import InspectView

from .forms import AdvisoryApproveForm, BookingApproveForm, DeclineForm
from .models import Room
from .services import WORKFLOWS, DecisionError, describe_day, local_zone
from .views import closed_hours, occupancy

APPROVE_FORMS = {"booking": BookingApproveForm, "advisory": AdvisoryApproveForm}


def kind_of(model) -> str:
    return next(kind for kind, workflow in WORKFLOWS.items() if workflow.model is model)


class DecisionInspectView(InspectView):
    """The inspect view of a request, with its conflicts and the approve / decline forms."""

    def __init__(self, model_admin, instance_pk, approve_form=None, decline_form=None):
        super().__init__(model_admin, instance_pk)
        self.approve_form = approve_form
        self.decline_form = decline_form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = kind_of(self.model)
        workflow = WORKFLOWS[kind]
        obj = self.instance
        context.update(
            kind=kind,
            obj=obj,
            occurrences=obj.occurrences.all() if kind == "booking" else [],
            conflicts=workflow.conflicts(obj) if obj.is_pending else [],
            approve_form=self.approve_form or APPROVE_FORMS[kind](prefix="approve"),
            decline_form=self.decline_form or DeclineForm(prefix="decline"),
            decide_url=self.url_helper.get_action_url("decide", obj.pk),
            can_decide=obj.is_pending and self.permission_helper.user_can_edit_obj(self.request.user, obj),
            status_url=workflow.status_url(obj),
        )
        return context


def decide_view(model_admin, request, instance_pk):
    """POST only: approve or decline; invalid forms come back on the inspect page with errors."""
    kind = kind_of(model_admin.model)
    workflow = WORKFLOWS[kind]
    obj = get_object_or_404(model_admin.model, pk=instance_pk)
    if not model_admin.permission_helper.user_can_edit_obj(request.user, obj):
        raise PermissionDenied
    inspect_url = model_admin.url_helper.get_action_url("inspect", obj.pk)
    if request.method != "POST":
        return redirect(inspect_url)
    action = request.POST.get("action")
    approve_form = decline_form = None
    try:
        if action == "approve":
            approve_form = APPROVE_FORMS[kind](request.POST, prefix="approve")
            if approve_form.is_valid():
                workflow.approve(
                    obj,
                    request.user,
                    note=approve_form.cleaned_data.get("note", ""),
                    **approve_form.decision_data(),
                )
                messages.success(
                    request, _("Wniosek zatwierdzony. Wnioskodawca otrzyma e-mail z plikiem kalendarza.")
                )
                return redirect(inspect_url)
        elif action == "decline":
            decline_form = DeclineForm(request.POST, prefix="decline")
            if decline_form.is_valid():
                workflow.decline(obj, request.user, decline_form.cleaned_data["reason"])
                messages.success(request, _("Wniosek odrzucony. Wnioskodawca otrzyma e-mail z powodem."))
                return redirect(inspect_url)
        else:
            return redirect(inspect_url)
    except DecisionError as error:
        messages.error(request, str(error))
        return redirect(inspect_url)
    messages.error(request, _("Popraw błędy w formularzu decyzji."))
    view = DecisionInspectView(model_admin, str(obj.pk), approve_form=approve_form, decline_form=decline_form)
    view.setup(request)
    view.button_helper = model_admin.get_button_helper_class()(view, request)
    response = view.get(request)
    response.status_code = 400
    return response


# Calendar -----------------------------------------------------------------------------------------


def month_grid(day: datetime.date) -> list[list[datetime.date]]:
    return calendar.Calendar(firstweekday=0).monthdatescalendar(day.year, day.month)


def calendar_view(request):
    """Week or month of one room (or all rooms): approved and pending dates and blackouts, for staff.

    Bookings and blackouts are read in one query, the same one the public week of a room uses.
    """
    if not request.user.has_perm("booking.view_bookingrequest"):
        raise PermissionDenied
    rooms = list(Room.objects.prefetch_related("opening_hours"))
    room = next((r for r in rooms if str(r.pk) == request.GET.get("sala")), None)
    mode = "miesiac" if request.GET.get("widok") == "miesiac" else "tydzien"
    try:
        anchor = datetime.date.fromisoformat(request.GET.get("data", ""))
    except ValueError:
        anchor = timezone.localdate()
    if mode == "tydzien":
        first = anchor - datetime.timedelta(days=anchor.weekday())
        weeks = [[first + datetime.timedelta(days=i) for i in range(7)]]
        previous, following = first - datetime.timedelta(days=7), first + datetime.timedelta(days=7)
    else:
        weeks = month_grid(anchor)
        month_start = anchor.replace(day=1)
        previous = (month_start - datetime.timedelta(days=1)).replace(day=1)
        following = (month_start + datetime.timedelta(days=32)).replace(day=1)
    zone = local_zone()
    start = datetime.datetime.combine(weeks[0][0], datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        weeks[-1][-1] + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    bookings, blackouts = occupancy(room, start, end, staff=True)
    by_day: dict[datetime.date, list] = {}
    for booking in bookings:
        by_day.setdefault(timezone.localtime(booking.starts_at, zone).date(), []).append(booking)
    closed = closed_by_day(blackouts, weeks[0][0], weeks[-1][-1], room, rooms, zone)
    grid = [
        [
            {
                "date": d,
                "label": describe_day(d),
                "bookings": by_day.get(d, []),
                "closed": closed.get(d, []),
                "in_month": d.month == anchor.month,
            }
            for d in week
        ]
        for week in weeks
    ]
    return TemplateResponse(
        request,
        "booking/admin/calendar.html",
        {
            "rooms": rooms,
            "room": room,
            "mode": mode,
            "grid": grid,
            "anchor": anchor,
            "previous": previous,
            "following": following,
            "weekdays": [_("pon."), _("wt."), _("śr."), _("czw."), _("pt."), _("sob."), _("niedz.")],
            "page_title": _("Kalendarz sal"),
        },
    )


def closed_by_day(blackouts, first: datetime.date, last: datetime.date, room, rooms, zone) -> dict:
    """Each blackout on every day of [first, last] it touches: where, which hours, why.

    „Whole day” means the blackout covers the room's opening hours that day (as on the public week);
    for a Centre-wide blackout in the all-rooms view, the hours of every room together.
    """
    rooms_by_pk = {r.pk: r for r in rooms}
    days: dict[datetime.date, list[dict]] = {}
    for blackout in blackouts:
        day = max(first, timezone.localtime(blackout.starts_at, zone).date())
        until = min(last, timezone.localtime(blackout.ends_at, zone).date())
        while day <= until:
            if blackout.room_id:
                hours = rooms_by_pk[blackout.room_id].hours_for(day.weekday())
            elif room is not None:
                hours = room.hours_for(day.weekday())
            else:
                hours = [h for r in rooms for h in r.hours_for(day.weekday())]
            period = closed_hours(blackout, day, hours, zone)
            if period is not None:
                days.setdefault(day, []).append(
                    {
                        "room": blackout.room.name if blackout.room_id else "",
                        "reason": blackout.reason,
                        "hours": period,
                    }
                )
            day += datetime.timedelta(days=1)
    return days
