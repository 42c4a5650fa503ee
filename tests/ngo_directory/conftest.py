"""Fixtures of the NGO directory: the directory page, areas, and two organisations with their own editors."""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from home.editors import add_editor
from ngo_directory.factories import AreaOfActivityFactory, NGODirectoryPageFactory, NGOProfilePageFactory
from ngo_directory.services import give_ngo_subtree


@dataclass
class Organisation:
    page: object
    subtree: object
    editor: object


@pytest.fixture
def directory(home_page):
    return NGODirectoryPageFactory(parent=home_page)


@pytest.fixture
def areas(db):
    return {
        "sport": AreaOfActivityFactory(name="Sport i rekreacja", slug="sport"),
        "kultura": AreaOfActivityFactory(name="Kultura i tradycja", slug="kultura"),
        "seniorzy": AreaOfActivityFactory(name="Seniorzy", slug="seniorzy"),
    }


def make_organisation(directory, username, **fields) -> Organisation:
    page = NGOProfilePageFactory(parent=directory, **fields)
    subtree = give_ngo_subtree(page)
    editor = get_user_model().objects.create_user(username, f"{username}@example.org", "haslo-redaktora")
    add_editor(subtree, editor)
    return Organisation(page, subtree, editor)


@pytest.fixture
def ngo_a(directory):
    return make_organisation(directory, "redaktor_a", title="Stowarzyszenie Alfa", slug="alfa")


@pytest.fixture
def ngo_b(directory):
    return make_organisation(
        directory, "redaktor_b", title="Fundacja Beta", slug="beta", legal_form="fundacja"
    )


def bulk_organisations(directory, count: int, *, areas=(), start: int = 0, is_opp=False):
    """``count`` live profiles under ``directory``, created cheaply (one transaction, treebeard paths by hand).

    Page rows go in with one bulk insert; the profile rows with one raw insert each (multi-table
    inheritance has no bulk insert). Good enough for 5,000 organisations in a few seconds.
    """
    from decimal import Decimal

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Locale, Page

    from ngo_directory.factories import valid_krs, valid_nip, valid_regon
    from ngo_directory.models import DISTRICTS, NGOProfilePage

    content_type = ContentType.objects.get_for_model(NGOProfilePage)
    locale = Locale.get_default()
    directory.refresh_from_db()
    first_step = directory.numchild + 1
    with transaction.atomic():
        pages = []
        for offset in range(count):
            n = start + offset
            slug = f"organizacja-masowa-{n}"
            pages.append(
                Page(
                    title=f"Organizacja masowa {n}",
                    draft_title=f"Organizacja masowa {n}",
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(directory.path, directory.depth + 1, first_step + offset),
                    depth=directory.depth + 1,
                    numchild=0,
                    url_path=f"{directory.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    locale=locale,
                )
            )
        Page.objects.bulk_create(pages, batch_size=500)
        created = Page.objects.filter(
            slug__startswith="organizacja-masowa-", content_type=content_type
        ).filter(slug__in=[page.slug for page in pages])
        through = NGOProfilePage.areas.through
        links = []
        for page in created:
            n = int(page.slug.rsplit("-", 1)[1])
            profile = NGOProfilePage(
                page_ptr_id=page.pk,
                legal_form="stowarzyszenie",
                krs=valid_krs(10_000 + n),
                nip=valid_nip(10_000 + n),
                regon=valid_regon(10_000 + n),
                is_opp=is_opp,
                district=DISTRICTS[n % len(DISTRICTS)][0],
                latitude=Decimal("50.15") + Decimal(n % 100) / 1000,
                longitude=Decimal("18.68"),
                beneficiaries="mieszkańcy gminy",
            )
            profile.save_base(raw=True)
            for area in areas:
                links.append(through(ngoprofilepage_id=page.pk, areaofactivity_id=area.pk))
        through.objects.bulk_create(links, batch_size=500)
        Page.objects.filter(pk=directory.pk).update(numchild=directory.numchild + count)
    directory.refresh_from_db()
