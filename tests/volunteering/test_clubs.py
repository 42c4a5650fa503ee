"""School volunteer clubs: each coordinator edits only their own club, and only through COP approval.

Uses the shared "external editor owns a subtree" mechanism (home.editors), tested from the outside.
"""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from volunteering.factories import VolunteerClubNewsPageFactory
from volunteering.models import VolunteerClubPage

pytestmark = pytest.mark.django_db


def edit_data(club, **overrides):
    data = {
        "title": club.title,
        "slug": club.slug,
        "school_name": club.school_name,
        "street": club.street,
        "district": club.district,
        "coordinator_name": club.coordinator_name,
        "contact_email": club.contact_email,
        "members_count": club.members_count,
        "intro": club.intro,
        "activities": streamfield([("paragraph", rich_text("<p>Odwiedzamy seniorów.</p>"))]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


PAGE_ADMIN_VIEWS = [
    ("wagtailadmin_pages:edit", "get"),
    ("wagtailadmin_pages:preview_on_edit", "get"),
    ("wagtailadmin_pages:view_draft", "get"),
    ("wagtailadmin_pages:revisions_index", "get"),
    ("wagtailadmin_pages:history", "get"),
    ("wagtailadmin_pages:delete", "get"),
    ("wagtailadmin_pages:delete", "post"),
    ("wagtailadmin_pages:unpublish", "get"),
    ("wagtailadmin_pages:unpublish", "post"),
    ("wagtailadmin_pages:add_subpage", "get"),
    ("wagtailadmin_pages:copy", "get"),
    ("wagtailadmin_pages:move", "get"),
    ("wagtailadmin_pages:lock", "post"),
]


@pytest.mark.parametrize(("view", "method"), PAGE_ADMIN_VIEWS)
def test_coordinator_of_club_a_is_refused_on_club_b(client, club_a, club_b, view, method):
    (_club, coordinator_a), (club, _coordinator_b) = club_a, club_b
    club.school_name = "Szkoła Podstawowa nr 5 im. Tajnej Patronki"
    club.save_revision()  # a draft with text only club B may see
    client.force_login(coordinator_a)
    url = reverse(view, args=[club.pk])
    response = client.get(url) if method == "get" else client.post(url, {})
    assert response.status_code in (302, 403, 404), response.status_code
    assert "Tajnej Patronki" not in response.content.decode()
    club.refresh_from_db()
    assert club.live and not club.locked
    assert VolunteerClubPage.objects.filter(pk=club.pk).exists()


def test_coordinator_cannot_edit_club_b_by_posting(client, club_a, club_b):
    (_own, coordinator_a), (club, _) = club_a, club_b
    client.force_login(coordinator_a)
    client.post(reverse("wagtailadmin_pages:edit", args=[club.pk]), edit_data(club, title="Przejęte koło"))
    club.refresh_from_db()
    assert club.title != "Przejęte koło"
    assert not club.revisions.filter(content__title="Przejęte koło").exists()


def test_coordinator_news_of_club_b_refused(client, club_a, club_b):
    (_own, coordinator_a), (club, _) = club_a, club_b
    news = VolunteerClubNewsPageFactory(parent=club, title="Wiadomość B")
    client.force_login(coordinator_a)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[news.pk]))
    assert response.status_code in (302, 403, 404)


def test_coordinator_edits_own_club_but_cannot_publish(client, club_a, staff_user):
    club, coordinator = club_a
    client.force_login(coordinator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[club.pk])).status_code == 200
    # "Publish" is not theirs: the change stays a draft.
    client.post(
        reverse("wagtailadmin_pages:edit", args=[club.pk]),
        edit_data(club, title="Koło przy SP 1 – nowa nazwa", **{"action-publish": "action-publish"}),
    )
    club.refresh_from_db()
    assert club.title == "Koło przy SP 1"
    assert club.get_latest_revision().content["title"] == "Koło przy SP 1 – nowa nazwa"
    # Submitting sends it to "Akceptacja COP"; staff approval publishes it.
    client.post(
        reverse("wagtailadmin_pages:edit", args=[club.pk]),
        edit_data(club, title="Koło przy SP 1 – nowa nazwa", **{"action-submit": "action-submit"}),
    )
    state = WorkflowState.objects.get(
        base_content_type__isnull=False, object_id=str(club.pk), status="in_progress"
    )
    assert state.workflow.name == "Akceptacja COP"
    club.refresh_from_db()
    assert club.title == "Koło przy SP 1"
    state.current_task_state.approve(user=staff_user)
    club.refresh_from_db()
    assert club.title == "Koło przy SP 1 – nowa nazwa"


def test_coordinator_may_add_news_under_own_club_only(client, club_a, club_b):
    (own, coordinator), (other, _) = club_a, club_b
    client.force_login(coordinator)
    ok = client.get(reverse("wagtailadmin_pages:add", args=["volunteering", "volunteerclubnewspage", own.pk]))
    assert ok.status_code == 200
    refused = client.get(
        reverse("wagtailadmin_pages:add", args=["volunteering", "volunteerclubnewspage", other.pk])
    )
    assert refused.status_code in (302, 403)
