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


def test_a_club_staff_add_in_the_admin_gets_its_own_coordinator_group(
    staff_client, club_index, club_a, staff_user
):
    """A fifth school joins: staff add the club page, and its coordinators' group exists at once."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from home.editors import subtrees_of

    _other_club, other_coordinator = club_a
    url = reverse("wagtailadmin_pages:add", args=["volunteering", "volunteerclubpage", club_index.pk])
    data = nested_form_data(
        {
            "title": "Koło przy SP 7",
            "slug": "kolo-sp7",
            "school_name": "Szkoła Podstawowa nr 7",
            "street": "ul. Wiejska 7",
            "district": "belk",
            "coordinator_name": "Ewa Nauczycielka",
            "contact_email": "sp7@example.org",
            "members_count": "12",
            "intro": "Nowe koło.",
            "activities": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302
    club = VolunteerClubPage.objects.get(slug="kolo-sp7")
    assert club.live
    subtree = club.editor_subtree
    assert subtree.kind == "koło wolontariatu"
    assert subtree.group.name == f"Opiekunowie koła: Koło przy SP 7 #{club.pk}"
    assert club.get_workflow().name == "Akceptacja COP"
    # The other club's coordinator has no rights on the new club.
    assert not club.permissions_for_user(other_coordinator).can_edit()

    # Staff add the new coordinator's account to the group: they edit this club only, never publish.
    coordinator = get_user_model().objects.create_user("opiekun-sp7", "opiekun@sp7.example.org", "haslo")
    coordinator.groups.add(subtree.group)
    assert [s.page_id for s in subtrees_of(coordinator)] == [club.pk]
    permissions = club.permissions_for_user(coordinator)
    assert permissions.can_edit() and not permissions.can_publish()
    assert not Page.objects.get(pk=_other_club.pk).permissions_for_user(coordinator).can_edit()
    staff_client.logout()
    staff_client.force_login(coordinator)
    assert staff_client.get(reverse("wagtailadmin_pages:edit", args=[club.pk])).status_code == 200
    assert staff_client.get(reverse("wagtailadmin_pages:edit", args=[_other_club.pk])).status_code in (
        302,
        403,
    )


def test_giving_a_club_its_group_twice_changes_nothing(club_a):
    from django.contrib.auth.models import Group

    from volunteering.services import give_club_subtree

    club, _coordinator = club_a
    groups = Group.objects.count()
    assert give_club_subtree(club) == club.editor_subtree
    assert Group.objects.count() == groups
