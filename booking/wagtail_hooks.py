"""Admin registration: rooms and blackouts are snippets (content staff edit); booking and advisory
requests are wagtail-modeladmin registers (records visitors submit and staff decide on)."""

import datetime

from django.contrib.admin import SimpleListFilter
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from home.exports import SafeExportIndexView

from . import admin_views
from .models import AdvisoryRequest, Blackout, BookingRequest, RequestStatus, Room


class RoomViewSet(SnippetViewSet):
    model = Room
    icon = "home"
    menu_label = _("Sale")
    list_display = ["name", "floor", "capacity", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "equipment"]
    inspect_view_enabled = True


class BlackoutViewSet(SnippetViewSet):
    model = Blackout
    icon = "calendar-alt"
    menu_label = _("Niedostępność sal")
    list_display = ["reason", "room", "starts_at", "ends_at"]
    list_filter = ["room"]
    search_fields = ["reason"]


class RoomsGroup(SnippetViewSetGroup):
    items = (RoomViewSet, BlackoutViewSet)
    menu_icon = "home"
    menu_label = _("Sale Centrum")
    menu_name = "sale"
    menu_order = 310


register_snippet(RoomsGroup)


class RoomFilter(SimpleListFilter):
    """Filter by room without Django's admin site (not installed): one query for the choices."""

    title = _("sala")
    parameter_name = "sala"

    def lookups(self, request, model_admin):
        return [(str(pk), name) for pk, name in Room.objects.values_list("pk", "name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(room_id=self.value())
        return queryset


class PeriodFilter(SimpleListFilter):
    """When a request's date (``date_field``) falls: the periods staff plan by, most of them ahead of today."""

    title = _("termin")
    parameter_name = "termin"
    date_field = ""

    def lookups(self, request, model_admin):
        return [
            ("dzis", _("dziś")),
            ("7-dni", _("najbliższe 7 dni")),
            ("ten-miesiac", _("ten miesiąc")),
            ("nastepny-miesiac", _("następny miesiąc")),
            ("nadchodzace", _("wszystkie nadchodzące")),
            ("minione", _("minione")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        zone = timezone.get_current_timezone()
        today = timezone.localdate()

        def start_of(day):
            return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)

        month = today.replace(day=1)
        next_month = (month + datetime.timedelta(days=32)).replace(day=1)
        month_after = (next_month + datetime.timedelta(days=32)).replace(day=1)
        ranges = {
            "dzis": (today, today + datetime.timedelta(days=1)),
            "7-dni": (today, today + datetime.timedelta(days=7)),
            "ten-miesiac": (month, next_month),
            "nastepny-miesiac": (next_month, month_after),
        }
        field = self.date_field
        if value in ranges:
            first, last = ranges[value]
            return queryset.filter(**{f"{field}__gte": start_of(first), f"{field}__lt": start_of(last)})
        if value == "nadchodzace":
            return queryset.filter(**{f"{field}__gte": start_of(today)})
        if value == "minione":
            return queryset.filter(**{f"{field}__lt": start_of(today)})
        return queryset


class FirstDateFilter(PeriodFilter):
    """A room request by its (first) booked date."""

    date_field = "first_starts_at"


class AppointmentFilter(PeriodFilter):
    """An advisory request by the appointment given on approval; "bez terminu" lists those still waiting
    for one (pending requests, or declined ones)."""

    title = _("termin konsultacji")
    date_field = "appointment_starts_at"

    def lookups(self, request, model_admin):
        return [*super().lookups(request, model_admin), ("bez-terminu", _("bez terminu"))]

    def queryset(self, request, queryset):
        if self.value() == "bez-terminu":
            return queryset.filter(appointment_starts_at__isnull=True)
        return super().queryset(request, queryset)


class RequestPermissionHelper(PermissionHelper):
    """Requests come only from the public forms and change only through decisions."""

    def user_can_create(self, user):
        return False


class DecisionButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        exclude = [*(exclude or []), "edit"]
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if obj.is_pending and self.permission_helper.user_can_edit_obj(self.request.user, obj):
            for button in buttons:
                if button["url"] == self.url_helper.get_action_url("inspect", obj.pk):
                    button["label"] = _("Rozpatrz")
                    button["classname"] = "button"
        return buttons

    def get_primary_button(self, obj):
        return self.inspect_button(obj.pk)


class RequestAdmin(ModelAdmin):
    """Shared inbox behaviour: inspect with conflicts and decision forms, decide URL, export."""

    inspect_view_enabled = True
    inspect_view_class = admin_views.DecisionInspectView
    index_view_class = SafeExportIndexView
    inspect_template_name = "booking/admin/inspect.html"
    permission_helper_class = RequestPermissionHelper
    button_helper_class = DecisionButtonHelper
    list_per_page = 30
    export_headings = {"requester_label": _("Organizacja lub grupa"), "status": _("Status")}

    def get_admin_urls_for_registration(self):
        urls = [
            u
            for u in super().get_admin_urls_for_registration()
            if not str(u.pattern).endswith("/edit/(?P<instance_pk>[-\\w]+)/$")
        ]
        return (
            *urls,
            re_path(
                self.url_helper.get_action_url_pattern("decide"),
                self.decide_view,
                name=self.url_helper.get_action_url_name("decide"),
            ),
        )

    def decide_view(self, request, instance_pk):
        return admin_views.decide_view(self, request, instance_pk)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("ngo", "decided_by")

    def when(self, obj):
        return timezone.localtime(obj.created_at).strftime("%d.%m.%Y %H:%M")

    when.short_description = _("złożono")


class BookingRequestAdmin(RequestAdmin):
    model = BookingRequest
    menu_label = _("Rezerwacje sal")
    menu_icon = "calendar"
    list_display = (
        "first_date",
        "room",
        "requester_name",
        "requester_label",
        "occurrence_count",
        "status",
        "when",
    )
    list_filter = ("status", RoomFilter, FirstDateFilter)
    search_fields = ("requester_name", "requester_email", "purpose", "group_name", "ngo__title")
    list_export = (
        "first_starts_at",
        "room",
        "requester_name",
        "requester_email",
        "requester_phone",
        "requester_label",
        "attendees",
        "purpose",
        "status",
        "created_at",
        "decision_reason",
    )
    inspect_view_fields = (
        "room",
        "requester_name",
        "requester_email",
        "requester_phone",
        "ngo",
        "group_name",
        "attendees",
        "purpose",
        "equipment_needs",
        "repeat_until",
        "show_publicly",
        "public_title",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
        "decision_reason",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("room").prefetch_related("occurrences")

    def first_date(self, obj):
        return timezone.localtime(obj.first_starts_at).strftime("%d.%m.%Y %H:%M")

    first_date.short_description = _("pierwszy termin")
    first_date.admin_order_field = "first_starts_at"

    def occurrence_count(self, obj):
        return len(obj.occurrences.all())

    occurrence_count.short_description = _("terminów")


class AdvisoryRequestAdmin(RequestAdmin):
    model = AdvisoryRequest
    menu_label = _("Doradztwo")
    menu_icon = "help"
    list_display = ("topic", "requester_name", "requester_label", "appointment", "status", "when")
    list_filter = ("status", "topic", AppointmentFilter, "created_at")
    search_fields = ("requester_name", "requester_email", "description", "group_name", "ngo__title")
    list_export = (
        "topic",
        "requester_name",
        "requester_email",
        "requester_phone",
        "requester_label",
        "preferred_dates",
        "status",
        "appointment_starts_at",
        "created_at",
        "decision_reason",
    )
    inspect_view_fields = (
        "topic",
        "requester_name",
        "requester_email",
        "requester_phone",
        "ngo",
        "group_name",
        "preferred_dates",
        "description",
        "status",
        "appointment_starts_at",
        "appointment_ends_at",
        "appointment_place",
        "created_at",
        "decided_at",
        "decided_by",
        "decision_reason",
    )

    def appointment(self, obj):
        if not obj.appointment_starts_at:
            return "—"
        return timezone.localtime(obj.appointment_starts_at).strftime("%d.%m.%Y %H:%M")

    appointment.short_description = _("termin konsultacji")


class RequestsGroup(ModelAdminGroup):
    menu_label = _("Wnioski")
    menu_icon = "tasks"
    menu_order = 300
    items = (BookingRequestAdmin, AdvisoryRequestAdmin)


modeladmin_register(RequestsGroup)


@hooks.register("register_admin_urls")
def register_calendar_url():
    return [path("kalendarz-sal/", admin_views.calendar_view, name="booking_calendar")]


class CalendarMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("booking.view_bookingrequest")


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return CalendarMenuItem(_("Kalendarz sal"), reverse("booking_calendar"), icon_name="date", order=305)


@hooks.register("cop_dashboard_rows")
def booking_dashboard_rows(request):
    """ "Do zrobienia": room booking and advisory requests waiting for a decision (one query each)."""
    from django.utils.translation import gettext as _g

    from home.dashboard import is_staff_member, pending_row

    if not is_staff_member(request.user):
        return []
    rows = []
    for model, label, perm in (
        (
            BookingRequest,
            _g("Wnioski o rezerwację sali czekające na decyzję"),
            "booking.change_bookingrequest",
        ),
        (AdvisoryRequest, _g("Wnioski o doradztwo czekające na decyzję"), "booking.change_advisoryrequest"),
    ):
        if not request.user.has_perm(perm):
            continue
        opts = model._meta
        rows.append(
            pending_row(
                model.objects.filter(status=RequestStatus.PENDING),
                section=_g("Sale i doradztwo"),
                label=label,
                url=reverse(f"{opts.app_label}_{opts.model_name}_modeladmin_index")
                + "?status__exact=pending",
                gender="m",
            )
        )
    return rows
