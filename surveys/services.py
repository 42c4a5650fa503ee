"""Survey operations: storing and confirming responses, aggregate results, exports.

Aggregates are computed in Python over one query of the answers (``values_list``), so the number
of queries does not grow with the number of responses or questions.
"""

import csv
import datetime
import hashlib
import io
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from home.exports import safe_cell
from home.mail import queue_mail
from home.protection import notify_after_commit

from .models import SurveyPage, SurveyResponse

logger = logging.getLogger(__name__)

CONFIRM_SALT = "surveys.confirm-response"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)
STAFF_TEXTS_SHOWN = 30


class ConfirmationError(Exception):
    """A confirmation link that cannot be used; ``message`` is shown to the visitor."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Submitting and confirming -----------------------------------------------------------------------


def submit_response(survey: SurveyPage, form, request=None) -> SurveyResponse:
    """Save the response first, then send what needs sending once the transaction has committed."""
    if not survey.is_open:
        raise ConfirmationError(_("Ankieta nie przyjmuje teraz odpowiedzi."))
    response = SurveyResponse(survey=survey, answers=form.answers())
    if survey.response_mode == SurveyPage.Mode.PER_PERSON:
        response.email = form.cleaned_data["email"].strip().lower()
    elif survey.response_mode == SurveyPage.Mode.PER_ORGANISATION:
        response.organisation = form.cleaned_data["organisation"]
    if survey.needs_confirmation:
        response.status = SurveyResponse.Status.PENDING
    else:
        response.confirmed_at = timezone.now()
    response.full_clean(exclude=["answers"], validate_constraints=False)
    with transaction.atomic():
        response.save()
        if survey.needs_confirmation:
            notify_after_commit(send_confirmation, response, request)
        elif survey.notify_email:
            notify_after_commit(send_staff_notice, survey)
    return response


def confirmation_recipient(response: SurveyResponse) -> str:
    if response.organisation_id:
        return response.organisation.email
    return response.email


def respondent_fingerprint(response: SurveyResponse) -> str:
    """Who confirms, without putting an e-mail address into a URL."""
    who = f"o{response.organisation_id}" if response.organisation_id else f"e{response.email}"
    return hashlib.sha256(who.encode()).hexdigest()[:24]


def make_token(response: SurveyResponse) -> str:
    """A signed token bound to the response, its survey and who confirms it."""
    who = respondent_fingerprint(response)
    token = signing.dumps({"r": response.pk, "s": response.survey_id, "w": who}, salt=CONFIRM_SALT)
    # Wagtail's page URLs allow only [\w-] in a path segment, so the signer's ":" become "/".
    return token.replace(":", "/")


def confirmation_url(response: SurveyResponse, request=None) -> str:
    survey = response.survey
    return survey.get_full_url(request) + survey.reverse_subpage(
        "confirm", kwargs={"token": make_token(response)}
    )


def send_confirmation(response: SurveyResponse, request=None) -> None:
    context = {"survey": response.survey, "response": response, "url": confirmation_url(response, request)}
    queue_mail(
        _("Potwierdź odpowiedź na ankietę: %(title)s") % {"title": response.survey.title},
        render_to_string("surveys/email/confirm.txt", context),
        [confirmation_recipient(response)],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )


def send_staff_notice(survey: SurveyPage) -> None:
    queue_mail(
        _("Nowa odpowiedź na ankietę: %(title)s") % {"title": survey.title},
        render_to_string("surveys/email/staff_notice.txt", {"survey": survey}),
        [survey.notify_email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )


def read_token(survey: SurveyPage, token: str) -> SurveyResponse:
    """The pending or confirmed response a token points at, or :class:`ConfirmationError`."""
    try:
        data = signing.loads(token.strip("/").replace("/", ":"), salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise ConfirmationError(_("Link wygasł. Wypełnij ankietę ponownie, a wyślemy nowy link.")) from None
    except signing.BadSignature:
        raise ConfirmationError(_("Link jest nieprawidłowy. Sprawdź, czy skopiowano go w całości.")) from None
    if not isinstance(data, dict) or data.get("s") != survey.pk:
        raise ConfirmationError(_("Link jest nieprawidłowy. Sprawdź, czy skopiowano go w całości."))
    response = (
        SurveyResponse.objects.filter(pk=data.get("r"), survey=survey).select_related("organisation").first()
    )
    if response is None:
        raise ConfirmationError(_("Tej odpowiedzi już nie ma (została zastąpiona albo usunięta)."))
    if data.get("w") != respondent_fingerprint(response):
        raise ConfirmationError(_("Link jest nieprawidłowy. Sprawdź, czy skopiowano go w całości."))
    return response


def confirm(survey: SurveyPage, token: str) -> tuple[SurveyResponse, bool]:
    """Confirm the response behind ``token``; returns ``(response, replaced_an_earlier_one)``.

    Rule: a newer confirmed response replaces the earlier confirmed response of the same person or
    organisation (deleted in the same transaction; the database allows only one confirmed).
    """
    response = read_token(survey, token)
    if response.status == SurveyResponse.Status.CONFIRMED:
        return response, False
    if not survey.is_open:
        raise ConfirmationError(_("Ankieta jest już zamknięta, więc nie możemy przyjąć tej odpowiedzi."))
    with transaction.atomic():
        # Confirmations of one survey take turns (a row lock on the survey page; SQLite locks the
        # whole database anyway), so "delete the earlier, confirm this one" never races with itself.
        SurveyPage.objects.select_for_update(of=("self",)).filter(pk=survey.pk).values_list(
            "pk", flat=True
        ).first()
        response = SurveyResponse.objects.select_for_update().get(pk=response.pk)
        if response.status == SurveyResponse.Status.CONFIRMED:
            return response, False
        earlier = SurveyResponse.objects.confirmed().filter(survey=survey).exclude(pk=response.pk)
        if response.organisation_id:
            earlier = earlier.filter(organisation_id=response.organisation_id)
        else:
            earlier = earlier.filter(email=response.email)
        replaced, _per_model = earlier.delete()
        response.status = SurveyResponse.Status.CONFIRMED
        response.confirmed_at = timezone.now()
        response.save(update_fields=["status", "confirmed_at"])
        if survey.notify_email:
            notify_after_commit(send_staff_notice, survey)
    return response, bool(replaced)


# Results -----------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    key: str
    question: str
    kind: str
    summary: dict
    section: str = ""
    suppressed: bool = False


@dataclass
class SurveyResults:
    total: int
    per_day: list[dict] = field(default_factory=list)
    questions: list[QuestionResult] = field(default_factory=list)
    min_group: int | None = None


def confirmed_answers(survey: SurveyPage, date_from=None, date_to=None):
    """One query: ``(submitted_at, answers)`` of the confirmed responses in the date range."""
    rows = SurveyResponse.objects.confirmed().filter(survey=survey)
    if date_from:
        rows = rows.filter(submitted_at__date__gte=date_from)
    if date_to:
        rows = rows.filter(submitted_at__date__lte=date_to)
    return list(rows.order_by("submitted_at", "pk").values_list("submitted_at", "answers"))


def count_per_day(moments) -> list[dict]:
    zone = timezone.get_current_timezone()
    counts = Counter(moment.astimezone(zone).date() for moment in moments)
    top = max(counts.values(), default=0)
    return [
        {"day": day, "count": count, "percent": round(100 * count / top) if top else 0}
        for day, count in sorted(counts.items())
    ]


def survey_results(survey: SurveyPage, date_from=None, date_to=None, per_day=True) -> SurveyResults:
    """Per-question aggregates and responses per day, for staff (free-text answers included)."""
    rows = confirmed_answers(survey, date_from, date_to)
    results = SurveyResults(total=len(rows))
    if per_day:
        results.per_day = count_per_day(moment for moment, _answers in rows)
    section = ""
    for child in survey.questions:
        block, value = child.block, child.value
        if child.block_type == "section":
            section = value["heading"]
            continue
        key = value["key"]
        answers = [answers[key] for _moment, answers in rows if isinstance(answers, dict) and key in answers]
        results.questions.append(
            QuestionResult(
                key=key,
                question=value["question"],
                kind=block.answer_kind,
                summary=block.summarise(value, answers),
                section=section,
            )
        )
    return results


def suppress_cells(options: list[dict], min_group: int, exclusive: bool) -> list[dict]:
    """Hide counts below ``min_group``; when the options add up to the total and only one cell is
    hidden, hide the next smallest too so that it cannot be worked out by subtraction."""
    cells = [dict(option, hidden=0 < option["count"] < min_group) for option in options]
    if exclusive and sum(cell["hidden"] for cell in cells) == 1:
        visible = [cell for cell in cells if not cell["hidden"] and cell["count"] > 0]
        if visible:
            min(visible, key=lambda cell: cell["count"])["hidden"] = True
    for cell in cells:
        if cell["hidden"]:
            cell["count"] = None
            cell["percent"] = None
    return cells


def public_summary(kind: str, summary: dict, min_group: int) -> tuple[dict, bool]:
    """The publishable part of one question's summary, and whether the whole question is hidden."""
    if summary["n"] < min_group:
        return {"n": None}, True
    if kind == "text":
        return {"n": summary["n"]}, False
    if kind == "grid":
        rows = []
        for row in summary["rows"]:
            if row["n"] < min_group:
                rows.append({"label": row["label"], "n": None, "options": [], "mean": None, "hidden": True})
            else:
                rows.append(
                    {
                        "label": row["label"],
                        "n": row["n"],
                        "options": suppress_cells(row["options"], min_group, True),
                        "mean": row["mean"],
                        "hidden": False,
                    }
                )
        return {"n": summary["n"], "rows": rows}, False
    public = {
        "n": summary["n"],
        "options": suppress_cells(summary["options"], min_group, summary["exclusive"]),
    }
    if "mean" in summary:
        public["mean"] = summary["mean"]
    return public, False


