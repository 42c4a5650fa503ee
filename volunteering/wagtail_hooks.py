"""Admin of the volunteering app: the skills taxonomy (snippet), the volunteer registry, applications,
hours and the GDPR log (wagtail-modeladmin registers), suggested matches and GDPR actions."""

from django.contrib.admin import SimpleListFilter, display
from django.db import transaction
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import HistoryView

from ngo_directory.models import AreaOfActivity

from . import admin_views, services
from .models import (
    AGE_GROUPS,
    GdprAuditEntry,
    HoursEntry,
    OfferApplication,
    Skill,
    Volunteer,
    VolunteerClubPage,
)
from .models.records import today
from .ownership import applications_for, can_handle_application, is_registry_staff, own_offers_condition


class SkillViewSet(SnippetViewSet):
    model = Skill
    icon = "pick"
    menu_label = _("Umiejętności wolontariuszy")
    add_to_admin_menu = False
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(SkillViewSet)


class AgeGroupFilter(SimpleListFilter):
    """Age groups computed from the date of birth on today's date (Europe/Warsaw)."""

    title = _("grupa wiekowa")
    parameter_name = "wiek"
    bounds = {"child": (0, 13), "teen": (13, 18), "adult": (18, 60), "senior": (60, 200)}

    def lookups(self, request, model_admin):
        return AGE_GROUPS

    def queryset(self, request, queryset):
        if self.value() not in self.bounds:
            return queryset
        low, high = self.bounds[self.value()]
        now = today()

        def years_ago(years):
            try:
                return now.replace(year=now.year - years)
            except ValueError:  # 29 February
                return now.replace(year=now.year - years, day=28)

        # Born after (today − high years) and on/before (today − low years).
        return queryset.filter(date_of_birth__gt=years_ago(high), date_of_birth__lte=years_ago(low))


def choice_filter(title, parameter, choices, lookup):
    """A list filter over related rows (Django's related filters need django.contrib.admin, absent here)."""

    class ChoiceFilter(SimpleListFilter):
        def lookups(self, request, model_admin):
            return [(str(pk), label) for pk, label in choices()]

        def queryset(self, request, queryset):
            value = self.value()
            if value and value.isdigit():
                return queryset.filter(**{lookup: int(value)}).distinct()
            return queryset

    ChoiceFilter.title = title
    ChoiceFilter.parameter_name = parameter
    return ChoiceFilter


InterestFilter = choice_filter(
    _("zainteresowania"), "obszar", lambda: AreaOfActivity.objects.values_list("pk", "name"), "interests__id"
)
SkillFilter = choice_filter(
    _("umiejętności"), "umiejetnosc", lambda: Skill.objects.values_list("pk", "name"), "skills__id"
)
ClubFilter = choice_filter(
    _("koło wolontariatu"),
    "kolo",
    lambda: VolunteerClubPage.objects.order_by("title").values_list("pk", "title"),
    "club__id",
)


class VolunteerButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        user = self.request.user
        if obj.status != Volunteer.Status.ANONYMISED:
            if user.has_perm("volunteering.change_volunteer"):
                buttons.append(
                    {
                        "url": reverse("volunteering_export_json", args=[obj.pk]),
                        "label": _("Eksport danych (JSON)"),
                        "classname": "button button-secondary button-small",
                        "title": _("Pobierz wszystkie dane tej osoby (RODO)"),
                    }
                )
            if user.has_perm("volunteering.delete_volunteer"):
                buttons.append(
                    {
                        "url": reverse("volunteering_erase", args=[obj.pk]),
                        "label": _("Usuń dane (RODO)"),
                        "classname": "button no button-small",
                        "title": _("Zanonimizuj rekord tej osoby"),
                    }
                )
        return buttons


