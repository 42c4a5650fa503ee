"""Staff views of the volunteer registry: suggested matches, GDPR export and erasure, certificates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from . import services
from .models import OfferApplication, Volunteer
from .models.pages import open_offers
from .ownership import can_handle_application


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def matches(request):
    """Suggested volunteer–offer pairs with the reason for each (staff only); ``?oferta=`` narrows to one offer."""
    _require(request, "volunteering.view_volunteer")
    offers = open_offers().order_by("title", "pk")
    chosen = request.GET.get("oferta", "")
    selected = offers.filter(pk=chosen) if chosen.isdigit() else None
    suggestions = services.suggest_matches(offers=selected if selected is not None else offers, limit=200)
    return TemplateResponse(
        request,
        "volunteering/admin/matches.html",
        {
            "matches": suggestions,
            "offer_choices": offers.values_list("pk", "title"),
            "chosen": int(chosen) if chosen.isdigit() else None,
        },
    )


def export_json(request, pk):
    _require(request, "volunteering.change_volunteer")
    volunteer = get_object_or_404(Volunteer, pk=pk)
    if volunteer.status == Volunteer.Status.ANONYMISED:
        raise PermissionDenied
    data = services.export_person(volunteer, user=request.user)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wolontariusz-{volunteer.pk}.json"'
    return response


def erase(request, pk):
    """Confirm, then anonymise one person (POST only does it)."""
    _require(request, "volunteering.delete_volunteer")
    volunteer = get_object_or_404(Volunteer, pk=pk)
    if request.method == "POST" and volunteer.status != Volunteer.Status.ANONYMISED:
        services.anonymise(volunteer, user=request.user, note=request.POST.get("reason", "")[:250])
        messages.success(request, f"Dane osoby (rekord nr {volunteer.pk}) zostały usunięte.")
        return redirect("volunteering_volunteer_modeladmin_index")
    return TemplateResponse(request, "volunteering/admin/erase.html", {"volunteer": volunteer})


def certificate(request, pk):
    """A printable certificate of service (zaświadczenie) for one application's logged hours."""
    application = get_object_or_404(OfferApplication.objects.select_related("offer"), pk=pk)
    if not can_handle_application(request.user, application):
        raise PermissionDenied
    hours = application.hours.order_by("date")
    total = hours.aggregate(total=Sum("hours"))["total"] or 0
    return TemplateResponse(
        request,
        "volunteering/admin/certificate.html",
        {"application": application, "hours": hours, "total": total, "today": timezone.localdate()},
    )
