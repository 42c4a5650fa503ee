"""The benchmark's data builder and targets (bench/run.py): valid pages, every target answers.

No timing here: speed figures come only from ``make bench``.
"""

import pytest
from wagtail.models import Page

from home.bench import BenchContext, build, bulk_child_pages, targets
from home.demo import load_all_apps
from home.factories import NewsIndexPageFactory
from home.models import NewsPage


@pytest.mark.django_db
def test_bulk_child_pages_makes_live_searchable_pages_in_a_valid_tree(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    news_index.add_child(instance=NewsPage(title="Zwykła aktualność", slug="zwykla"))
    pages = [
        NewsPage(title=f"Dzień wolontariusza {n}", slug=f"dzien-{n}", intro="Wolontariat") for n in range(25)
    ]

    saved = bulk_child_pages(news_index, pages, published_at=lambda page: None)

    assert len(saved) == 25
    assert Page.find_problems() == ([], [], [], [], [])  # treebeard: paths, depths and numchild agree
    news_index.refresh_from_db()
    assert news_index.numchild == 26
    assert NewsPage.objects.live().child_of(news_index).count() == 26
    assert all(page.url_path == f"{news_index.url_path}{page.slug}/" for page in saved)
    response = client.get(saved[-1].url)
    assert response.status_code == 200 and "Dzień wolontariusza 24" in response.content.decode()
    assert NewsPage.objects.live().search("wolontariusza").count() == 25
    # Later pages are still added the normal way next to the bulk ones.
    news_index.refresh_from_db()
    news_index.add_child(instance=NewsPage(title="Po hurcie", slug="po-hurcie"))
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_bench_data_and_every_target_answer(client):
    context = BenchContext(rows=30, demo=load_all_apps())
    build(context)
    assert context.built == ["30 aktualności"]
    for target in targets(context):
        response = client.get(target.url, HTTP_HOST=context.demo.site.hostname)
        assert response.status_code == target.status, target


@pytest.mark.django_db
def test_make_bench_discovers_app_bench_modules():
    import importlib.util
    import sys
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).parents[2] / "bench" / "run.py")
    run = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = run
    spec.loader.exec_module(run)
    assert "home.bench" in [module.__name__ for module in run.app_bench_modules()]


@pytest.mark.django_db
def test_every_app_builds_its_data_set_at_a_tiny_size_and_every_target_answers(client):
    from importlib import import_module

    from django.conf import settings
    from django.utils.module_loading import module_has_submodule

    from booking.models import Booking
    from events.models import Registration
    from ngo_directory.models import NGOProfilePage
    from surveys.models import SurveyResponse
    from volunteering.models import Volunteer

    modules = [
        import_module(f"{app}.bench")
        for app in settings.COP_APPS
        if module_has_submodule(import_module(app), "bench")
    ]
    context = BenchContext(rows=8, demo=load_all_apps())
    before = {
        "ngos": NGOProfilePage.objects.count(),
        "registrations": Registration.objects.count(),
        "volunteers": Volunteer.objects.count(),
        "bookings": Booking.objects.count(),
        "survey_responses": SurveyResponse.objects.count(),
    }
    for module in modules:
        if hasattr(module, "build"):
            module.build(context)

    # The proportions (5,000 NGOs : 2,000 events : 50,000 registrations ...) at 8 events.
    assert context.size("ngos") == 20 and context.size("registrations") == 200
    assert NGOProfilePage.objects.count() - before["ngos"] == 20
    assert Registration.objects.count() - before["registrations"] == 200
    assert Volunteer.objects.count() - before["volunteers"] == 80
    assert Booking.objects.count() - before["bookings"] == 40
    assert SurveyResponse.objects.count() - before["survey_responses"] == 20
    assert Page.find_problems() == ([], [], [], [], [])
    # Valid domain data: registry numbers pass the model's own validation.
    for profile in NGOProfilePage.objects.filter(slug__startswith="bench-organizacja-")[:5]:
        profile.full_clean()
    assert NGOProfilePage.objects.live().search("seniorom").count() > 0

    targets = [
        target for module in modules if hasattr(module, "targets") for target in module.targets(context)
    ]
    assert {"katalog organizacji", "sale do wynajęcia", "Centrum Wolontariatu"} <= {t.name for t in targets}
    for target in targets:
        response = client.get(target.url, HTTP_HOST=context.demo.site.hostname)
        assert response.status_code == target.status, target

    directory = import_module("ngo_directory.bench")
    directory.grow_for_search(context, NGOProfilePage.objects.count() + 10)
    assert NGOProfilePage.objects.count() - before["ngos"] == 30
    assert Page.find_problems() == ([], [], [], [], [])
    for target in directory.search_targets(context):
        response = client.get(target.url, HTTP_HOST=context.demo.site.hostname)
        assert response.status_code == 200, target
