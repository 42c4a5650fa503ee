"""Page tree rules and rendering of every volunteering page type."""

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.factories import HomePageFactory, StandardPageFactory, paragraph
from home.models import HomePage, StandardPage
from ngo_directory.models import NGOProfilePage
from volunteering.factories import (
    VolunteerClubNewsPageFactory,
    VolunteerOfferPageFactory,
)
from volunteering.models import (
    VolunteerCentrePage,
    VolunteerClubIndexPage,
    VolunteerClubNewsPage,
    VolunteerClubPage,
    VolunteerOfferIndexPage,
    VolunteerOfferPage,
)


class TreeRulesTests(WagtailPageTestCase):
    def test_where_pages_go(self):
        self.assertCanCreateAt(HomePage, VolunteerCentrePage)
        self.assertCanNotCreateAt(StandardPage, VolunteerCentrePage)
        self.assertAllowedSubpageTypes(
            VolunteerCentrePage, {VolunteerClubIndexPage, VolunteerOfferIndexPage, StandardPage}
        )
        self.assertAllowedSubpageTypes(VolunteerClubIndexPage, {VolunteerClubPage})
        self.assertAllowedSubpageTypes(VolunteerClubPage, {VolunteerClubNewsPage})
        self.assertAllowedSubpageTypes(VolunteerClubNewsPage, set())
        self.assertAllowedSubpageTypes(VolunteerOfferIndexPage, {VolunteerOfferPage})
        self.assertCanCreateAt(NGOProfilePage, VolunteerOfferPage)
        self.assertCanNotCreateAt(HomePage, VolunteerOfferPage)

    def test_singletons(self):
        assert VolunteerCentrePage.max_count == 1
        assert VolunteerClubIndexPage.max_count == 1
        assert VolunteerOfferIndexPage.max_count == 1

    def test_offer_created_through_admin_with_real_blocks(self):
        from volunteering.factories import VolunteerCentrePageFactory, VolunteerOfferIndexPageFactory

        home = HomePageFactory(parent=Page.get_first_root_node())
        index = VolunteerOfferIndexPageFactory(parent=VolunteerCentrePageFactory(parent=home))
        self.login()
        self.assertCanCreate(
            index,
            VolunteerOfferPage,
            nested_form_data(
                {
                    "title": "Pomoc w bibliotece",
                    "slug": "pomoc-w-bibliotece",
                    "intro": "Szukamy osób do czytania dzieciom.",
                    "tasks": streamfield([("paragraph", rich_text("<p>Czytanie bajek w sobotę.</p>"))]),
                    "is_ongoing": "on",
                    "place": "Biblioteka, ul. Parkowa 9",
                    "district": "leszczyny",
                    "min_age": "14",
                    "places_available": "3",
                    "accepting_applications": "on",
                    "contact_name": "Ewa Nowak",
                    "contact_email": "biblioteka@example.org",
                }
            ),
        )
        offer = VolunteerOfferPage.objects.get(slug="pomoc-w-bibliotece")
        assert offer.tasks[0].block_type == "paragraph"
        assert "Czytanie bajek" in str(offer.tasks)


@pytest.mark.django_db
def test_offer_needs_dates_or_ongoing(offer_index):
    from django.core.exceptions import ValidationError

    offer = VolunteerOfferPage(
        title="Bez dat",
        slug="bez-dat",
        intro="x",
        tasks=[],
        place="x",
        district="belk",
        contact_name="x",
        contact_email="x@example.org",
        is_ongoing=False,
    )
    with pytest.raises(ValidationError) as error:
        offer.clean()
    assert "start_date" in error.value.message_dict


@pytest.mark.django_db
def test_every_page_type_renders(client, centre, club_index, offer_index, areas):
    from volunteering.factories import VolunteerClubPageFactory

    club = VolunteerClubPageFactory(parent=club_index, title="Koło przy SP 2")
    news = VolunteerClubNewsPageFactory(
        parent=club, title="Sprzątanie lasu", body=[paragraph("<p>Zebraliśmy 20 worków.</p>")]
    )
    offer = VolunteerOfferPageFactory(parent=offer_index, title="Pomoc seniorom", areas=[areas["seniorzy"]])
    StandardPageFactory(parent=centre, title="Jak zostać wolontariuszem")
    for page, text in [
        (centre, "Zapisz się do gminnej bazy wolontariuszy"),
        (club_index, "Koło przy SP 2"),
        (club, "Sprzątanie lasu"),
        (news, "Zebraliśmy 20 worków."),
        (offer_index, "Pomoc seniorom"),
        (offer, "Wyślij zgłoszenie"),
    ]:
        response = client.get(page.url)
        assert response.status_code == 200, page
        assert text in response.content.decode()


@pytest.mark.django_db
def test_centre_links_to_volunteer_day_only_when_live(client, centre, home_page):
    day = StandardPageFactory(parent=home_page, title="Dzień Wolontariusza 2026", slug="dzien-wolontariusza")
    centre.volunteer_day_page = day
    centre.volunteer_day_text = "Świętuj z nami 5 grudnia!"
    centre.save()
    html = client.get(centre.url).content.decode()
    assert "Świętuj z nami 5 grudnia!" in html and day.url in html
    day.unpublish()
    html = client.get(centre.url).content.decode()
    assert day.url not in html


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [2, 20])
def test_club_list_query_budget(client, club_index, rows, django_assert_max_num_queries):
    from volunteering.factories import VolunteerClubPageFactory

    for n in range(rows):
        VolunteerClubPageFactory(parent=club_index, title=f"Koło {n:02d}")
    client.get(club_index.url)
    with django_assert_max_num_queries(9):  # 10 before the Centre was passed through as a plain page
        html = client.get(club_index.url).content.decode()
    assert f"Koło {rows - 1:02d}" in html


