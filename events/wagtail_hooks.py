"""Admin side of the events app: the registrations register, attendance, messages, home page section."""

from django.contrib import admin
from django.db.models import Case, Value, When
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from . import views
from .models import EventPage, Registration, public_events, upcoming

HOME_SECTION_COUNT = 3
PROFILE_SECTION_COUNT = 5


class EventFilter(admin.SimpleListFilter):
    """Filter by event: only events that have registrations (and without Django's admin site)."""

    title = _("wydarzenie")
    parameter_name = "wydarzenie"

    def lookups(self, request, model_admin):
        events = EventPage.objects.filter(registrations__isnull=False).distinct().order_by("-start")
        return [(str(pk), title) for pk, title in events.values_list("pk", "title")]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(event_id=value)
        return queryset


class RegistrationPermissionHelper(PermissionHelper):
    """Registrations come only from the public form (which applies the capacity rules)."""

    def user_can_create(self, user):
        return False


class RegistrationAdmin(ModelAdmin):
    """Zapisy na wydarzenia: filter, search, inspect, export; staff mark attendance here too."""

    model = Registration
    menu_label = _("Zapisy na wydarzenia")
    menu_icon = "date"
    menu_order = 300
    add_to_settings_menu = False
    permission_helper_class = RegistrationPermissionHelper
    list_display = ("name", "email", "organisation", "event", "status", "created_at", "attended")
    list_filter = ("status", "attended", EventFilter)
    list_select_related = ("event",)
    search_fields = ("name", "email", "organisation", "event__title")
    ordering = ("-created_at", "-pk")
    inspect_view_enabled = True
    inspect_view_fields = (
        "event",
        "name",
        "email",
        "organisation",
        "accessibility_needs",
        "status",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "attended",
        "consent_given_at",
        "rules_consent",
        "privacy_consent",
    )
    list_export = (
        "event",
        "name",
        "email",
        "organisation",
        "accessibility_needs",
        "status",
        "created_at",
        "attended",
    )
    export_filename = "zapisy-na-wydarzenia"
    panels = [FieldPanel("attended")]


modeladmin_register(RegistrationAdmin)


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return [
        path("wydarzenia/<int:event_id>/obecnosc/", views.attendance, name="events_attendance"),
        path("wydarzenia/<int:event_id>/wiadomosc/", views.message, name="events_message"),
    ]


@hooks.register("register_page_listing_more_buttons")
def event_registration_buttons(page, user, next_url=None):
    if not issubclass(page.specific_class or type(None), EventPage) or not user.has_perm(
        "events.change_registration"
    ):
        return
    registrations = reverse("events_registration_modeladmin_index") + f"?wydarzenie={page.pk}"
    yield Button(_("Zapisy"), registrations, icon_name="list-ul", priority=90)
    yield Button(
        _("Lista obecności"), reverse("events_attendance", args=[page.pk]), icon_name="tick", priority=91
    )
    yield Button(
        _("Wiadomość do zapisanych"), reverse("events_message", args=[page.pk]), icon_name="mail", priority=92
    )


@hooks.register("cop_home_sections")
def upcoming_events_section(request, home_page):
    """The next few events on the home page (the home app never imports this one)."""
    from .models import EventIndexPage

    events = list(upcoming(public_events().descendant_of(home_page))[:HOME_SECTION_COUNT])
    if not events:
        return ""
    calendar = EventIndexPage.objects.live().descendant_of(home_page).first()
    return render_to_string(
        "events/home_section.html", {"events": events, "calendar": calendar, "request": request}
    )


DASHBOARD_EVENTS = 8


@hooks.register("cop_dashboard_rows")
def upcoming_events_dashboard_rows(request):
    """ "Do zrobienia": the next events with registration, with confirmed / capacity / waiting list (one query)."""
    from django.db.models import Count, Q
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _g

    from home.dashboard import DashboardRow, is_staff_member

    if not is_staff_member(request.user) or not request.user.has_perm("events.view_registration"):
        return []
    events = (
        upcoming(EventPage.objects.live().filter(registration_enabled=True, is_cancelled=False))
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=Registration.CONFIRMED)),
            waiting=Count("registrations", filter=Q(registrations__status=Registration.WAITING)),
        )
        .only("pk", "title", "start", "capacity")[:DASHBOARD_EVENTS]
    )
    index = reverse("events_registration_modeladmin_index")
    rows = []
    for event in events:
        if event.capacity is None:
            places = _g("zapisani: %(confirmed)s (bez limitu miejsc)") % {"confirmed": event.confirmed}
        else:
            places = _g("zapisani: %(confirmed)s z %(capacity)s miejsc") % {
                "confirmed": event.confirmed,
                "capacity": event.capacity,
            }
        waiting = _g("lista rezerwowa: %(waiting)s") % {"waiting": event.waiting}
        when = date_format(timezone.localtime(event.start), "j E Y, H:i")
        rows.append(
            DashboardRow(
                section=_g("Nadchodzące wydarzenia"),
                label=event.title,
                count=event.confirmed,
                url=f"{index}?wydarzenie={event.pk}",
                detail=f"{when}; {places}; {waiting}",
            )
        )
    return rows


@hooks.register("cop_ngo_profile_sections")
def organiser_events_section(request, profile):
    """On an NGO's profile: its next events and its own iCal feed (nothing if it never had an event)."""
    from .models import EventIndexPage

    # One query: the upcoming events first (as ``upcoming``), then past ones, which only tell that the
    # organisation has had events (its iCal feed is still worth showing).
    now = timezone.now()
    rows = list(
        EventPage.objects.live()
        .public()
        .filter(organiser=profile)
        .annotate(_upcoming=Case(When(end__gte=now, then=Value(True)), default=Value(False)))
        .order_by("-_upcoming", "start", "pk")[:PROFILE_SECTION_COUNT]
    )
    if not rows:
        return ""
    events = [event for event in rows if event._upcoming]
    calendar = EventIndexPage.objects.live().public().first()
    return render_to_string(
        "events/ngo_profile_section.html",
        {
            "events": events,
            "profile": profile,
            "calendar": calendar,
            "feed_url": calendar.feed_url_for(profile.pk) if calendar else "",
            "request": request,
        },
    )
