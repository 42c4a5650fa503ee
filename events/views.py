"""Views of the events app: the public registration and cancellation, and staff's admin views."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from home.protection import protected_post

from . import services
from .forms import CancelForm, RegistrationForm, StaffMessageForm
from .models import EventPage, Registration


@protected_post("event-registration")
def event_page(request, *, page):
    """The event page; on POST, the registration form (saved first, e-mailed after)."""
    state = page.registration_state()
    form = None
    if state == "open":
        form = RegistrationForm(request.POST if request.method == "POST" else None, event=page)
    if request.method == "POST":
        if form is None:
            # Registration closed between showing the form and sending it: say so, keep nothing.
            return _render(request, page, form=None, status_code=200, closed_on_post=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                registration = services.register(
                    page,
                    name=data["name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    accessibility_needs=data["accessibility_needs"],
                )
            except services.RegistrationError as error:
                form.add_error(error.field, error.message)
            else:
                return TemplateResponse(
                    request,
                    "events/registration_done.html",
                    {"page": page, "self": page, "registration": registration},
                )
    return _render(request, page, form=form)


def _render(request, page, *, form, status_code=200, closed_on_post=False):
    context = page.get_context(request)
    context.update(form=form, registration_state=page.registration_state(), closed_on_post=closed_on_post)
    return TemplateResponse(request, page.get_template(request), context, status=status_code)


@never_cache  # a signed link for one person: never kept by the page cache or a proxy
@require_http_methods(["GET", "POST"])
@protected_post("event-cancellation")
def cancel_registration(request, *, page):
    """Cancellation through the signed link from the confirmation e-mail (GET asks, POST cancels)."""
    token = (request.POST.get("t") or request.GET.get("t") or "")[:500]
    registration = services.registration_for_token(token, page)
    context = {"page": page, "self": page, "registration": registration, "token": token}
    if registration is None:
        return TemplateResponse(request, "events/cancel_invalid.html", context, status=404)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and registration.status != Registration.CANCELLED and form.is_valid():
        registration, _promoted = services.cancel(registration.pk)
        context.update(registration=registration, just_cancelled=True)
    context["form"] = form
    return TemplateResponse(request, "events/cancel_registration.html", context)


# Staff views in the admin -------------------------------------------------------------------------


def _staff_event(request, event_id):
    if not request.user.has_perm("events.change_registration"):
        raise PermissionDenied
    return get_object_or_404(EventPage, pk=event_id)


def attendance(request, event_id):
    """Mark who came: one checkbox per confirmed person."""
    event = _staff_event(request, event_id)
    registrations = list(event.registrations.filter(status=Registration.CONFIRMED).order_by("name", "pk"))
    if request.method == "POST":
        present = {int(pk) for pk in request.POST.getlist("present") if pk.isdigit()}
        for registration in registrations:
            value = registration.pk in present
            if registration.attended != value:
                registration.attended = value
                registration.save(update_fields=["attended"])
        messages.success(
            request,
            _("Zapisano obecność: %(present)d z %(total)d osób.")
            % {"present": len(present & {r.pk for r in registrations}), "total": len(registrations)},
        )
        return redirect("events_attendance", event_id=event.pk)
    return TemplateResponse(
        request, "events/admin/attendance.html", {"event": event, "registrations": registrations}
    )


def message(request, event_id):
    """E-mail everyone registered for the event (or only confirmed / waiting people)."""
    event = _staff_event(request, event_id)
    form = StaffMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = services.message_registered(
            event,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            statuses=form.statuses(),
            reply_to=request.user.email or None,
        )
        if sent:
            messages.success(request, _("Wysłano wiadomość do %(count)d osób.") % {"count": sent})
        else:
            messages.warning(request, _("Nie wysłano żadnej wiadomości: brak odbiorców lub błąd poczty."))
        return redirect("events_message", event_id=event.pk)
    counts = {
        status: event.registrations.filter(status=status).count()
        for status in (Registration.CONFIRMED, Registration.WAITING)
    }
    return TemplateResponse(
        request, "events/admin/message.html", {"event": event, "form": form, "counts": counts}
    )
