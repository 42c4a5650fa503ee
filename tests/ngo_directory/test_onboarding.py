"""Onboarding: the public "Dodaj organizację" form, staff approval in one action, rejection with a reason."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupPagePermission

from home.editors import subtrees_of
from ngo_directory.factories import NGOProfilePageFactory, OnboardingRequestFactory, valid_krs, valid_nip
from ngo_directory.models import NGOProfilePage, OnboardingRequest

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name": "Stowarzyszenie Miłośników Dębieńska",
        "short_name": "SMD",
        "legal_form": "stowarzyszenie",
        "krs": "0000654321",
        "nip": valid_nip(777),
        "regon": "",
        "district": "debiensko",
        "street": "ul. Młyńska 3",
        "postal_code": "44-230",
        "email": "smd@example.org",
        "description": "Dbamy o historię Dębieńska.\nOrganizujemy <b>festyny</b>.",
        "contact_first_name": "Katarzyna",
        "contact_last_name": "Wójcik",
        "contact_email": "k.wojcik@example.org",
        "consent": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def onboarding_url(directory):
    return directory.url + "dodaj/"


class TestPublicForm:
    def test_valid_request_is_stored_and_staff_notified_after_commit(
        self, client, onboarding_url, staff_user, areas, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(onboarding_url, form_data(areas=[areas["kultura"].pk]))
        assert response.status_code == 302 and "wyslano=1" in response["Location"]
        request = OnboardingRequest.objects.get()
        assert (
            request.status == "pending"
            and request.consent_given_at
            and "Wyrażam zgodę" in request.consent_text
        )
        assert list(request.areas.all()) == [areas["kultura"]]
        assert {tuple(m.to) for m in mail.outbox} == {("pracownik@example.org",), ("k.wojcik@example.org",)}
        thanks = client.get(response["Location"]).content.decode()
        assert "zgłoszenie zostało wysłane" in thanks

    def test_errors_are_polish_next_to_fields_and_answers_are_kept(self, client, onboarding_url):
        response = client.post(onboarding_url, form_data(nip="1234567890", krs="123", consent=""))
        html = response.content.decode()
        assert response.status_code == 200
        assert "To nie jest poprawny NIP" in html
        assert "Numer KRS ma dokładnie 10 cyfr" in html
        assert "Bez tej zgody" in html
        assert 'href="#id_nip"' in html  # the error summary links to the field
        assert 'value="Stowarzyszenie Miłośników Dębieńska"' in html
        assert not OnboardingRequest.objects.exists()

    def test_duplicate_of_existing_profile_or_pending_request_is_rejected(
        self, client, onboarding_url, directory
    ):
        existing = NGOProfilePageFactory(parent=directory)
        html = client.post(onboarding_url, form_data(krs=existing.krs)).content.decode()
        assert "Organizacja z tym numerem KRS jest już w bazie organizacji." in html
        OnboardingRequestFactory(nip=valid_nip(4242), krs="")
        html = client.post(onboarding_url, form_data(nip=valid_nip(4242))).content.decode()
        assert "Zgłoszenie organizacji z tym numerem NIP już czeka na decyzję COP." in html
        assert OnboardingRequest.objects.count() == 1

    def test_mail_failure_never_loses_the_request(
        self, client, onboarding_url, staff_user, broken_mail, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(onboarding_url, form_data())
        assert len(broken_mail) == 2  # staff notice and the confirmation, both attempted after the commit
        assert response.status_code == 302 and "wyslano=1" in response["Location"]
        assert OnboardingRequest.objects.get().name == "Stowarzyszenie Miłośników Dębieńska"

    def test_honeypot_and_rate_limit(self, client, onboarding_url, settings):
        response = client.post(onboarding_url, form_data(website_url="http://spam.example"))
        assert response.status_code == 200 and not OnboardingRequest.objects.exists()
        settings.COP_FORM_RATE = "2/h"
        for _ in range(2):
            client.post(onboarding_url, form_data(name=""))
        assert client.post(onboarding_url, form_data()).status_code == 429
        assert not OnboardingRequest.objects.exists()


class TestStaffDecision:
    def test_approval_creates_draft_group_collection_and_invitation(
        self, staff_client, staff_user, directory, areas, django_capture_on_commit_callbacks, client
    ):
        request = OnboardingRequestFactory(
            name="Fundacja Zielone Stanowice",
            district="stanowice",
            description="Sadzimy drzewa.\n<script>x</script>",
        )
        request.areas.add(areas["seniorzy"])
        url = reverse("ngo_onboarding_decide", args=[request.pk])
        assert "Fundacja Zielone Stanowice" in staff_client.get(url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(url, {"decision": "approve"})
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == "approved" and request.decided_by == staff_user
        profile = NGOProfilePage.objects.get(pk=request.profile_id)
        assert not profile.live and profile.get_parent().pk == directory.pk
        assert list(profile.areas.all()) == [areas["seniorzy"]]
        assert [block.block_type for block in profile.description] == ["paragraph", "paragraph"]
        assert "<script>" not in profile.description.raw_data[1]["value"]  # visitor text is escaped
        editor = request.editor
        assert editor.email == request.contact_email and not editor.has_usable_password()
        subtree = subtrees_of(editor).get()
        assert subtree.page.pk == profile.pk and subtree.collection.get_parent().name == "Organizacje"
        assert set(
            GroupPagePermission.objects.filter(group=subtree.group).values_list(
                "permission__codename", flat=True
            )
        ) == {"add_page", "change_page"}
        invitation = mail.outbox[-1]
        assert invitation.to == [request.contact_email]
        link = re.search(r"(http://\S+/admin/password_reset/confirm/\S+/)", invitation.body)[1]
        # the link works: the new editor sets a password and can log in to edit the draft
        path = link.replace("http://127.0.0.1:8000", "")
        form_page = client.get(path, follow=True)
        assert form_page.status_code == 200
        client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": "Nowe-haslo-123!", "new_password2": "Nowe-haslo-123!"},
        )
        editor.refresh_from_db()
        assert editor.check_password("Nowe-haslo-123!")
        client.force_login(editor)
        assert client.get(reverse("wagtailadmin_pages:edit", args=[profile.pk])).status_code == 200

    def test_approved_profile_gets_a_readable_polish_address(self, staff_client, directory):
        request = OnboardingRequestFactory(name="Stowarzyszenie Miłośników Łąk Bełku", short_name="")
        staff_client.post(reverse("ngo_onboarding_decide", args=[request.pk]), {"decision": "approve"})
        request.refresh_from_db()
        assert request.profile.slug == "stowarzyszenie-milosnikow-lak-belku"

    def test_rejection_needs_a_reason_and_emails_it(
        self, staff_client, directory, django_capture_on_commit_callbacks
    ):
        request = OnboardingRequestFactory()
        url = reverse("ngo_onboarding_decide", args=[request.pk])
        response = staff_client.post(url, {"decision": "reject", "reason": ""})
        assert "Podaj powód odrzucenia" in response.content.decode()
        request.refresh_from_db()
        assert request.status == "pending"
        with django_capture_on_commit_callbacks(execute=True):
            staff_client.post(url, {"decision": "reject", "reason": "Organizacja działa poza gminą."})
        request.refresh_from_db()
        assert request.status == "rejected"
        assert "Organizacja działa poza gminą." in mail.outbox[-1].body
        assert not NGOProfilePage.objects.exists()

    def test_approval_refuses_a_krs_added_to_the_directory_meanwhile(
        self, staff_client, directory, django_capture_on_commit_callbacks
    ):
        """A draft profile is saved without full validation: the duplicate must be caught, never a 500."""
        request = OnboardingRequestFactory(name="Fundacja Dubel")
        NGOProfilePageFactory(parent=directory, title="Fundacja Już Jest", krs=request.krs)
        url = reverse("ngo_onboarding_decide", args=[request.pk])
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(url, {"decision": "approve"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Organizacja z tym numerem KRS jest już w bazie organizacji." in html
        request.refresh_from_db()
        assert request.status == "pending" and request.profile is None and request.editor is None
        assert list(NGOProfilePage.objects.values_list("title", flat=True)) == ["Fundacja Już Jest"]
        assert not get_user_model().objects.filter(email=request.contact_email).exists()
        assert not mail.outbox
        # staff can still reject it with that reason
        staff_client.post(url, {"decision": "reject", "reason": "Organizacja jest już w bazie."})
        request.refresh_from_db()
        assert request.status == "rejected"

    def test_ngo_editor_cannot_decide_or_see_the_register(self, client, directory):
        editor = get_user_model().objects.create_user("ktos", "ktos@example.org", "x")
        from django.contrib.auth.models import Permission

        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(editor)
        request = OnboardingRequestFactory()
        response = client.post(reverse("ngo_onboarding_decide", args=[request.pk]), {"decision": "approve"})
        assert response.status_code in (302, 403)
        request.refresh_from_db()
        assert request.status == "pending"
        assert client.get(reverse("ngo_directory_onboardingrequest_modeladmin_index")).status_code in (
            302,
            403,
        )

    def test_register_lists_filters_and_exports(self, staff_client, directory):
        OnboardingRequestFactory(name="Fundacja Do Eksportu", district="belk")
        index = reverse("ngo_directory_onboardingrequest_modeladmin_index")
        assert "Fundacja Do Eksportu" in staff_client.get(index, {"district__exact": "belk"}).content.decode()
        assert (
            "Fundacja Do Eksportu"
            not in staff_client.get(index, {"district__exact": "palowice"}).content.decode()
        )
        csv = staff_client.get(index, {"export": "csv"})
        assert csv.status_code == 200 and "Fundacja Do Eksportu" in b"".join(csv.streaming_content).decode()


class TestDirectoryExport:
    def test_staff_export_csv_and_xlsx(self, staff_client, directory):
        NGOProfilePageFactory(parent=directory, title="Stowarzyszenie Eksportowe", krs=valid_krs(5555))
        index = reverse("ngo_directory_ngoprofilepage_modeladmin_index")
        csv = staff_client.get(index, {"export": "csv"})
        assert csv.status_code == 200
        body = b"".join(csv.streaming_content).decode()
        assert "Stowarzyszenie Eksportowe" in body and valid_krs(5555) in body
        xlsx = staff_client.get(index, {"export": "xlsx"})
        content = xlsx.content if hasattr(xlsx, "content") else b"".join(xlsx.streaming_content)
        assert xlsx.status_code == 200 and content[:2] == b"PK"


def test_staff_dashboard_lists_pending_requests(staff_client, directory):
    OnboardingRequestFactory(name="Fundacja Na Pulpicie")
    html = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Zgłoszenia nowych organizacji czekające na decyzję" in html and "Fundacja Na Pulpicie" in html


def test_database_rejects_a_second_pending_request_with_the_same_krs(directory):
    from django.db import IntegrityError, transaction

    first = OnboardingRequestFactory(krs=valid_krs(31337))
    with pytest.raises(IntegrityError), transaction.atomic():
        OnboardingRequestFactory(krs=first.krs)
    first.status = "rejected"
    first.save()
    assert OnboardingRequestFactory(krs=first.krs).pk  # after a decision the organisation may apply again


class TestInvitationDelivery:
    """Staff see whether the invitation really went out, and send it again when it did not."""

    def test_successful_invitation_is_reported_with_its_time(self, staff_client, directory):
        request = OnboardingRequestFactory(name="Fundacja Z Pocztą")
        response = staff_client.post(
            reverse("ngo_onboarding_decide", args=[request.pk]), {"decision": "approve"}, follow=True
        )
        assert f"i wysłano zaproszenie do {request.contact_email}" in response.content.decode()
        request.refresh_from_db()
        assert request.invitation_sent_at is not None and request.invitation_error == ""
        index = staff_client.get(reverse("ngo_directory_onboardingrequest_modeladmin_index")).content.decode()
        assert "wysłano " in index and "Wyślij zaproszenie ponownie" not in index

    def test_failed_invitation_is_reported_and_staff_send_it_again(
        self, staff_client, directory, broken_mail, settings
    ):
        request = OnboardingRequestFactory(name="Fundacja Bez Poczty")
        decide_url = reverse("ngo_onboarding_decide", args=[request.pk])
        response = staff_client.post(decide_url, {"decision": "approve"}, follow=True)
        html = response.content.decode()
        assert "wysłano zaproszenie" not in html
        assert f"zaproszenia do {request.contact_email} nie wysłano (serwer poczty nie odpowiada" in html
        assert 'id="zaproszenie"' in html and "Zaproszenia nie wysłano: serwer poczty" in html
        request.refresh_from_db()
        # The approval itself stands: the draft profile and the editor account exist.
        assert request.status == "approved" and request.profile is not None and request.editor is not None
        assert request.invitation_sent_at is None and "serwer poczty" in request.invitation_error
        assert [message.to for message in broken_mail] == [[request.contact_email]]
        index = staff_client.get(reverse("ngo_directory_onboardingrequest_modeladmin_index")).content.decode()
        assert "nie wysłano: serwer poczty" in index and "Wyślij zaproszenie ponownie" in index

        resend_url = reverse("ngo_onboarding_resend", args=[request.pk])
        html = staff_client.post(resend_url, follow=True).content.decode()
        assert f"Nie udało się wysłać zaproszenia do {request.contact_email}: serwer poczty" in html
        assert len(broken_mail) == 2

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the mail server is back
        mail.outbox = []
        html = staff_client.post(resend_url, follow=True).content.decode()
        assert f"Wysłano ponownie zaproszenie do {request.contact_email}." in html
        [invitation] = mail.outbox
        assert invitation.to == [request.contact_email]
        assert re.search(r"/admin/password_reset/confirm/\S+/", invitation.body)
        request.refresh_from_db()
        assert request.invitation_sent_at is not None and request.invitation_error == ""
        assert "Zaproszenia nie wysłano" not in staff_client.get(decide_url).content.decode()

    def test_only_staff_may_send_an_invitation_again(self, staff_client, directory, make_ngo_editor):
        from django.test import Client

        request = OnboardingRequestFactory()
        staff_client.post(reverse("ngo_onboarding_decide", args=[request.pk]), {"decision": "approve"})
        request.refresh_from_db()
        mail.outbox = []
        resend_url = reverse("ngo_onboarding_resend", args=[request.pk])
        other_editor = make_ngo_editor(NGOProfilePageFactory(parent=directory, slug="inna"), "redaktor-inny")
        for editor in (request.editor, other_editor):
            editor_client = Client()
            editor_client.force_login(editor)
            assert editor_client.post(resend_url).status_code == 403
        assert Client().post(resend_url).status_code == 302  # anonymous: to the login page
        assert staff_client.get(resend_url).status_code == 405
        assert not mail.outbox
        # Nothing to resend for a request still waiting for a decision.
        pending = OnboardingRequestFactory(name="Fundacja Czeka")
        html = staff_client.post(reverse("ngo_onboarding_resend", args=[pending.pk]), follow=True)
        assert "Zaproszenie wysyłamy tylko dla zatwierdzonego zgłoszenia" in html.content.decode()
        assert not mail.outbox


def reject(client, request, reason="Organizacja działa poza gminą."):
    return client.post(
        reverse("ngo_onboarding_decide", args=[request.pk]),
        {"decision": "reject", "reason": reason},
        follow=True,
    )


class TestRejectionDelivery:
    """Staff see whether the reason of a rejection reached the applicant, and send it again when it did not."""

    def test_successful_rejection_email_is_reported_with_its_time(self, staff_client, directory):
        request = OnboardingRequestFactory(name="Fundacja Spoza Gminy")
        html = reject(staff_client, request).content.decode()
        assert (
            f"Odrzucono zgłoszenie „Fundacja Spoza Gminy” i wysłano powód do {request.contact_email}." in html
        )
        [message] = mail.outbox
        assert message.to == [request.contact_email] and "Organizacja działa poza gminą." in message.body
        request.refresh_from_db()
        assert request.rejection_sent_at is not None and request.rejection_error == ""
        index = staff_client.get(reverse("ngo_directory_onboardingrequest_modeladmin_index")).content.decode()
        assert "odmowę wysłano " in index and "Wyślij ponownie e-mail z odmową" not in index
        page = staff_client.get(reverse("ngo_onboarding_decide", args=[request.pk])).content.decode()
        assert 'id="odmowa"' in page and "E-maila z odmową nie wysłano" not in page

    def test_failed_rejection_email_is_reported_and_staff_send_it_again(
        self, staff_client, staff_user, directory, broken_mail, settings
    ):
        request = OnboardingRequestFactory(name="Fundacja Bez Poczty")
        html = reject(staff_client, request).content.decode()
        assert "wysłano powód" not in html
        assert (
            f"ale e-maila z powodem do {request.contact_email} nie wysłano (serwer poczty nie odpowiada"
            in html
        )
        assert 'id="odmowa"' in html and "E-maila z odmową nie wysłano: serwer poczty" in html
        request.refresh_from_db()
        # The decision itself stands: the request is rejected, with its reason and who decided.
        assert request.status == "rejected" and request.decided_by == staff_user
        assert request.decision_comment == "Organizacja działa poza gminą."
        assert request.rejection_sent_at is None and "serwer poczty" in request.rejection_error
        assert [message.to for message in broken_mail] == [[request.contact_email]]
        index = staff_client.get(reverse("ngo_directory_onboardingrequest_modeladmin_index")).content.decode()
        assert "odmowy nie wysłano: serwer poczty" in index and "Wyślij ponownie e-mail z odmową" in index

        resend_url = reverse("ngo_onboarding_resend_rejection", args=[request.pk])
        html = staff_client.post(resend_url, follow=True).content.decode()
        assert f"Nie udało się wysłać e-maila z odmową do {request.contact_email}: serwer poczty" in html
        assert len(broken_mail) == 2

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the mail server is back
        mail.outbox = []
        html = staff_client.post(resend_url, follow=True).content.decode()
        assert f"Wysłano ponownie e-mail z odmową do {request.contact_email}." in html
        [message] = mail.outbox
        assert message.to == [request.contact_email] and "Organizacja działa poza gminą." in message.body
        request.refresh_from_db()
        assert request.status == "rejected"
        assert request.rejection_sent_at is not None and request.rejection_error == ""
        page = staff_client.get(reverse("ngo_onboarding_decide", args=[request.pk])).content.decode()
        assert "E-maila z odmową nie wysłano" not in page and "Wysłano " in page
        index = staff_client.get(reverse("ngo_directory_onboardingrequest_modeladmin_index")).content.decode()
        assert "odmowę wysłano " in index and "Wyślij ponownie e-mail z odmową" not in index

    def test_only_staff_may_send_the_rejection_again(
        self, staff_client, directory, make_ngo_editor, broken_mail
    ):
        from django.test import Client

        request = OnboardingRequestFactory()
        reject(staff_client, request)
        request.refresh_from_db()
        error = request.rejection_error
        resend_url = reverse("ngo_onboarding_resend_rejection", args=[request.pk])
        editor_client = Client()
        editor_client.force_login(make_ngo_editor(NGOProfilePageFactory(parent=directory, slug="inna")))
        assert editor_client.post(resend_url).status_code == 403
        assert Client().post(resend_url).status_code == 302  # anonymous: to the login page
        assert staff_client.get(resend_url).status_code == 405
        csrf_client = Client(enforce_csrf_checks=True)
        csrf_client.force_login(request.decided_by)
        assert csrf_client.post(resend_url).status_code == 403  # no CSRF token
        assert len(broken_mail) == 1  # only the attempt right after the decision
        request.refresh_from_db()
        assert request.rejection_error == error and request.rejection_sent_at is None

    @pytest.mark.parametrize("status", ["pending", "approved"])
    def test_no_rejection_email_for_a_request_that_was_not_rejected(self, staff_client, directory, status):
        request = OnboardingRequestFactory(name="Fundacja Nieodrzucona")
        if status == "approved":
            staff_client.post(reverse("ngo_onboarding_decide", args=[request.pk]), {"decision": "approve"})
        mail.outbox = []
        response = staff_client.post(
            reverse("ngo_onboarding_resend_rejection", args=[request.pk]), follow=True
        )
        assert "E-mail z odmową wysyłamy tylko dla odrzuconego zgłoszenia." in response.content.decode()
        assert not mail.outbox
        request.refresh_from_db()
        assert request.status == status
        assert request.rejection_sent_at is None and request.rejection_error == ""

    def test_register_query_budget_does_not_grow_with_rows(
        self, staff_client, staff_user, directory, django_assert_max_num_queries
    ):
        from ngo_directory import services

        def add_requests(start):
            for n in range(start, start + 4):
                services.reject_onboarding(
                    OnboardingRequestFactory(name=f"Odrzucone {n}"), staff_user, "Poza gminą."
                )
                OnboardingRequestFactory(name=f"Czeka {n}")
            failed = OnboardingRequestFactory(name=f"Bez poczty {start}")
            services.reject_onboarding(failed, staff_user, "Poza gminą.")
            OnboardingRequest.objects.filter(pk=failed.pk).update(
                rejection_error="serwer poczty nie odpowiada"
            )

        # 15 queries, as before the e-mail column: its state and button come from the listed rows.
        budget = 15
        index = reverse("ngo_directory_onboardingrequest_modeladmin_index")
        add_requests(0)
        staff_client.get(index)  # settings rows created on the first request
        with django_assert_max_num_queries(budget) as few:
            html = staff_client.get(index).content.decode()
        assert "odmowy nie wysłano: serwer poczty" in html
        add_requests(10)
        with django_assert_max_num_queries(budget) as many:
            html = staff_client.get(index).content.decode()
        assert html.count("Wyślij ponownie e-mail z odmową") == 2
        assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_rejection_email_is_attempted_only_after_the_decision_is_committed(
    staff_client, staff_user, directory, broken_mail, monkeypatch
):
    """Outside the test's own transaction: the mail goes out after the commit, and its failure rolls
    nothing back."""
    from django.db import connection

    from ngo_directory import services

    seen = []
    send_mail = services.send_mail

    def watching_send_mail(*args, **kwargs):
        seen.append((connection.in_atomic_block, OnboardingRequest.objects.get().status))
        return send_mail(*args, **kwargs)

    monkeypatch.setattr(services, "send_mail", watching_send_mail)
    request = OnboardingRequestFactory()
    reject(staff_client, request)
    assert seen == [(False, "rejected")]
    request.refresh_from_db()
    assert request.status == "rejected" and request.rejection_error


@pytest.mark.parametrize(
    "decide, deliver, kind",
    [
        ("approve_onboarding", "deliver_invitation", "invitation"),
        ("reject_onboarding", "deliver_rejection", "rejection"),
    ],
)
def test_a_refused_address_tells_staff_to_check_it_for_either_email(
    directory, staff_user, monkeypatch, decide, deliver, kind
):
    import smtplib

    from ngo_directory import services

    onboarding = OnboardingRequestFactory()
    args = (staff_user, "Poza gminą.") if kind == "rejection" else (staff_user,)
    request = getattr(services, decide)(onboarding, *args)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({request.contact_email: (550, b"No such user")})

    monkeypatch.setattr(services, "send_mail", refuse)
    assert getattr(services, deliver)(request) is False
    request.refresh_from_db()
    assert getattr(request, f"{kind}_error").startswith("serwer poczty odrzucił adres odbiorcy – sprawdź")
    assert getattr(request, f"{kind}_sent_at") is None


class TestCorrectingAMistypedAddress:
    """ "Sprawdź, czy adres e-mail jest poprawny": staff correct it next to the "send again" button."""

    def test_staff_correct_the_address_and_the_reason_goes_there(self, staff_client, directory):
        request = OnboardingRequestFactory(contact_email="biuro@organizacja.pl.pl")
        reject(staff_client, request)
        mail.outbox = []
        page = staff_client.get(reverse("ngo_onboarding_decide", args=[request.pk])).content.decode()
        assert '<label for="adres-odmowy">Adres e-mail odbiorcy</label>' in page
        assert 'value="biuro@organizacja.pl.pl"' in page

        resend = reverse("ngo_onboarding_resend_rejection", args=[request.pk])
        html = staff_client.post(resend, {"email": " biuro@organizacja.pl "}, follow=True).content.decode()
        assert "Zapisano nowy adres e-mail: biuro@organizacja.pl." in html
        assert "Wysłano ponownie e-mail z odmową do biuro@organizacja.pl." in html
        [message] = mail.outbox
        assert message.to == ["biuro@organizacja.pl"]
        request.refresh_from_db()
        assert request.contact_email == "biuro@organizacja.pl" and request.rejection_sent_at is not None

    def test_a_corrected_invitation_address_moves_to_the_unused_editor_account(self, staff_client, directory):
        request = OnboardingRequestFactory(contact_email="prezes@organizacja.pll")
        staff_client.post(reverse("ngo_onboarding_decide", args=[request.pk]), {"decision": "approve"})
        request.refresh_from_db()
        mail.outbox = []
        resend = reverse("ngo_onboarding_resend", args=[request.pk])
        html = staff_client.post(resend, {"email": "prezes@organizacja.pl"}, follow=True).content.decode()
        assert "Wysłano ponownie zaproszenie do prezes@organizacja.pl." in html
        [invitation] = mail.outbox
        assert invitation.to == ["prezes@organizacja.pl"]
        request.refresh_from_db()
        request.editor.refresh_from_db()
        assert request.contact_email == request.editor.email == "prezes@organizacja.pl"

    def test_addresses_that_cannot_be_used_change_nothing_and_send_nothing(self, staff_client, directory):
        from django.utils import timezone

        request = OnboardingRequestFactory(contact_email="prezes@organizacja.pl")
        staff_client.post(reverse("ngo_onboarding_decide", args=[request.pk]), {"decision": "approve"})
        request.refresh_from_db()
        editor = request.editor
        get_user_model().objects.create_user("zajety", email="zajety@example.org")
        resend = reverse("ngo_onboarding_resend", args=[request.pk])
        mail.outbox = []

        def refused(email):
            html = staff_client.post(resend, {"email": email}, follow=True).content.decode()
            request.refresh_from_db()
            editor.refresh_from_db()
            assert request.contact_email == editor.email == "prezes@organizacja.pl"
            assert mail.outbox == []
            return html

        assert "Podaj poprawny adres e-mail, np. biuro@organizacja.pl." in refused("prezes(at)organizacja.pl")
        assert "Adres zajety@example.org ma już inne konto w panelu." in refused("zajety@example.org")
        editor.last_login = timezone.now()
        editor.save(update_fields=["last_login"])
        html = refused("nowy@organizacja.pl")
        assert f"Redaktor {editor.get_username()} już się logował: adres swojego konta zmienia sam." in html
