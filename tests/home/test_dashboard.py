"""The "Do zrobienia" panel on the admin home page: rows from every app, links, query budget, who sees what."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booking.factories import AdvisoryRequestFactory, BookingRequestFactory, RoomFactory
from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from events.models import Registration
from home.editors import add_editor
from ngo_directory.factories import NGODirectoryPageFactory, NGOProfilePageFactory, OnboardingRequestFactory
from ngo_directory.services import give_ngo_subtree
from surveys.factories import SurveyIndexPageFactory, SurveyPageFactory, SurveyResponseFactory
from surveys.models import SurveyResponse
from volunteering.factories import (
    OfferApplicationFactory,
    VolunteerCentrePageFactory,
    VolunteerClubIndexPageFactory,
    VolunteerClubPageFactory,
    VolunteerFactory,
    VolunteerOfferIndexPageFactory,
    VolunteerOfferPageFactory,
)

pytestmark = pytest.mark.django_db

# The whole admin home page for a staff member (Wagtail's own panels included), whatever the data size.
# (Measured: 31 on SQLite and PostgreSQL at 1, 7 and 15 of everything.)
HOME_QUERY_BUDGET = 35
# The "Do zrobienia" panel alone, measured 14: staff check, moderation (3), onboarding (2), booking (2),
# volunteering (2), events (1), surveys (1) and the user's permission look-ups (2).
PANEL_QUERY_BUDGET = 14

STAFF_ROW_LABELS = (
    "Zmiany organizacji i kół czekające na akceptację COP",
    "Zgłoszenia nowych organizacji czekające na decyzję",
    "Wnioski o rezerwację sali czekające na decyzję",
    "Wnioski o doradztwo czekające na decyzję",
    "Nowi aktywni wolontariusze do dopasowania do ofert",
    "Zapisy czekające na potwierdzenie e-mailem lub zgodę opiekuna",
)


def dashboard_rows(html: str) -> dict[str, str]:
    """{row label: the count as the user reads it} from the "Do zrobienia" panel."""
    panel = BeautifulSoup(html, "html.parser").find(
        "section", attrs={"aria-labelledby": "cop-dashboard-heading"}
    )
    if panel is None:
        return {}
    return {
        row.th.get_text(" ", strip=True): row.find_all("td")[0].get_text(strip=True)
        for row in panel.select("tbody tr")
    }


def dashboard_links(html: str) -> dict[str, str]:
    panel = BeautifulSoup(html, "html.parser").find(
        "section", attrs={"aria-labelledby": "cop-dashboard-heading"}
    )
    return {link.get_text(" ", strip=True): link["href"] for link in panel.select("tbody th a")}


def dashboard_details(html: str) -> dict[str, str]:
    panel = BeautifulSoup(html, "html.parser").find(
        "section", attrs={"aria-labelledby": "cop-dashboard-heading"}
    )
    return {
        row.th.get_text(" ", strip=True): row.find_all("td")[1].get_text(strip=True)
        for row in panel.select("tbody tr")
    }


@pytest.fixture
def pages(home_page):
    centre = VolunteerCentrePageFactory(parent=home_page)
    return {
        "directory": NGODirectoryPageFactory(parent=home_page),
        "calendar": EventIndexPageFactory(parent=home_page),
        "surveys": SurveyIndexPageFactory(parent=home_page),
        "centre": centre,
        "offers": VolunteerOfferIndexPageFactory(parent=centre),
        "clubs": VolunteerClubIndexPageFactory(parent=centre),
        "room": RoomFactory(),
    }


def populate(pages, n: int, start: int = 0):
    """``n`` of everything the dashboard counts (pending, waiting, open, submitted)."""
    for i in range(start, start + n):
        OnboardingRequestFactory(name=f"Fundacja Czekająca {i}")
        BookingRequestFactory(room=pages["room"])
        AdvisoryRequestFactory()
        VolunteerFactory()  # active, signed up just now
        VolunteerFactory(status="pending", email_confirmed_at=None)
        event = EventPageFactory(
            parent=pages["calendar"], title=f"Warsztaty {i}", registration_enabled=True, capacity=2
        )
        RegistrationFactory.create_batch(2, event=event)
        RegistrationFactory(event=event, status=Registration.WAITING)
        survey = SurveyPageFactory(parent=pages["surveys"], title=f"Ankieta otwarta {i}")
        SurveyResponseFactory.create_batch(3, survey=survey)
        SurveyResponseFactory(survey=survey, status=SurveyResponse.Status.PENDING, confirmed_at=None)
        offer = VolunteerOfferPageFactory(parent=pages["offers"], title=f"Oferta {i}")
        OfferApplicationFactory(offer=offer)
        profile = NGOProfilePageFactory(
            parent=pages["directory"], title=f"Stowarzyszenie {i}", slug=f"st-{i}"
        )
        editor = get_user_model().objects.create_user(f"redaktor{i}", f"redaktor{i}@example.org", "haslo")
        add_editor(give_ngo_subtree(profile), editor)
        profile.title = f"Stowarzyszenie {i} – nowa nazwa"
        profile.save_revision(user=editor)
        profile.get_workflow().start(profile, editor)


def test_staff_see_everything_waiting_with_counts_and_links(staff_client, pages):
    populate(pages, 2)
    # Past, cancelled and closed things are not "to do".
    EventPageFactory(
        parent=pages["calendar"],
        title="Wydarzenie minione",
        registration_enabled=True,
        start=timezone.now() - datetime.timedelta(days=3),
        end=timezone.now() - datetime.timedelta(days=3) + datetime.timedelta(hours=2),
    )
    SurveyPageFactory(
        parent=pages["surveys"],
        title="Ankieta zamknięta",
        closes_at=timezone.now() - datetime.timedelta(hours=1),
    )
    html = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    rows = dashboard_rows(html)
    assert rows["Zmiany organizacji i kół czekające na akceptację COP"] == "2"
    assert rows["Zgłoszenia nowych organizacji czekające na decyzję"] == "2"
    assert rows["Wnioski o rezerwację sali czekające na decyzję"] == "2"
    assert rows["Wnioski o doradztwo czekające na decyzję"] == "2"
    assert rows["Nowi aktywni wolontariusze do dopasowania do ofert"] == "2"
    assert rows["Zapisy czekające na potwierdzenie e-mailem lub zgodę opiekuna"] == "2"
    assert rows["Nowe zgłoszenia do ofert"] == "2"
    assert rows["Warsztaty 0"] == "2" and rows["Ankieta otwarta 1"] == "3"
    assert "Wydarzenie minione" not in rows and "Ankieta zamknięta" not in rows
    details = dashboard_details(html)
    assert (
        "zapisani: 2 z 2 miejsc" in details["Warsztaty 0"] and "lista rezerwowa: 1" in details["Warsztaty 0"]
    )
    assert "czekają na potwierdzenie e-mailem: 1" in details["Ankieta otwarta 0"]
    # Headings for each section, the counts as text in a table.
    soup = BeautifulSoup(html, "html.parser")
    panel = soup.find("section", attrs={"aria-labelledby": "cop-dashboard-heading"})
    assert panel.find("h2").get_text(strip=True) == "Do zrobienia"
    captions = [caption.get_text(strip=True) for caption in panel.find_all("caption")]
    assert captions == [
        "Strony do akceptacji",
        "Organizacje",
        "Sale i doradztwo",
        "Wolontariat",
        "Nadchodzące wydarzenia",
        "Otwarte ankiety",
    ]
    # Every row links to where it is handled, and the staff member may open it.
    links = dashboard_links(html)
    for label in (
        *STAFF_ROW_LABELS,
        "Nowe zgłoszenia do ofert",
        "Warsztaty 0",
        "Ankieta otwarta 0",
        "Fundacja Czekająca 0",
    ):
        assert staff_client.get(links[label]).status_code == 200, label
    assert (
        "Fundacja Czekająca 1"
        in staff_client.get(links["Zgłoszenia nowych organizacji czekające na decyzję"]).content.decode()
    )
    assert (
        "Stowarzyszenie 0"
        in staff_client.get(links["Zmiany organizacji i kół czekające na akceptację COP"]).content.decode()
    )


def render_panel(user) -> tuple[str, int]:
    """The panel alone, as the admin home renders it: (HTML, number of queries)."""
    from django.test import RequestFactory

    from home.dashboard import dashboard_panel

    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = get_user_model().objects.get(pk=user.pk)  # nothing remembered from an earlier call
    with CaptureQueriesContext(connection) as queries:
        html = dashboard_panel(request).render_html()
    return html, len(queries.captured_queries)


def page_queries(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("wagtailadmin_home")).content.decode()
    return html, len(queries.captured_queries)


def test_query_count_does_not_grow_with_data(staff_client, staff_user, pages, django_assert_max_num_queries):
    populate(pages, 1)
    staff_client.get(reverse("wagtailadmin_home"))  # warm caches (content types, site settings)
    _html, panel_small = render_panel(staff_user)
    with django_assert_max_num_queries(HOME_QUERY_BUDGET):
        _html, page_small = page_queries(staff_client)
    populate(pages, 6, start=1)
    html, panel_large = render_panel(staff_user)
    assert dashboard_rows(html)["Zgłoszenia nowych organizacji czekające na decyzję"] == "7"
    assert dashboard_rows(html)["Zmiany organizacji i kół czekające na akceptację COP"] == "7"
    assert dashboard_rows(html)["Warsztaty 6"] == "2"
    # The panel: the same number of queries for 1 and for 7 of everything.
    assert panel_small == panel_large <= PANEL_QUERY_BUDGET
    # The whole admin home page too (Wagtail's own panels included), within the pinned budget.
    with django_assert_max_num_queries(HOME_QUERY_BUDGET):
        _html, page_large = page_queries(staff_client)
    assert page_small == page_large


def test_moderation_rows_replace_wagtails_unbounded_list_for_staff(staff_client, pages):
    populate(pages, 7)
    html = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    rows = dashboard_rows(html)
    # The five oldest submissions, each linking to its editor; the rest through the report.
    assert [label for label in rows if label.startswith("Stowarzyszenie")] == [
        f"Stowarzyszenie {i}" for i in range(5)
    ]
    assert dashboard_links(html)["Stowarzyszenie 0"].endswith(
        reverse("wagtailadmin_pages:edit", args=[get_page("st-0").pk])
    )
    assert 'id="awaiting-review"' not in html


def get_page(slug):
    from wagtail.models import Page

    return Page.objects.get(slug=slug)


@pytest.fixture
def ngo_editor(pages, make_ngo_editor):
    profile = NGOProfilePageFactory(parent=pages["directory"], title="Stowarzyszenie Własne", slug="wlasne")
    VolunteerOfferPageFactory(parent=profile, title="Oferta organizacji")
    return make_ngo_editor(profile)


@pytest.fixture
def club_coordinator(pages, make_club_coordinator):
    return make_club_coordinator(VolunteerClubPageFactory(parent=pages["clubs"], title="Koło przy SP 1"))


@pytest.mark.parametrize("who", ["ngo_editor", "club_coordinator"])
def test_editors_and_coordinators_never_see_staff_rows(login, pages, who, request):
    populate(pages, 1)
    client = login(request.getfixturevalue(who))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    rows = dashboard_rows(html)
    for label in STAFF_ROW_LABELS:
        assert label not in rows and label not in html
    for text in ("Fundacja Czekająca 0", "Warsztaty 0", "Ankieta otwarta 0", "Nowe zgłoszenia do ofert"):
        assert text not in rows


def test_ngo_editor_sees_only_applications_to_own_offers(login, pages, ngo_editor):
    populate(pages, 2)  # applications to other offers
    own_offer = VolunteerOfferPageFactory(
        parent=pages["directory"].get_children().get(slug="wlasne"), title="Moja"
    )
    OfferApplicationFactory(offer=own_offer)
    rows = dashboard_rows(login(ngo_editor).get(reverse("wagtailadmin_home")).content.decode())
    assert rows == {"Nowe zgłoszenia do Twoich ofert": "1"}


def test_staff_with_nothing_waiting_see_zeros_not_an_error(staff_client, pages):
    rows = dashboard_rows(staff_client.get(reverse("wagtailadmin_home")).content.decode())
    assert rows["Zgłoszenia nowych organizacji czekające na decyzję"] == "0"
    assert rows["Zmiany organizacji i kół czekające na akceptację COP"] == "0"


def test_pending_rows_name_the_oldest_in_polish_on_the_local_date(staff_client, pages):
    """Every "waiting" row says when the oldest item came, in the grammatical gender of its noun and on the
    calendar day in Czerwionka-Leszczyny (23:30 UTC on 2 March is already 3 March in Poland)."""
    from wagtail.models import WorkflowState

    from booking.models import AdvisoryRequest, BookingRequest
    from ngo_directory.models import OnboardingRequest

    populate(pages, 1)
    late_evening_utc = datetime.datetime(2026, 3, 2, 23, 30, tzinfo=datetime.UTC)
    for model in (OnboardingRequest, BookingRequest, AdvisoryRequest, WorkflowState):
        model.objects.update(created_at=late_evening_utc)
    details = dashboard_details(staff_client.get(reverse("wagtailadmin_home")).content.decode())
    assert details["Zmiany organizacji i kół czekające na akceptację COP"] == "najstarsza z 3 marca 2026"
    assert details["Zgłoszenia nowych organizacji czekające na decyzję"] == "najstarsze z 3 marca 2026"
    assert details["Wnioski o rezerwację sali czekające na decyzję"] == "najstarszy z 3 marca 2026"
    assert details["Wnioski o doradztwo czekające na decyzję"] == "najstarszy z 3 marca 2026"


def test_pending_row_counts_and_dates_in_one_query(staff_user, pages, django_assert_num_queries):
    """The shared helper every app uses: count, oldest date and "needs action" from a single query."""
    from booking.models import BookingRequest
    from home.dashboard import pending_row

    BookingRequestFactory(room=pages["room"])
    BookingRequestFactory(room=pages["room"])
    BookingRequest.objects.filter(pk=BookingRequest.objects.order_by("pk").first().pk).update(
        created_at=datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC)
    )
    with django_assert_num_queries(1):
        row = pending_row(BookingRequest.objects.all(), section="S", label="L", url="/u/", gender="m")
    assert (row.count, row.detail, row.needs_action) == (2, "najstarszy z 15 stycznia 2026", True)
    with django_assert_num_queries(1):
        empty = pending_row(BookingRequest.objects.filter(pk=0), section="S", label="L", url="/u/")
    assert (empty.count, empty.detail, empty.needs_action) == (0, "", False)