PUBLIC_CACHE_SECONDS = 60 * 60


def public_results(survey: SurveyPage) -> SurveyResults:
    """Aggregates safe to publish: no free text, nothing about groups smaller than the survey's N.

    Cached: a closed survey's results change only when staff delete a response or edit the survey,
    and both change the cache key (response count, newest id, publication time, N).
    """
    state = (
        SurveyResponse.objects.confirmed()
        .filter(survey=survey)
        .aggregate(count=Count("pk"), newest=Max("pk"))
    )
    published = survey.last_published_at.timestamp() if survey.last_published_at else 0
    key = f"surveys:public:{survey.pk}:{published}:{survey.min_group_size}:{state['count']}:{state['newest']}"
    results = cache.get(key)
    if results is None:
        results = build_public_results(survey)
        cache.set(key, results, PUBLIC_CACHE_SECONDS)
    return results


def build_public_results(survey: SurveyPage) -> SurveyResults:
    full = survey_results(survey, per_day=False)
    min_group = survey.min_group_size
    public = SurveyResults(total=full.total, min_group=min_group)
    for result in full.questions:
        summary, hidden = public_summary(result.kind, result.summary, min_group)
        public.questions.append(
            QuestionResult(
                key=result.key,
                question=result.question,
                kind=result.kind,
                summary=summary,
                section=result.section,
                suppressed=hidden,
            )
        )
    return public


