"""Admin of the surveys: the register of responses (wagtail-modeladmin) and the results views."""

from django.contrib.admin import SimpleListFilter
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import InspectView

from home.exports import SafeExportIndexView

from . import views
from .models import SurveyPage, SurveyResponse


class SurveyFilter(SimpleListFilter):
    """Filter by survey (Django's related-field filter needs django.contrib.admin, which is not installed)."""

    title = _("ankieta")
    parameter_name = "ankieta"

    def lookups(self, request, model_admin):
        return [
            (survey.pk, survey.title) for survey in SurveyPage.objects.order_by("title").only("pk", "title")
        ]

    def queryset(self, request, queryset):
        if self.value() and str(self.value()).isdigit():
            return queryset.filter(survey_id=int(self.value()))
        return queryset


class SurveyResponseInspectView(InspectView):
    """Shows the answers question by question instead of raw JSON."""

    def get_field_display_value(self, field_name, field=None):
        if field_name == "answers":
            return self.model_admin.answers_as_html(self.instance)
        return super().get_field_display_value(field_name, field)


class SurveyResponseAdmin(ModelAdmin):
    """Submitted responses: filters, inspect view with the answers laid out per question, export."""

    model = SurveyResponse
    menu_label = _("Odpowiedzi na ankiety")
    menu_icon = "form"
    menu_order = 410
    add_to_settings_menu = False
    inspect_view_enabled = True
    inspect_view_class = SurveyResponseInspectView
    index_view_class = SafeExportIndexView
    list_display = ("survey", "submitted_at", "status", "organisation", "email")
    list_filter = (SurveyFilter, "status", "submitted_at")
    search_fields = ("email", "organisation__title")
    list_export = (
        "pk",
        "survey",
        "submitted_at",
        "status",
        "confirmed_at",
        "organisation",
        "email",
        "answers",
    )
    export_filename = "odpowiedzi-ankiet"
    inspect_view_fields = (
        "survey",
        "submitted_at",
        "status",
        "confirmed_at",
        "organisation",
        "email",
        "answers",
    )
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("survey", "organisation")

    def answers_as_html(self, obj):
        """The answers, one question per line (shown in the inspect view)."""
        lines = []
        for block, value in obj.survey.question_blocks():
            answer = obj.answers.get(value["key"]) if isinstance(obj.answers, dict) else None
            cells = block.export_cells(value, answer)
            for header, cell in zip(block.export_headers(value), cells, strict=False):
                lines.append((header, cell if cell not in (None, "") else "—"))
        return format_html_join("", "<dt>{}</dt><dd>{}</dd>", lines) if lines else "—"


modeladmin_register(SurveyResponseAdmin)


@hooks.register("register_admin_urls")
def survey_results_urls():
    return [
        path("ankiety/wyniki/", views.results_index, name="surveys_results_index"),
        path("ankiety/<int:pk>/wyniki/", views.results, name="surveys_results"),
        path("ankiety/<int:pk>/eksport.csv", views.export, {"file_format": "csv"}, name="surveys_export_csv"),
        path(
            "ankiety/<int:pk>/eksport.xlsx", views.export, {"file_format": "xlsx"}, name="surveys_export_xlsx"
        ),
    ]


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.RESULTS_PERMISSION)


@hooks.register("register_admin_menu_item")
def survey_results_menu_item():
    return ResultsMenuItem(
        _("Wyniki ankiet"), reverse("surveys_results_index"), icon_name="doc-full-inverse", order=411
    )


@hooks.register("register_page_header_buttons")
def survey_results_header_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, SurveyPage) and user.has_perm(views.RESULTS_PERMISSION):
        yield Button(
            _("Wyniki ankiety"), reverse("surveys_results", args=[page.pk]), icon_name="doc-full", priority=5
        )


@hooks.register("cop_home_sections")
def open_surveys_on_the_home_page(request, home_page):
    """Open surveys of this site, in one query; nothing when there are none."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    now = timezone.now()
    surveys = [
        survey
        for survey in SurveyPage.objects.live()
        .public()
        .descendant_of(home_page)
        .order_by("closes_at", "pk")[:20]
        if survey.state_at(now) == SurveyPage.State.OPEN
    ][:3]
    if not surveys:
        return ""
    return render_to_string("surveys/home_section.html", {"surveys": surveys}, request=request)


DASHBOARD_SURVEYS = 10


@hooks.register("cop_dashboard_rows")
def open_surveys_dashboard_rows(request):
    """ "Do zrobienia": surveys open now with their confirmed and pending responses (one query)."""
    from django.db.models import Count, Q
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _g

    from home.dashboard import DashboardRow, is_staff_member

    from .views import RESULTS_PERMISSION

    if not is_staff_member(request.user) or not request.user.has_perm(RESULTS_PERMISSION):
        return []
    now = timezone.now()
    surveys = (
        SurveyPage.objects.live()
        .filter(
            Q(opens_at__isnull=True) | Q(opens_at__lte=now), Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        )
        .annotate(
            confirmed_count=Count("responses", filter=Q(responses__status=SurveyResponse.Status.CONFIRMED)),
            pending_count=Count("responses", filter=Q(responses__status=SurveyResponse.Status.PENDING)),
        )
        .order_by("closes_at", "title")[:DASHBOARD_SURVEYS]
    )
    rows = []
    for survey in surveys:
        parts = [_g("odpowiedzi potwierdzone: %(count)s") % {"count": survey.confirmed_count}]
        if survey.pending_count:
            parts.append(_g("czekają na potwierdzenie e-mailem: %(count)s") % {"count": survey.pending_count})
        parts.append(
            _g("otwarta do %(date)s")
            % {"date": date_format(timezone.localtime(survey.closes_at), "j E Y, H:i")}
            if survey.closes_at
            else _g("bez daty zamknięcia")
        )
        rows.append(
            DashboardRow(
                section=_g("Otwarte ankiety"),
                label=survey.title,
                count=survey.confirmed_count,
                url=reverse("surveys_results", args=[survey.pk]),
                detail="; ".join(parts),
            )
        )
    return rows
