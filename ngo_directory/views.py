"""Non-page views of the NGO directory: the public onboarding form (a route of the directory page)."""

from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from home.protection import notify_after_commit, protected_post

from .forms import OnboardingForm
from .services import confirm_request_received, notify_staff_of_request

SENT_FLAG = "wyslano"


@protected_post("ngo-onboarding")
def onboarding_view(request, directory):
    """Show, validate and store the "Dodaj organizację" form; e-mails go out after the commit."""
    form = OnboardingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                onboarding = form.save()
                notify_staff_of_request(onboarding)
                notify_after_commit(confirm_request_received, onboarding)
        except IntegrityError:
            # Two identical requests at the same moment: the database constraint wins, the visitor gets a message.
            form.add_error(None, "Zgłoszenie tej organizacji (ten sam KRS lub NIP) już czeka na decyzję COP.")
        else:
            return redirect(directory.url + directory.reverse_subpage("onboarding") + f"?{SENT_FLAG}=1")
    context = {
        "page": directory,
        "form": form,
        "sent": request.method == "GET" and SENT_FLAG in request.GET,
    }
    return TemplateResponse(request, "ngo_directory/onboarding.html", context)
