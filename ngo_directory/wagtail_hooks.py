"""Admin of the NGO directory: the areas taxonomy (snippet), the onboarding register, the staff export."""

import functools

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import ButtonHelper, PagePermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import AreaOfActivity, NGOProfilePage, OnboardingRequest
from .services import (
    approve_onboarding,
    correct_address,
    deliver_invitation,
    deliver_rejection,
    reject_onboarding,
)


class AreaOfActivityViewSet(SnippetViewSet):
    model = AreaOfActivity
    icon = "tag"
    menu_label = _("Obszary działalności")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(AreaOfActivityViewSet)


# Onboarding requests: a register of records visitors submit and staff handle ---------------------------


class OnboardingButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude=["edit"], classnames_add=classnames_add)
        if not self.request.user.has_perm("ngo_directory.change_onboardingrequest"):
            return buttons
        if obj.status == OnboardingRequest.Status.PENDING:
            buttons.insert(
                0,
                {
                    "url": reverse("ngo_onboarding_decide", args=[obj.pk]),
                    "label": _("Rozpatrz"),
                    "classname": "button button-small button-secondary",
                    "title": _("Zatwierdź albo odrzuć zgłoszenie"),
                },
            )
        elif obj.status == OnboardingRequest.Status.APPROVED and obj.invitation_failed:
            buttons.insert(
                0,
                {
                    "url": reverse("ngo_onboarding_decide", args=[obj.pk]) + "#zaproszenie",
                    "label": _("Wyślij zaproszenie ponownie"),
                    "classname": "button button-small button-secondary",
                    "title": _("Zaproszenie nie zostało wysłane: sprawdź adres i wyślij je jeszcze raz"),
                },
            )
        elif obj.status == OnboardingRequest.Status.REJECTED and obj.rejection_failed:
            buttons.insert(
                0,
                {
                    "url": reverse("ngo_onboarding_decide", args=[obj.pk]) + "#odmowa",
                    "label": _("Wyślij ponownie e-mail z odmową"),
                    "classname": "button button-small button-secondary",
                    "title": _(
                        "E-mail z powodem odrzucenia nie został wysłany: sprawdź adres i wyślij go jeszcze raz"
                    ),
                },
            )
        return buttons


def decision_mail_state(onboarding) -> str:
    """The e-mail with the decision as staff should read it: the invitation of an approved request or the
    reason of a rejected one; sent when, failed why, or nothing yet (a pending request, an older record)."""
    if onboarding.status == OnboardingRequest.Status.APPROVED:
        sent_at, error = onboarding.invitation_sent_at, onboarding.invitation_error
        sent, failed = _("zaproszenie wysłano %(date)s"), _("zaproszenia nie wysłano: %(error)s")
    elif onboarding.status == OnboardingRequest.Status.REJECTED:
        sent_at, error = onboarding.rejection_sent_at, onboarding.rejection_error
        sent, failed = _("odmowę wysłano %(date)s"), _("odmowy nie wysłano: %(error)s")
    else:
        return "–"
    if sent_at:
        return sent % {"date": date_format(timezone.localtime(sent_at), "j E Y, H:i")}
    if error:
        return failed % {"error": error}
    return "–"


class OnboardingRequestAdmin(ModelAdmin):
    model = OnboardingRequest
    menu_label = _("Zgłoszenia organizacji")
    menu_icon = "form"
    button_helper_class = OnboardingButtonHelper
    list_display = (
        "name",
        "legal_form",
        "krs",
        "nip",
        "district",
        "contact_email",
        "status",
        "decision_mail",
        "created_at",
    )
    list_filter = ("status", "legal_form", "district", "is_opp", "created_at")
    search_fields = ("name", "short_name", "krs", "nip", "contact_last_name", "contact_email")
    inspect_view_enabled = True
    inspect_view_fields_exclude = ("consent_text",)
    list_export = (
        "name",
        "short_name",
        "legal_form",
        "krs",
        "nip",
        "regon",
        "district",
        "email",
        "contact_first_name",
        "contact_last_name",
        "contact_email",
        "status",
        "created_at",
        "decided_at",
    )
    export_filename = "zgloszenia-organizacji"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("decided_by", "profile")

    def decision_mail(self, obj):
        return decision_mail_state(obj)

    decision_mail.short_description = _("e-mail z decyzją")


class StaffOnlyPagePermissionHelper(PagePermissionHelper):
    """The export lists every profile, drafts included: COP staff only, never NGO editors."""

    def user_can_list(self, user):
        return user.is_active and user.has_perm("ngo_directory.view_ngoprofilepage")

    def user_can_create(self, user):
        return False

    def user_can_inspect_obj(self, user, obj):
        return self.user_can_list(user)

    def user_can_edit_obj(self, user, obj):
        return self.user_can_list(user) and super().user_can_edit_obj(user, obj)

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_unpublish_obj(self, user, obj):
        return False

    def user_can_copy_obj(self, user, obj):
        return False


