"""Public survey views (form, confirmation link) and the staff results views of the admin."""

from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from home.protection import rate_limit_exceeded

from . import services
from .forms import ResultsFilterForm, SurveyForm
from .models import SurveyPage, SurveyResponse

RESULTS_PERMISSION = "surveys.view_surveyresponse"


def survey_form(request, survey: SurveyPage):
    """The survey page: a message before opening and after closing, otherwise the form."""
    state = survey.state
    if state != SurveyPage.State.OPEN:
        return survey.render(request, context_overrides={"form": None})
    if request.method == "POST":
        if rate_limit_exceeded(request, group=f"survey-{survey.pk}"):
            from home.views import rate_limited

            return rate_limited(request)
        form = SurveyForm(survey, request.POST)
        if form.is_valid():
            services.submit_response(survey, form, request)
            route = "check_email" if survey.needs_confirmation else "thank_you"
            return HttpResponseRedirect(survey.url + survey.reverse_subpage(route))
    else:
        form = SurveyForm(survey)
    return survey.render(request, context_overrides={"form": form})


def confirm_response(request, survey: SurveyPage, token: str):
    """GET shows a button, POST confirms: mail scanners that open links never confirm anything."""
    context = {"token": token, "error": None, "done": False, "replaced": False}
    try:
        response = services.read_token(survey, token)
        if request.method == "POST":
            response, context["replaced"] = services.confirm(survey, token)
            context["done"] = True
        elif response.status == SurveyResponse.Status.CONFIRMED:
            context["done"] = True
    except services.ConfirmationError as error:
        context["error"] = error.message
    status = 400 if context["error"] else 200
    response = survey.render(request, template="surveys/survey_confirm.html", context_overrides=context)
    response.status_code = status
    return response


# Admin -------------------------------------------------------------------------------------------


@permission_required(RESULTS_PERMISSION, raise_exception=True)
def results_index(request):
    """Every survey with its number of confirmed and pending responses (one query)."""
    surveys = SurveyPage.objects.annotate(
        confirmed_count=Count("responses", filter=Q(responses__status=SurveyResponse.Status.CONFIRMED)),
        pending_count=Count("responses", filter=Q(responses__status=SurveyResponse.Status.PENDING)),
    ).order_by("-latest_revision_created_at", "title")
    return TemplateResponse(
        request, "surveys/admin/results_index.html", {"surveys": surveys, "now": timezone.now()}
    )


@permission_required(RESULTS_PERMISSION, raise_exception=True)
def results(request, pk: int):
    """Per-question aggregates with bar charts, responses per day and a date filter."""
    survey = get_object_or_404(SurveyPage, pk=pk)
    filters = ResultsFilterForm(request.GET or None)
    date_from, date_to = filters.range()
    survey_results = services.survey_results(survey, date_from, date_to)
    for result in survey_results.questions:
        if "texts" in result.summary:
            texts = result.summary["texts"]
            result.summary["shown_texts"] = texts[-services.STAFF_TEXTS_SHOWN :][::-1]
    query = request.GET.urlencode() if filters.is_bound and filters.is_valid() else ""
    return TemplateResponse(
        request,
        "surveys/admin/results.html",
        {
            "survey": survey,
            "results": survey_results,
            "filters": filters,
            "query": query,
            "texts_shown": services.STAFF_TEXTS_SHOWN,
        },
    )


@permission_required(RESULTS_PERMISSION, raise_exception=True)
def export(request, pk: int, file_format: str):
    survey = get_object_or_404(SurveyPage, pk=pk)
    filters = ResultsFilterForm(request.GET or None)
    date_from, date_to = filters.range()
    if file_format == "xlsx":
        return services.export_xlsx(survey, date_from, date_to)
    return services.export_csv(survey, date_from, date_to)
