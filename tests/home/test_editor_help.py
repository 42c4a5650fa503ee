"""Every page type of the project explains itself in the "add page" chooser, and every field an editor
fills in (page, snippet or site setting) has a Polish help text under it.

The test walks the edit forms exactly as the admin builds them (the bound panels of each model's edit
handler, inline panels included), so a new page type, snippet or setting is held to the same rule.
"""

import re

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import escape
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.contrib.settings.views import get_setting_edit_handler
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models

# Words that only an untranslated English help text would contain (none of them is a Polish word).
ENGLISH_WORDS = re.compile(
    r"\b(the|this|will|be|is|are|you|your|of|and|if|when|which|should)\b", re.IGNORECASE
)


def project_models(models):
    return sorted(
        (model for model in models if model._meta.app_label in settings.COP_APPS),
        key=lambda model: model._meta.label,
    )


PAGE_MODELS = project_models(get_page_models())
SNIPPET_MODELS = project_models(get_snippet_models())
SETTINGS_MODELS = project_models(settings_registry)


def test_the_walk_covers_every_app():
    """The lists below are built from Wagtail's registries; they must not come out empty by mistake."""
    assert {model._meta.app_label for model in PAGE_MODELS} >= {
        "home",
        "ngo_directory",
        "events",
        "volunteering",
        "booking",
        "surveys",
    }
    assert SNIPPET_MODELS
    assert SETTINGS_MODELS


def field_panels(bound_panel):
    """Every bound field panel shown in the form, including the blank row of each inline panel."""
    if isinstance(bound_panel, FieldPanel.BoundPanel):
        yield bound_panel
        return
    if isinstance(bound_panel, InlinePanel.BoundPanel):
        yield from field_panels(bound_panel.empty_child)
        return
    for child in getattr(bound_panel, "children", []):
        yield from field_panels(child)


def missing_help_texts(edit_handler, instance, user, **form_kwargs):
    """Names (``model.field``) of the editor-facing fields without a Polish help text."""
    request = RequestFactory().get("/admin/")
    request.user = user
    form = edit_handler.get_form_class()(instance=instance, for_user=user, **form_kwargs)
    bound = edit_handler.get_bound_panel(instance=instance, form=form, request=request)
    problems = []
    with translation.override("pl"):
        for panel in field_panels(bound):
            if not panel.is_shown() or panel.read_only:
                continue
            label = f"{type(panel.instance).__name__}.{panel.field_name}"
            help_text = str(panel.help_text or "").strip()
            if not help_text:
                problems.append(f"{label}: brak podpowiedzi")
            elif ENGLISH_WORDS.search(help_text):
                problems.append(f"{label}: podpowiedź po angielsku ({help_text!r})")
    return problems


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model._meta.label)
def test_page_type_has_a_polish_description(model):
    with translation.override("pl"):
        description = str(model.get_page_description() or "").strip()
    assert description, f"{model._meta.label} nie ma page_description (opisu w wyborze typu strony)"
    assert not ENGLISH_WORDS.search(description), description


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model._meta.label)
def test_every_page_field_has_help_text(model, home_page, admin_user):
    instance = model(title="Strona", slug="strona")
    problems = missing_help_texts(model.get_edit_handler(), instance, admin_user, parent_page=home_page)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("model", SNIPPET_MODELS, ids=lambda model: model._meta.label)
def test_every_snippet_field_has_help_text(model, admin_user):
    edit_handler = model.snippet_viewset.get_edit_handler()
    problems = missing_help_texts(edit_handler, model(), admin_user)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("model", SETTINGS_MODELS, ids=lambda model: model._meta.label)
def test_every_setting_has_help_text(model, home_page, admin_user):
    instance = model.for_site(home_page.get_site())
    problems = missing_help_texts(get_setting_edit_handler(model), instance, admin_user)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_descriptions_are_shown_in_the_add_page_chooser(home_page, admin_client):
    """What an editor sees when choosing the type of a new page under the home page."""
    response = admin_client.get(f"/admin/pages/{home_page.pk}/add_subpage/")
    assert response.status_code == 200
    html = response.content.decode()
    creatable = home_page.specific_class.creatable_subpage_models()
    assert creatable
    with translation.override("pl"):
        for model in creatable:
            if model.can_create_at(home_page):
                assert escape(str(model.get_page_description())) in html, model._meta.label


@pytest.mark.django_db
def test_publishing_schedule_hint_is_shown_in_the_editor(home_page, admin_client):
    from home.factories import StandardPageFactory
    from home.panels import PUBLISHING_HELP_TEXTS

    page = StandardPageFactory(parent=home_page)
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    with translation.override("pl"):
        assert escape(str(PUBLISHING_HELP_TEXTS["go_live_at"])) in response.content.decode()