class GuardedHistoryView(HistoryView):
    """wagtail-modeladmin's history view checks no permission at all; ours asks the inspect rule."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)


class NoCreatePermissionHelper(PermissionHelper):
    """Records come from the public forms (with consent); staff never type them in."""

    def user_can_create(self, user):
        return False


class VolunteerAdmin(ModelAdmin):
    """The municipal volunteer database (staff only)."""

    history_view_class = GuardedHistoryView

    model = Volunteer
    menu_label = _("Wolontariusze")
    menu_icon = "group"
    button_helper_class = VolunteerButtonHelper
    permission_helper_class = NoCreatePermissionHelper
    list_display = ["__str__", "status", "district", "age_group_label", "club", "created_at"]
    list_filter = ["status", "district", InterestFilter, SkillFilter, AgeGroupFilter, ClubFilter]
    list_select_related = ["club"]
    search_fields = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "guardian_name",
        "guardian_email",
        "languages",
    ]
    inspect_view_enabled = True
    inspect_view_fields = [
        "status",
        "first_name",
        "last_name",
        "email",
        "phone",
        "date_of_birth",
        "district",
        "interests",
        "skills",
        "availability",
        "languages",
        "experience",
        "club",
        "signer",
        "guardian_name",
        "guardian_email",
        "email_confirmed_at",
        "guardian_confirmed_at",
        "withdrawn_at",
        "created_at",
    ]
    list_export = [
        "pk",
        "status",
        "first_name",
        "last_name",
        "email",
        "phone",
        "date_of_birth",
        "district",
        "interests_list",
        "skills_list",
        "availability_label",
        "languages",
        "club",
        "signer",
        "guardian_name",
        "guardian_email",
        "created_at",
    ]
    export_filename = "wolontariusze"
    panels = [
        FieldPanel("status"),
        FieldPanel("first_name"),
        FieldPanel("last_name"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("district"),
        FieldPanel("interests"),
        FieldPanel("skills"),
        FieldPanel("languages"),
        FieldPanel("experience"),
        FieldPanel("club"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("interests", "skills")

    @display(description=_("grupa wiekowa"))
    def age_group_label(self, obj):
        return obj.get_age_group_display()

    @display(description=_("zainteresowania"))
    def interests_list(self, obj):
        return ", ".join(area.name for area in obj.interests.all())

    @display(description=_("umiejętności"))
    def skills_list(self, obj):
        return ", ".join(skill.name for skill in obj.skills.all())

    @display(description=_("dostępność"))
    def availability_label(self, obj):
        return obj.get_availability_display()


class ApplicationPermissionHelper(PermissionHelper):
    """Staff: every application. An NGO editor: only applications to offers in their own subtree."""

    def user_can_list(self, user):
        return is_registry_staff(user) or own_offers_condition(user) is not None

    def user_can_create(self, user):
        return False

    def user_can_inspect_obj(self, user, obj):
        return can_handle_application(user, obj)

    def user_can_edit_obj(self, user, obj):
        return can_handle_application(user, obj)

    def user_can_delete_obj(self, user, obj):
        return is_registry_staff(user) and super().user_can_delete_obj(user, obj)


class ApplicationButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        buttons.append(
            {
                "url": reverse("volunteering_certificate", args=[obj.pk]),
                "label": _("Zaświadczenie"),
                "classname": "button button-secondary button-small",
                "title": _("Zaświadczenie o wolontariacie do wydruku"),
            }
        )
        return buttons


class OfferApplicationAdmin(ModelAdmin):
    """Applications to volunteer offers: the NGO sees its own, staff see all."""

    history_view_class = GuardedHistoryView

    model = OfferApplication
    menu_label = _("Zgłoszenia do ofert")
    menu_icon = "mail"
    permission_helper_class = ApplicationPermissionHelper
    button_helper_class = ApplicationButtonHelper
    list_display = ["name", "offer", "status", "age", "created_at"]
    list_filter = ["status"]
    list_select_related = ["offer"]
    search_fields = ["name", "email", "offer__title"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "offer",
        "status",
        "name",
        "email",
        "phone",
        "age",
        "guardian_name",
        "guardian_email",
        "message",
        "consent_text",
        "consent_version",
        "withdrawn_at",
        "created_at",
    ]
    list_export = [
        "offer",
        "status",
        "name",
        "email",
        "phone",
        "age",
        "guardian_name",
        "guardian_email",
        "message",
        "created_at",
    ]
    export_filename = "zgloszenia-do-ofert"
    panels = [FieldPanel("status")]

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = OfferApplicationStatusForm
        return handler

    def get_queryset(self, request):
        return applications_for(request.user, super().get_queryset(request))


class OfferApplicationStatusForm(WagtailAdminModelForm):
    """Setting "wycofane" in the panel dates the withdrawal (the retention purge counts from it)."""

    def save(self, commit=True):
        if "status" in self.changed_data:
            with transaction.atomic():
                services.note_status_change(self.instance)
                return super().save(commit=commit)
        return super().save(commit=commit)


class HoursEntryForm(WagtailAdminModelForm):
    """The application chooser lists only applications the user may handle."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "application" in self.fields:
            self.fields["application"].queryset = applications_for(
                for_user, OfferApplication.objects.select_related("offer")
            )

    def save(self, commit=True):
        # Who entered the hours (the NGO's editor or staff) is kept with a new entry.
        if self.instance.pk is None and self.for_user is not None and self.for_user.is_authenticated:
            self.instance.entered_by = self.for_user
        return super().save(commit=commit)


