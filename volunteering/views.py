"""Public views of the volunteer database and of offers (served through the pages' routes)."""

from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from home.mail import queue_mail
from home.protection import drop_protection_fields, notify_after_commit, protected_post

from . import services
from .forms import OfferApplicationForm, VolunteerSignupForm
from .models import OfferApplication, Volunteer, VolunteerCentrePage
from .models.records import consent_version_of

SIGNUP_RATE_GROUP = "volunteering.signup"
APPLY_RATE_GROUP = "volunteering.apply"


def _render(request, centre, template, status=200, **context):
    return TemplateResponse(request, template, {"page": centre, "self": centre, **context}, status=status)


@protected_post(SIGNUP_RATE_GROUP)
def signup(request, centre):
    """The sign-up form of the municipal volunteer database (saved first, e-mails after)."""
    if request.method == "POST":
        form = VolunteerSignupForm(request.POST, consent_text=centre.consent_text)
        if form.is_valid():
            drop_protection_fields(form)
            data = form.cleaned_data
            services.sign_up(centre, data, consent_words=form.consent_text)
            # From the answers, not the record: a known address gets exactly the same page (privacy).
            request.session["volunteering_signer"] = services.signer_for_age(form.age)
            request.session["volunteering_has_email"] = bool(data.get("email"))
            return HttpResponseRedirect(centre.url + centre.reverse_subpage("signup_done"))
    else:
        form = VolunteerSignupForm(consent_text=centre.consent_text)
    return _render(request, centre, "volunteering/signup.html", form=form)


def signup_done(request, centre):
    return _render(
        request,
        centre,
        "volunteering/signup_done.html",
        signer=request.session.get("volunteering_signer"),
        has_email=request.session.get("volunteering_has_email", True),
    )


def _link_view(request, centre, token, purpose, action, template, *, read=None, name="volunteer"):
    """GET shows what the link does; POST (a button) does it – mail scanners never act for people."""
    try:
        record = read(token) if read else services.read_token(token, purpose)
    except services.LinkError as error:
        return _render(
            request,
            centre,
            "volunteering/link_invalid.html",
            reason=error.reason,
            purpose=purpose,
            status=400,
        )
    done = False
    if request.method == "POST":
        action(centre, record)
        record.refresh_from_db()
        done = True
    return _render(
        request,
        centre,
        template,
        done=done,
        purpose=purpose,
        grace_days=services.withdrawn_grace_days(),
        **{name: record},
    )


@never_cache  # a signed link for one person: never kept by the page cache or a proxy
def confirm_email(request, centre, token):
    return _link_view(
        request, centre, token, "email", services.confirm_email, "volunteering/confirm_email.html"
    )


@never_cache  # a signed link for one person: never kept by the page cache or a proxy
def guardian_consent(request, centre, token):
    return _link_view(
        request, centre, token, "guardian", services.confirm_guardian, "volunteering/guardian_consent.html"
    )


@never_cache  # a signed link for one person: never kept by the page cache or a proxy
def withdraw(request, centre, token):
    return _link_view(
        request, centre, token, "withdraw", services.withdraw_consent, "volunteering/withdraw.html"
    )


@never_cache  # a signed link for one person: never kept by the page cache or a proxy
def withdraw_application(request, centre, token):
    return _link_view(
        request,
        centre,
        token,
        "application",
        services.withdraw_application,
        "volunteering/withdraw_application.html",
        read=services.read_application_token,
        name="application",
    )


def send_application_notice(application_pk: int) -> None:
    """The organiser's notice and the applicant's receipt (with the signed withdrawal link); for a minor,
    the guardian named in the form gets a receipt too, with the same link (the application is made with
    their consent, so they may withdraw it)."""
    application = OfferApplication.objects.select_related("offer").get(pk=application_pk)
    body = render_to_string("volunteering/emails/application_notice.txt", {"application": application})
    queue_mail(
        f"Nowe zgłoszenie do oferty „{application.offer.title}”",
        body,
        [application.offer.contact_email],
    )
    centre = VolunteerCentrePage.objects.live().first()
    context = {
        "application": application,
        "withdraw_url": services.application_withdraw_url(centre, application) if centre else "",
    }
    body = render_to_string("volunteering/emails/application_receipt.txt", context)
    queue_mail(f"Twoje zgłoszenie do oferty „{application.offer.title}”", body, [application.email])
    guardian = application.guardian_email
    if guardian and guardian.lower() != application.email.lower():
        body = render_to_string(
            "volunteering/emails/application_receipt.txt", {**context, "for_guardian": True}
        )
        queue_mail(
            f"Zgłoszenie do oferty „{application.offer.title}” – informacja dla opiekuna",
            body,
            [guardian],
        )


@protected_post(APPLY_RATE_GROUP)
def offer_page(request, offer):
    """An offer with its application form (only while the offer is open)."""
    form = None
    if offer.is_open:
        if request.method == "POST":
            form = OfferApplicationForm(request.POST, offer=offer)
            if form.is_valid():
                drop_protection_fields(form)
                data = form.cleaned_data
                with transaction.atomic():
                    application = OfferApplication.objects.create(
                        offer=offer,
                        volunteer=Volunteer.objects.filter(
                            email__iexact=data["email"], status=Volunteer.Status.ACTIVE
                        ).first(),
                        name=data["name"],
                        email=data["email"],
                        phone=data["phone"],
                        age=data["age"],
                        guardian_name=data["guardian_name"] if data["age"] < 18 else "",
                        guardian_email=data["guardian_email"] if data["age"] < 18 else "",
                        message=data["message"],
                        consent_text=form.consent_text,
                        consent_version=consent_version_of(form.consent_text),
                    )
                    notify_after_commit(send_application_notice, application.pk)
                return HttpResponseRedirect(offer.url + "?zgloszono=1#zgloszenie")
        else:
            form = OfferApplicationForm(offer=offer)
    context = offer.get_context(request)
    context.update(form=form, applied=request.GET.get("zgloszono") == "1")
    return TemplateResponse(request, offer.get_template(request), context)
