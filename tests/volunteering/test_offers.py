"""Volunteer offers: listing filters and query budget, applying from the offer page, who sees applications."""

import datetime

import pytest
import wagtail_factories
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from volunteering.factories import OfferApplicationFactory, VolunteerOfferPageFactory
from volunteering.models import OfferApplication

pytestmark = pytest.mark.django_db


def titles(response):
    return [offer.title for offer in response.context["offers"].object_list]


def test_listing_filters(client, offer_index, ngo_a, areas, skills):
    profile, _editor = ngo_a
    VolunteerOfferPageFactory(
        parent=offer_index,
        title="Seniorzy Leszczyny",
        areas=[areas["seniorzy"]],
        district="leszczyny",
        min_age=18,
    )
    VolunteerOfferPageFactory(
        parent=profile,
        title="Sprzątanie lasu",
        areas=[areas["ekologia"]],
        skills=[skills["prawo-jazdy"]],
        district="belk",
        min_age=13,
    )
    VolunteerOfferPageFactory(parent=offer_index, title="Zamknięta", accepting_applications=False)
    VolunteerOfferPageFactory(
        parent=offer_index,
        title="Minęła",
        is_ongoing=False,
        start_date=timezone.localdate() - datetime.timedelta(days=10),
        end_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    assert sorted(titles(client.get(offer_index.url))) == ["Seniorzy Leszczyny", "Sprzątanie lasu"]
    assert titles(client.get(offer_index.url, {"area": "seniorzy"})) == ["Seniorzy Leszczyny"]
    assert titles(client.get(offer_index.url, {"skill": "prawo-jazdy"})) == ["Sprzątanie lasu"]
    assert titles(client.get(offer_index.url, {"district": "leszczyny"})) == ["Seniorzy Leszczyny"]
    assert titles(client.get(offer_index.url, {"for_minors": "on"})) == ["Sprzątanie lasu"]
    # A bad value is ignored for that filter only, never a 500.
    response = client.get(offer_index.url, {"district": "atlantyda", "area": "seniorzy", "strona": "x"})
    assert response.status_code == 200 and titles(response) == ["Seniorzy Leszczyny"]


@pytest.mark.parametrize("rows", [2, 25])
def test_listing_query_budget_does_not_grow(
    client, offer_index, ngo_a, areas, skills, rows, django_assert_max_num_queries
):
    profile, _editor = ngo_a
    image = wagtail_factories.ImageFactory()
    for n in range(rows):
        # Half of them under an NGO profile: their organiser's name must not cost a query each.
        parent = profile if n % 2 else offer_index
        offer = VolunteerOfferPageFactory(
            parent=parent,
            title=f"Oferta {n}",
            areas=[areas["sport"], areas["seniorzy"]],
            skills=[skills["komputer"]],
        )
        offer.listing_image = image
        offer.save_revision().publish()
    client.get(offer_index.url)  # the site's settings rows are created on the first visit
    cache.clear()  # as the benchmark's "bez pamięci" column: site root paths read again
    # Site, home page, two levels of the path (the Centre passed through as a plain page), the list
    # page, view restrictions, both settings (one query), site root paths, layout pages; then the
    # filter options (areas and skills in one query), the offers with their total count, organisers
    # and images (one query), the images' renditions.
    with django_assert_max_num_queries(12):
        response = client.get(offer_index.url, {"area": "sport", "skill": "komputer"})
    assert response.status_code == 200
    page = response.context["offers"]
    assert len(page.object_list) == min(rows, 12) and page.paginator.count == rows
    html = response.content.decode()
    assert f"Znalezione oferty: {rows}" in html
    assert "Stowarzyszenie Alfa ·" in html
    assert html.count('class="offer-list__item"') == min(rows, 12)


def test_listing_pages_count_each_offer_once(client, offer_index, areas, skills):
    for n in range(14):  # two areas and two skills each: joins would repeat every offer
        VolunteerOfferPageFactory(
            parent=offer_index,
            title=f"Oferta {n:02d}",
            areas=[areas["sport"], areas["seniorzy"]],
            skills=[skills["komputer"], skills["jezyki"]],
        )
    first = client.get(offer_index.url, {"area": "sport", "skill": "komputer"})
    assert first.context["offers"].paginator.count == 14
    assert len(titles(first)) == 12
    second = client.get(offer_index.url, {"area": "sport", "skill": "komputer", "strona": "2"})
    assert len(titles(second)) == 2 and not set(titles(first)) & set(titles(second))
    # Past the end or below 1: the last page; not a number: the first page (never a 500).
    assert titles(client.get(offer_index.url, {"strona": "9"})) == titles(second)
    assert titles(client.get(offer_index.url, {"strona": "0"})) == titles(second)
    assert titles(client.get(offer_index.url, {"strona": "x"})) == titles(first)
    empty = client.get(offer_index.url, {"area": "ekologia"})
    assert empty.context["offers"].paginator.count == 0
    assert "Brak ofert spełniających wybrane kryteria." in empty.content.decode()


def test_listing_names_each_offers_organiser(client, offer_index, ngo_a):
    profile, _editor = ngo_a
    VolunteerOfferPageFactory(parent=profile, title="Oferta Alfy", places_available=4)
    VolunteerOfferPageFactory(parent=offer_index, title="Oferta COP", organiser_name="")
    VolunteerOfferPageFactory(
        parent=offer_index, title="Oferta MOK", organiser_name="Miejski Ośrodek Kultury"
    )
    response = client.get(offer_index.url)
    labels = {offer.title: offer.organiser_label for offer in response.context["offers"].object_list}
    assert labels == {
        "Oferta Alfy": "Stowarzyszenie Alfa",
        "Oferta COP": "Centrum Wolontariatu",
        "Oferta MOK": "Miejski Ośrodek Kultury",
    }
    assert "miejsc: 4" in response.content.decode()


def apply_data(**overrides):
    data = {
        "name": "Piotr Zieliński",
        "email": "piotr@example.org",
        "age": "30",
        "message": "Mam wolne soboty.",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_resident_applies_and_both_sides_are_told(client, offer_index, django_capture_on_commit_callbacks):
    offer = VolunteerOfferPageFactory(
        parent=offer_index, title="Pomoc przy festynie", contact_email="festyn@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(offer.url, apply_data())
    assert response.status_code == 302
    application = OfferApplication.objects.get()
    assert application.offer_id == offer.pk and application.name == "Piotr Zieliński"
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["festyn@example.org", "piotr@example.org"]
    notice = [m for m in mail.outbox if m.to == ["festyn@example.org"]][0]
    assert "piotr@example.org" not in notice.body  # contact details are read in the panel, not in e-mail
    assert "Dziękujemy" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"age": "12"}, "age", "od 16 lat"),
        ({"age": "16"}, "guardian_email", "podaj e-mail opiekuna"),
        ({"email": "nie-mail"}, "email", "poprawny adres"),
        ({"consent": ""}, "consent", "Bez tej zgody"),
    ],
)
def test_application_errors(client, offer_index, overrides, field, message):
    offer = VolunteerOfferPageFactory(parent=offer_index, min_age=16)
    response = client.post(offer.url, apply_data(**overrides))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert 'value="Piotr Zieliński"' in response.content.decode()
    assert not OfferApplication.objects.exists()