class HoursPermissionHelper(PermissionHelper):
    def _owner(self, user):
        return is_registry_staff(user) or own_offers_condition(user) is not None

    def user_can_list(self, user):
        return self._owner(user)

    def user_can_create(self, user):
        return self._owner(user)

    def user_can_inspect_obj(self, user, obj):
        return can_handle_application(user, obj.application)

    def user_can_edit_obj(self, user, obj):
        return can_handle_application(user, obj.application)

    def user_can_delete_obj(self, user, obj):
        return can_handle_application(user, obj.application)


class HoursEntryAdmin(ModelAdmin):
    """Hours of volunteering, entered by the offer's NGO or by staff."""

    history_view_class = GuardedHistoryView

    model = HoursEntry
    menu_label = _("Godziny wolontariatu")
    menu_icon = "time"
    permission_helper_class = HoursPermissionHelper
    list_display = ["date", "application", "hours", "description", "entered_by"]
    list_select_related = ["application__offer", "entered_by"]
    search_fields = ["application__name", "description"]
    list_export = ["date", "application", "hours", "description", "entered_by"]
    export_filename = "godziny-wolontariatu"
    panels = [FieldPanel("application"), FieldPanel("date"), FieldPanel("hours"), FieldPanel("description")]

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = HoursEntryForm
        return handler

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_registry_staff(request.user):
            return queryset
        condition = own_offers_condition(request.user, prefix="application__offer__")
        return queryset.filter(condition) if condition is not None else queryset.none()


class ReadOnlyPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class GdprAuditAdmin(ModelAdmin):
    """Who exported, erased or purged which record (no personal data)."""

    history_view_class = GuardedHistoryView

    model = GdprAuditEntry
    menu_label = _("Rejestr RODO")
    menu_icon = "history"
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = ["created_at", "action", "record_type", "volunteer_id_ref", "user", "note"]
    list_filter = ["action"]
    list_export = ["created_at", "action", "record_type", "volunteer_id_ref", "user", "note"]
    export_filename = "rejestr-rodo"