class NGOProfileExportAdmin(ModelAdmin):
    """The whole directory as a table for staff, exportable as CSV or XLSX."""

    model = NGOProfilePage
    menu_label = _("Eksport bazy organizacji")
    menu_icon = "download"
    permission_helper_class = StaffOnlyPagePermissionHelper
    list_display = ("title", "legal_form", "krs", "nip", "district", "is_opp", "live")
    list_filter = ("district", "legal_form", "is_opp", "live")
    search_fields = ("title", "short_name", "krs", "nip")
    list_export = (
        "title",
        "short_name",
        "legal_form",
        "krs",
        "nip",
        "regon",
        "is_opp",
        "district",
        "street",
        "postal_code",
        "city",
        "email",
        "phone",
        "website",
        "live",
        "full_url",
    )
    export_filename = "baza-organizacji"


class NGODirectoryAdminGroup(ModelAdminGroup):
    menu_label = _("Organizacje")
    menu_icon = "group"
    menu_order = 250
    items = (OnboardingRequestAdmin, NGOProfileExportAdmin)


modeladmin_register(NGODirectoryAdminGroup)


@hooks.register("before_copy_page")
def _profiles_are_not_copied(request, page):
    """A profile's KRS and NIP are unique, so a copy could never be valid: refuse with a clear message."""
    if isinstance(page.specific, NGOProfilePage):
        messages.error(
            request,
            _(
                "Profilu organizacji nie kopiujemy: każda organizacja ma własne numery KRS i NIP. Dodaj nowy profil."
            ),
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decyzja"),
        choices=[("approve", _("Zatwierdź i wyślij zaproszenie")), ("reject", _("Odrzuć"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Powód odrzucenia"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wymagany przy odrzuceniu; zgłaszający otrzyma go e-mailem."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Podaj powód odrzucenia: otrzyma go zgłaszający."))
        return data


def decide_onboarding(request, pk):
    """Approve (profile + group + collection + invitation, in one action) or reject with a reason."""
    if not request.user.has_perm("ngo_directory.change_onboardingrequest"):
        raise PermissionDenied
    onboarding = get_object_or_404(OnboardingRequest, pk=pk)
    form = DecisionForm(request.POST or None)
    index_url = OnboardingRequestAdmin().url_helper.index_url
    if request.method == "POST" and onboarding.status == OnboardingRequest.Status.PENDING and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                onboarding = approve_onboarding(onboarding, request.user)
                names = {"name": onboarding.name, "email": onboarding.editor.email}
                if deliver_invitation(onboarding):
                    messages.success(
                        request,
                        _(
                            "Zatwierdzono: utworzono szkic profilu „%(name)s” i wysłano zaproszenie do %(email)s."
                        )
                        % names,
                    )
                else:
                    messages.error(
                        request,
                        _(
                            "Zatwierdzono: utworzono szkic profilu „%(name)s”, ale zaproszenia do %(email)s "
                            "nie wysłano (%(error)s). Użyj przycisku „Wyślij zaproszenie ponownie”."
                        )
                        % {**names, "error": onboarding.invitation_error},
                    )
                    return redirect(reverse("ngo_onboarding_decide", args=[onboarding.pk]) + "#zaproszenie")
            else:
                onboarding = reject_onboarding(onboarding, request.user, form.cleaned_data["reason"])
                names = {"name": onboarding.name, "email": onboarding.contact_email}
                if deliver_rejection(onboarding):
                    messages.success(
                        request, _("Odrzucono zgłoszenie „%(name)s” i wysłano powód do %(email)s.") % names
                    )
                else:
                    messages.error(
                        request,
                        _(
                            "Odrzucono zgłoszenie „%(name)s”, ale e-maila z powodem do %(email)s nie wysłano "
                            "(%(error)s). Użyj przycisku „Wyślij ponownie e-mail z odmową”."
                        )
                        % {**names, "error": onboarding.rejection_error},
                    )
                    return redirect(reverse("ngo_onboarding_decide", args=[onboarding.pk]) + "#odmowa")
            return redirect(index_url)
        except ValidationError as error:
            # Field errors of the profile (e.g. a duplicate KRS) are shown above the decision form.
            form.add_error(None, ValidationError(error.messages))
        except IntegrityError:
            form.add_error(
                None,
                _(
                    "Organizacja z tym numerem KRS lub NIP jest już w bazie organizacji: zgłoszenia nie zatwierdzono."
                ),
            )
    return TemplateResponse(
        request,
        "ngo_directory/admin/decide_onboarding.html",
        {"onboarding": onboarding, "form": form, "index_url": index_url, "page_title": onboarding.name},
    )


def staff_resend_action(view):
    """A "send again" button of a request: POST only (with the CSRF token Django checks), for staff who
    may change requests. Anyone else gets a plain 403 (not Wagtail's redirect to the dashboard): nothing is
    sent."""

    @require_POST
    @functools.wraps(view)
    def wrapped(request, pk):
        if not request.user.has_perm("ngo_directory.change_onboardingrequest"):
            return permission_denied(request, PermissionDenied())
        return view(request, pk)

    return wrapped


def _with_corrected_address(request, onboarding) -> bool:
    """Take the address typed next to a "send again" button (staff may correct a typo). False, with a
    Polish message, when it cannot be used: then nothing is changed or sent."""
    try:
        changed = correct_address(onboarding, request.POST.get("email", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    if changed:
        messages.info(
            request, _("Zapisano nowy adres e-mail: %(email)s.") % {"email": request.POST["email"].strip()}
        )
    return True


@staff_resend_action
def resend_invitation(request, pk):
    """Staff send the invitation of an approved request again (after a mail failure or a lost e-mail)."""
    onboarding = get_object_or_404(OnboardingRequest.objects.select_related("editor"), pk=pk)
    page_url = reverse("ngo_onboarding_decide", args=[onboarding.pk]) + "#zaproszenie"
    editor = onboarding.editor
    if onboarding.status != OnboardingRequest.Status.APPROVED or editor is None:
        messages.error(
            request, _("Zaproszenie wysyłamy tylko dla zatwierdzonego zgłoszenia z kontem redaktora.")
        )
        return redirect(page_url)
    if not editor.is_active:
        messages.error(
            request,
            _("Konto redaktora %(username)s jest wyłączone: najpierw je włącz, potem wyślij zaproszenie.")
            % {"username": editor.get_username()},
        )
        return redirect(page_url)
    if not _with_corrected_address(request, onboarding):
        return redirect(page_url)
    editor = onboarding.editor
    if deliver_invitation(onboarding):
        messages.success(request, _("Wysłano ponownie zaproszenie do %(email)s.") % {"email": editor.email})
    else:
        messages.error(
            request,
            _("Nie udało się wysłać zaproszenia do %(email)s: %(error)s.")
            % {"email": editor.email, "error": onboarding.invitation_error},
        )
    return redirect(page_url)


@staff_resend_action
def resend_rejection(request, pk):
    """Staff send the reason of a rejected request again (after a mail failure or a lost e-mail)."""
    onboarding = get_object_or_404(OnboardingRequest, pk=pk)
    page_url = reverse("ngo_onboarding_decide", args=[onboarding.pk]) + "#odmowa"
    if onboarding.status != OnboardingRequest.Status.REJECTED:
        messages.error(request, _("E-mail z odmową wysyłamy tylko dla odrzuconego zgłoszenia."))
        return redirect(page_url)
    if not _with_corrected_address(request, onboarding):
        return redirect(page_url)
    email = {"email": onboarding.contact_email}
    if deliver_rejection(onboarding):
        messages.success(request, _("Wysłano ponownie e-mail z odmową do %(email)s.") % email)
    else:
        messages.error(
            request,
            _("Nie udało się wysłać e-maila z odmową do %(email)s: %(error)s.")
            % {**email, "error": onboarding.rejection_error},
        )
    return redirect(page_url)


@hooks.register("register_admin_urls")
def _onboarding_urls():
    return [
        path("organizacje/zgloszenia/<int:pk>/decyzja/", decide_onboarding, name="ngo_onboarding_decide"),
        path("organizacje/zgloszenia/<int:pk>/zaproszenie/", resend_invitation, name="ngo_onboarding_resend"),
        path(
            "organizacje/zgloszenia/<int:pk>/odmowa/",
            resend_rejection,
            name="ngo_onboarding_resend_rejection",
        ),
    ]


@hooks.register("cop_dashboard_rows")
def onboarding_dashboard_rows(request):
    """ "Do zrobienia": how many organisations wait to be added, and the oldest few (two queries)."""
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _g

    from home.dashboard import DashboardRow, is_staff_member, pending_row

    if not is_staff_member(request.user) or not request.user.has_perm(
        "ngo_directory.change_onboardingrequest"
    ):
        return []
    pending = OnboardingRequest.objects.filter(status=OnboardingRequest.Status.PENDING)
    section = _g("Organizacje")
    rows = [
        pending_row(
            pending,
            section=section,
            label=_g("Zgłoszenia nowych organizacji czekające na decyzję"),
            url=OnboardingRequestAdmin().url_helper.index_url + "?status__exact=pending",
            gender="n",
        )
    ]
    for item in pending.order_by("created_at", "pk")[:5]:
        rows.append(
            DashboardRow(
                section=section,
                label=item.name,
                url=reverse("ngo_onboarding_decide", args=[item.pk]),
                detail=f"{item.get_district_display()}, {date_format(timezone.localtime(item.created_at), 'j E Y')}",
            )
        )
    return rows
