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