def test_closed_offer_takes_no_applications(client, offer_index):
    offer = VolunteerOfferPageFactory(parent=offer_index, accepting_applications=False)
    response = client.post(offer.url, apply_data())
    assert "nie przyjmuje już zgłoszeń" in response.content.decode()
    assert not OfferApplication.objects.exists()


def test_offer_page_shows_no_applicant_data(client, offer_index):
    offer = VolunteerOfferPageFactory(parent=offer_index)
    OfferApplicationFactory(offer=offer, name="Tajny Zgłaszający", email="tajny@example.org")
    html = client.get(offer.url).content.decode()
    assert "Tajny" not in html and "tajny@example.org" not in html


def test_ngo_profile_offer_names_the_ngo(client, ngo_a):
    profile, _ = ngo_a
    offer = VolunteerOfferPageFactory(parent=profile)
    assert "Stowarzyszenie Alfa" in client.get(offer.url).content.decode()


class TestApplicationsIsolation:
    """NGO A never sees NGO B's applications: not in the list, not by direct URL, not in exports."""

    @pytest.fixture
    def setup(self, ngo_a, ngo_b, offer_index):
        (profile_a, editor_a), (profile_b, _editor_b) = ngo_a, ngo_b
        offer_a = VolunteerOfferPageFactory(parent=profile_a, title="Oferta Alfa")
        offer_b = VolunteerOfferPageFactory(parent=profile_b, title="Oferta Beta")
        offer_cop = VolunteerOfferPageFactory(parent=offer_index, title="Oferta COP")
        app_a = OfferApplicationFactory(offer=offer_a, name="Adam Alfa", email="adam@example.org")
        app_b = OfferApplicationFactory(offer=offer_b, name="Beata Beta", email="beata@example.org")
        app_cop = OfferApplicationFactory(offer=offer_cop, name="Cezary COP", email="cezary@example.org")
        return editor_a, app_a, app_b, app_cop

    def test_list_and_export_show_only_own(self, client, setup):
        editor_a, app_a, app_b, app_cop = setup
        client.force_login(editor_a)
        index = reverse("volunteering_offerapplication_modeladmin_index")
        html = client.get(index).content.decode()
        assert "Adam Alfa" in html and "Beata Beta" not in html and "Cezary COP" not in html
        export = client.get(index, {"export": "csv"})
        body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
        assert (
            "adam@example.org" in body
            and "beata@example.org" not in body
            and "cezary@example.org" not in body
        )

    def test_direct_urls_to_other_ngo_are_refused(self, client, setup):
        editor_a, app_a, app_b, app_cop = setup
        client.force_login(editor_a)
        for other in (app_b, app_cop):
            for action in ("inspect", "edit", "delete", "history"):
                url = reverse(f"volunteering_offerapplication_modeladmin_{action}", args=[other.pk])
                response = client.get(url)
                assert response.status_code in (302, 403, 404), (action, response.status_code)
                assert other.name not in response.content.decode()
            response = client.post(
                reverse("volunteering_offerapplication_modeladmin_edit", args=[other.pk]),
                {"status": "accepted"},
            )
            other.refresh_from_db()
            assert other.status == "new"
            certificate = client.get(reverse("volunteering_certificate", args=[other.pk]))
            assert certificate.status_code in (302, 403) and other.name not in certificate.content.decode()
        assert (
            "Adam Alfa"
            in client.get(
                reverse("volunteering_offerapplication_modeladmin_inspect", args=[app_a.pk])
            ).content.decode()
        )

    def test_ngo_decides_on_own_application(self, client, setup):
        editor_a, app_a, *_ = setup
        client.force_login(editor_a)
        client.post(
            reverse("volunteering_offerapplication_modeladmin_edit", args=[app_a.pk]), {"status": "accepted"}
        )
        app_a.refresh_from_db()
        assert app_a.status == "accepted"

    def test_marking_withdrawn_in_the_panel_dates_it_for_the_retention_purge(self, client, setup):
        """The applicant phoned to withdraw: "wycofane" set by the NGO dates the withdrawal (and logs it),
        so the purge erases the data after the grace period; undoing a mistake clears the date."""
        import datetime

        from volunteering import services
        from volunteering.models import GdprAuditEntry

        editor_a, app_a, *_ = setup
        mistake = OfferApplicationFactory(offer=app_a.offer, name="Ewa Pomyłka", email="ewa@example.org")
        client.force_login(editor_a)

        def set_status(application, status):
            url = reverse("volunteering_offerapplication_modeladmin_edit", args=[application.pk])
            assert client.post(url, {"status": status}).status_code == 302
            application.refresh_from_db()

        set_status(app_a, "accepted")
        assert app_a.withdrawn_at is None
        set_status(app_a, "withdrawn")
        assert app_a.withdrawn_at is not None
        withdrawn_at = app_a.withdrawn_at
        log = GdprAuditEntry.objects.filter(record_type="application", volunteer_id_ref=app_a.pk)
        assert list(log.values_list("note", flat=True)) == [
            "zgłoszenie do oferty oznaczone w panelu jako wycofane"
        ]
        set_status(app_a, "withdrawn")  # saved again unchanged: the same date, no second entry
        assert app_a.withdrawn_at == withdrawn_at and log.count() == 1

        set_status(mistake, "withdrawn")
        set_status(mistake, "new")
        assert mistake.withdrawn_at is None

        services.purge(now=withdrawn_at + datetime.timedelta(days=services.withdrawn_grace_days() + 1))
        app_a.refresh_from_db()
        mistake.refresh_from_db()
        assert app_a.email == services.ERASED_EMAIL and "Adam" not in app_a.name
        assert mistake.email == "ewa@example.org"  # not withdrawn, not yet at the end of retention

    def test_ngo_cannot_open_the_volunteer_registry(self, client, setup):
        from volunteering.factories import VolunteerFactory

        editor_a, *_ = setup
        volunteer = VolunteerFactory(first_name="Poufna", last_name="Osoba")
        client.force_login(editor_a)
        for action in ("inspect", "edit", "history", "delete"):
            response = client.get(reverse(f"volunteering_volunteer_modeladmin_{action}", args=[volunteer.pk]))
            assert response.status_code in (302, 403), action
            assert "Poufna" not in response.content.decode()
        assert client.get(reverse("volunteering_volunteer_modeladmin_index")).status_code in (302, 403)
        assert client.get(reverse("volunteering_matches")).status_code in (302, 403)

    def test_staff_see_all(self, staff_client, setup):
        html = staff_client.get(reverse("volunteering_offerapplication_modeladmin_index")).content.decode()
        assert "Adam Alfa" in html and "Beata Beta" in html and "Cezary COP" in html

    def test_hours_and_certificate(self, client, setup):
        from volunteering.models import HoursEntry

        editor_a, app_a, app_b, _ = setup
        client.force_login(editor_a)
        create = reverse("volunteering_hoursentry_modeladmin_create")
        form = client.get(create).context["form"]
        assert list(form.fields["application"].queryset) == [app_a]
        client.post(create, {"application": app_b.pk, "date": "2026-11-20", "hours": "3", "description": "x"})
        assert not HoursEntry.objects.exists()
        client.post(
            create, {"application": app_a.pk, "date": "2026-11-20", "hours": "2.5", "description": "Festyn"}
        )
        client.post(
            create, {"application": app_a.pk, "date": "2026-11-21", "hours": "4", "description": "Sprzątanie"}
        )
        assert HoursEntry.objects.filter(application=app_a).count() == 2
        assert set(HoursEntry.objects.values_list("entered_by", flat=True)) == {editor_a.pk}
        certificate = client.get(reverse("volunteering_certificate", args=[app_a.pk])).content.decode()
        assert "Adam Alfa" in certificate and "6.5 h" in certificate.replace(",", ".")
        assert "Stowarzyszenie Alfa" in certificate