class PermissionMenuItem(MenuItem):
    """A submenu link shown only to users with ``permission``."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class VolunteeringGroup(ModelAdminGroup):
    menu_label = _("Wolontariat")
    menu_icon = "group"
    menu_order = 250
    items = (VolunteerAdmin, OfferApplicationAdmin, HoursEntryAdmin, GdprAuditAdmin)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.append(
            PermissionMenuItem(
                _("Sugerowane dopasowania"),
                reverse_lazy("volunteering_matches"),
                icon_name="link",
                order=10,
                permission="volunteering.view_volunteer",
            )
        )
        items.append(
            PermissionMenuItem(
                _("Umiejętności"),
                reverse_lazy("wagtailsnippets_volunteering_skill:list"),
                icon_name="pick",
                order=11,
                permission="volunteering.change_skill",
            )
        )
        return items


modeladmin_register(VolunteeringGroup)


@hooks.register("register_admin_urls")
def volunteering_admin_urls():
    return [
        path("wolontariat/dopasowania/", admin_views.matches, name="volunteering_matches"),
        path(
            "wolontariat/wolontariusz/<int:pk>/eksport/",
            admin_views.export_json,
            name="volunteering_export_json",
        ),
        path("wolontariat/wolontariusz/<int:pk>/usun-dane/", admin_views.erase, name="volunteering_erase"),
        path(
            "wolontariat/zgloszenie/<int:pk>/zaswiadczenie/",
            admin_views.certificate,
            name="volunteering_certificate",
        ),
    ]


@hooks.register("cop_home_sections")
def home_volunteer_offers(request, home_page):
    """The three newest open offers on the home page (nothing when there are none)."""
    from django.template.loader import render_to_string

    from .models import VolunteerCentrePage
    from .models.pages import open_offers

    offers = list(open_offers().order_by("-first_published_at", "-pk")[:3])
    if not offers:
        return ""
    centre = VolunteerCentrePage.objects.live().public().first()
    return render_to_string(
        "volunteering/home_section.html", {"offers": offers, "centre": centre}, request=request
    )


@hooks.register("cop_ngo_profile_sections")
def ngo_profile_offers(request, profile):
    """On an NGO's profile: its open volunteer offers (nothing when it has none)."""
    from django.template.loader import render_to_string

    from .models import VolunteerOfferIndexPage
    from .models.pages import open_offers

    offers = list(open_offers().descendant_of(profile).order_by("-first_published_at", "-pk")[:10])
    if not offers:
        return ""
    offer_index = VolunteerOfferIndexPage.objects.live().public().first()
    return render_to_string(
        "volunteering/ngo_profile_section.html",
        {"offers": offers, "offer_index": offer_index, "profile": profile},
        request=request,
    )


NEW_VOLUNTEER_DAYS = 30


@hooks.register("cop_dashboard_rows")
def volunteering_dashboard_rows(request):
    """ "Do zrobienia": sign-ups for staff; new applications for staff and for offer owners (two queries)."""
    import datetime

    from django.db.models import Count, Q
    from django.utils import timezone
    from django.utils.translation import gettext as _g

    from home.dashboard import DashboardRow, is_staff_member

    user = request.user
    staff = is_staff_member(user) and user.has_perm("volunteering.view_volunteer")
    if not staff and own_offers_condition(user) is None:
        return []
    section = _g("Wolontariat")
    rows = []
    if staff:
        since = timezone.now() - datetime.timedelta(days=NEW_VOLUNTEER_DAYS)
        counts = Volunteer.objects.aggregate(
            new_active=Count("pk", filter=Q(status=Volunteer.Status.ACTIVE, created_at__gte=since)),
            pending=Count("pk", filter=Q(status=Volunteer.Status.PENDING)),
        )
        registry = reverse("volunteering_volunteer_modeladmin_index")
        rows += [
            DashboardRow(
                section=section,
                label=_g("Nowi aktywni wolontariusze do dopasowania do ofert"),
                count=counts["new_active"],
                url=registry + "?status__exact=active",
                detail=_g("zapisani w ostatnich %(days)s dniach, zgody potwierdzone")
                % {"days": NEW_VOLUNTEER_DAYS},
                needs_action=counts["new_active"] > 0,
            ),
            DashboardRow(
                section=section,
                label=_g("Zapisy czekające na potwierdzenie e-mailem lub zgodę opiekuna"),
                count=counts["pending"],
                url=registry + "?status__exact=pending",
                detail=_g("czekają na wolontariusza lub opiekuna; przypomnij się, jeśli trwa to długo"),
            ),
        ]
    new_applications = applications_for(user, OfferApplication.objects.filter(status="new")).count()
    rows.append(
        DashboardRow(
            section=section,
            label=_g("Nowe zgłoszenia do ofert") if staff else _g("Nowe zgłoszenia do Twoich ofert"),
            count=new_applications,
            url=reverse("volunteering_offerapplication_modeladmin_index") + "?status__exact=new",
            staff_only=False,
            needs_action=new_applications > 0,
        )
    )
    return rows