def visit_cold(client, url):
    """Visit once (the site's settings rows are created then), and forget the cached site root paths."""
    client.get(url)
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 12])
def test_centre_query_budget(
    client, centre, club_index, offer_index, home_page, rows, django_assert_max_num_queries
):
    from volunteering.factories import VolunteerClubPageFactory

    day = StandardPageFactory(parent=home_page, title="Dzień Wolontariusza 2026", slug="dzien-wolontariusza")
    centre.volunteer_day_page = day
    centre.save_revision().publish()
    for n in range(rows):
        VolunteerClubPageFactory(parent=club_index, title=f"Koło {n:02d}")
        VolunteerOfferPageFactory(parent=offer_index, title=f"Oferta {n:02d}")
        StandardPageFactory(parent=centre, title=f"Poradnik {n:02d}")
    visit_cold(client, centre.url)
    # Site, home page, the Centre (its route and its row), view restrictions, the two lists and the
    # Volunteer Day page (one query), both settings, site root paths, layout pages.
    with django_assert_max_num_queries(9):
        html = client.get(centre.url).content.decode()
    assert club_index.url in html and offer_index.url in html
    assert f'href="{day.url}"' in html


@pytest.mark.django_db
def test_centre_links_only_to_public_lists_and_volunteer_day(
    client, centre, club_index, offer_index, home_page
):
    members = StandardPageFactory(parent=home_page, title="Dla członków", slug="dla-czlonkow")
    day = StandardPageFactory(parent=members, title="Dzień Wolontariusza 2026", slug="dzien-wolontariusza")
    centre.volunteer_day_page = day
    centre.save_revision().publish()
    html = client.get(centre.url).content.decode()
    assert club_index.url in html and offer_index.url in html and day.url in html
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=club_index, restriction_type=PageViewRestriction.LOGIN)
    html = client.get(centre.url).content.decode()
    assert offer_index.url in html
    assert club_index.url not in html and day.url not in html
    # An alias of a private page counts through its source, as Wagtail decides.
    secret = StandardPageFactory(parent=home_page, title="Dzień (szkic)", slug="dzien-szkic")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    alias = secret.create_alias(parent=home_page, update_slug="dzien-wolontariusza-alias")
    assert Page.get_view_restrictions(alias).exists()
    centre.volunteer_day_page = alias
    centre.save_revision().publish()
    assert alias.url not in client.get(centre.url).content.decode()
    offer_index.unpublish()
    assert offer_index.url not in client.get(centre.url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 3])
def test_offer_page_query_budget(client, ngo_a, areas, skills, rows, django_assert_max_num_queries):
    profile, _editor = ngo_a
    offer = VolunteerOfferPageFactory(
        parent=profile,
        title="Odwiedziny seniorów",
        areas=list(areas.values())[:rows],
        skills=list(skills.values())[:rows],
    )
    visit_cold(client, offer.url)
    # Site, home page, three levels of the path (the directory passed through as a plain page), the
    # offer, view restrictions, both settings, site root paths, layout pages, its skills, its areas.
    with django_assert_max_num_queries(12):
        html = client.get(offer.url).content.decode()
    facts = BeautifulSoup(html, "html.parser").select_one("dl.facts").get_text(" ", strip=True)
    assert "Organizator Stowarzyszenie Alfa" in facts
    assert ", ".join(sorted(a.name for a in list(areas.values())[:rows])) in facts
    assert ", ".join(sorted(s.name for s in list(skills.values())[:rows])) in facts


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 15])
def test_club_page_query_budget(client, club_index, rows, django_assert_max_num_queries):
    from volunteering.factories import VolunteerClubPageFactory

    club = VolunteerClubPageFactory(parent=club_index, title="Koło przy SP 1")
    image = wagtail_factories.ImageFactory()
    for n in range(rows):
        VolunteerClubNewsPageFactory(parent=club, title=f"Wiadomość {n:02d}", listing_image=image)
    visit_cold(client, club.url)
    # Site, home page, three levels of the path (the Centre passed through), the club, view
    # restrictions, both settings, site root paths, layout pages, its latest news with their images,
    # the images' renditions.
    with django_assert_max_num_queries(12):
        html = client.get(club.url).content.decode()
    assert html.count("Wiadomość ") == min(rows, 10)
    assert html.count('class="card__image"') == min(rows, 10)


@pytest.mark.django_db
def test_routing_passes_through_the_centre_but_keeps_its_own_urls_first(client, centre):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    guide = StandardPageFactory(parent=centre, title="Jak zostać wolontariuszem", slug="jak-zostac")
    clash = StandardPageFactory(parent=centre, title="O zapisach", slug="zapisz-sie")
    with CaptureQueriesContext(connection) as queries:
        assert "Jak zostać wolontariuszem" in client.get(guide.url).content.decode()
    assert not [q for q in queries if 'FROM "volunteering_volunteercentrepage"' in q["sql"]]
    # The Centre's own sub-URL wins over a child page with the same slug, as in Wagtail ...
    response = client.get(f"{centre.url}zapisz-sie/")
    assert [t.name for t in response.templates][0] == "volunteering/signup.html"
    # ... unless the Centre is not live: Wagtail then routes to the child.
    centre.unpublish()
    clash.refresh_from_db()
    assert clash.live
    assert "O zapisach" in client.get(f"{centre.url}zapisz-sie/").content.decode()