def test_home_page_lists_newest_open_offers(client, centre, offer_index, home_page):
    VolunteerOfferPageFactory(parent=offer_index, title="Pomoc w bibliotece")
    html = client.get(home_page.url).content.decode()
    assert "Pomoc w bibliotece" in html and "Zapisz się do gminnej bazy wolontariuszy" in html


def test_dashboard_counts(staff_client, offer_index):
    from tests.home.test_dashboard import dashboard_rows
    from volunteering.factories import VolunteerFactory

    VolunteerFactory(status="pending", email_confirmed_at=None)
    OfferApplicationFactory(offer=VolunteerOfferPageFactory(parent=offer_index))
    html = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    rows = dashboard_rows(html)
    assert rows["Zapisy czekające na potwierdzenie e-mailem lub zgodę opiekuna"] == "1"
    assert rows["Nowe zgłoszenia do ofert"] == "1"


def test_ngo_editor_adds_offers_only_under_own_profile(client, ngo_a, ngo_b):
    (own, editor), (other, _) = ngo_a, ngo_b
    client.force_login(editor)
    add = "wagtailadmin_pages:add"
    assert client.get(reverse(add, args=["volunteering", "volunteerofferpage", own.pk])).status_code == 200
    refused = client.get(reverse(add, args=["volunteering", "volunteerofferpage", other.pk]))
    assert refused.status_code in (302, 403)