# Exports -----------------------------------------------------------------------------------------


def export_table(survey: SurveyPage, date_from=None, date_to=None) -> tuple[list[str], list[list]]:
    """Headers and rows of every confirmed response (one query), cells made formula-safe."""
    headers = [_("Nr"), _("Wysłano")]
    if survey.response_mode == SurveyPage.Mode.PER_PERSON:
        headers.append(_("E-mail"))
    elif survey.response_mode == SurveyPage.Mode.PER_ORGANISATION:
        headers.append(_("Organizacja"))
    questions = survey.question_blocks()
    for block, value in questions:
        headers.extend(block.export_headers(value))
    rows = SurveyResponse.objects.confirmed().filter(survey=survey)
    if date_from:
        rows = rows.filter(submitted_at__date__gte=date_from)
    if date_to:
        rows = rows.filter(submitted_at__date__lte=date_to)
    table = []
    for pk, moment, email, organisation, answers in rows.order_by("submitted_at", "pk").values_list(
        "pk", "submitted_at", "email", "organisation__title", "answers"
    ):
        row = [pk, timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")]
        if survey.response_mode == SurveyPage.Mode.PER_PERSON:
            row.append(email)
        elif survey.response_mode == SurveyPage.Mode.PER_ORGANISATION:
            row.append(organisation or "")
        answers = answers if isinstance(answers, dict) else {}
        for block, value in questions:
            row.extend(block.export_cells(value, answers.get(value["key"])))
        table.append([safe_cell(cell) for cell in row])
    return [safe_cell(header) for header in headers], table


def export_filename(survey: SurveyPage, extension: str) -> str:
    return f"ankieta-{slugify(survey.slug) or survey.pk}-{timezone.localdate():%Y-%m-%d}.{extension}"


def export_csv(survey: SurveyPage, date_from=None, date_to=None) -> HttpResponse:
    headers, rows = export_table(survey, date_from, date_to)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    # The BOM makes spreadsheet programs read the Polish letters as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(survey, "csv")}"'
    return response


def export_xlsx(survey: SurveyPage, date_from=None, date_to=None) -> HttpResponse:
    from openpyxl import Workbook

    headers, rows = export_table(survey, date_from, date_to)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Odpowiedzi")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(survey, "xlsx")}"'
    return response
