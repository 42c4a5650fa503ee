"""Page tree rules and rendering of every volunteering page type."""

import pytest
from wagtail.models import Page
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
    with django_assert_max_num_queries(10):
        html = client.get(club_index.url).content.decode()
    assert f"Koło {rows - 1:02d}" in html