def test_ngo_profile_lists_only_its_own_open_offers(
    client, offer_index, ngo_a, ngo_b, django_assert_max_num_queries
):
    (profile_a, _), (profile_b, _) = ngo_a, ngo_b
    VolunteerOfferPageFactory(parent=profile_a, title="Sadzenie drzew z Alfą")
    VolunteerOfferPageFactory(parent=profile_a, title="Zamknięta oferta Alfy", accepting_applications=False)
    VolunteerOfferPageFactory(parent=profile_b, title="Oferta Bety")
    VolunteerOfferPageFactory(parent=offer_index, title="Oferta COP")
    html = client.get(profile_a.url).content.decode()
    assert "Oferty wolontariatu" in html and "Sadzenie drzew z Alfą" in html
    assert "Zamknięta oferta Alfy" not in html
    assert "Oferta Bety" not in html and "Oferta COP" not in html
    assert f'href="{offer_index.url}"' in html
    for number in range(8):
        VolunteerOfferPageFactory(parent=profile_b, title=f"Kolejna oferta Bety {number}")
    client.get(profile_b.url)
    with django_assert_max_num_queries(30):
        assert "Kolejna oferta Bety 7" in client.get(profile_b.url).content.decode()


def test_ngo_without_open_offers_has_no_offers_section(client, offer_index, ngo_a):
    profile, _ = ngo_a
    VolunteerOfferPageFactory(parent=profile, title="Zamknięta", accepting_applications=False)
    assert "ngo-offers" not in client.get(profile.url).content.decode()
