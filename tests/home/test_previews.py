"""Every page type of the project can be previewed in the editor, new or existing.

For each page type: an instance made with the app's factory under a valid parent, then, as a COP staff
member, the preview of

* the existing page with a changed title (``preview_on_edit``),
* the same content as a new page (``preview_on_add``),
* a new page the editor has only given a title (``preview_on_add``; Wagtail checks required fields only
  on publishing, so editors preview half-filled pages all the time),

in every preview mode of the page type. Each preview must render (200) and show the title typed in the form.
"""

import inspect
import re

import pytest
import wagtail_factories
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from wagtail import blocks
from wagtail.blocks.base import BlockField
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

import tests.factories

PAGE_MODELS = sorted(
    (model for model in get_page_models() if model._meta.app_label in settings.COP_APPS),
    key=lambda model: model._meta.label,
)


def factory_for(model):
    """The app's page factory for ``model`` (every page type must have one)."""
    for factory in vars(tests.factories).values():
        if (
            inspect.isclass(factory)
            and issubclass(factory, wagtail_factories.PageFactory)
            and factory._meta.model is model
        ):
            return factory
    pytest.fail(f"{model._meta.label} nie ma fabryki (PageFactory) w <app>/factories.py")


def parent_for(model, home_page):
    """A page under which ``model`` may be created: an existing one, or one made with its factory."""
    candidates = [parent for parent in model.allowed_parent_page_models() if parent is not Page]
    if not candidates:
        return Page.get_first_root_node()
    candidates.sort(key=lambda parent: parent is not type(home_page))
    for candidate in candidates:
        existing = candidate.objects.descendant_of(home_page, inclusive=True).first()
        if existing:
            return existing
    candidate = candidates[0]
    return factory_for(candidate)(parent=parent_for(candidate, home_page))


def block_form_data(block, state, prefix):
    """The fields the editor's JavaScript posts for a block, from its form state (``get_form_state``).

    StreamField content is drawn in the browser, so the edit page's HTML holds no inputs for it.
    """
    if isinstance(block, blocks.StreamBlock):
        state = state or []
        data = {f"{prefix}-count": [str(len(state))]}
        for index, child in enumerate(state):
            item = f"{prefix}-{index}"
            data |= {
                f"{item}-type": [child["type"]],
                f"{item}-id": [child["id"] or ""],
                f"{item}-order": [str(index)],
                f"{item}-deleted": [""],
            }
            data |= block_form_data(block.child_blocks[child["type"]], child["value"], f"{item}-value")
        return data
    if isinstance(block, blocks.ListBlock):
        state = state or []
        data = {f"{prefix}-count": [str(len(state))]}
        for index, child in enumerate(state):
            item = f"{prefix}-{index}"
            data |= {
                f"{item}-id": [child["id"] or ""],
                f"{item}-order": [str(index)],
                f"{item}-deleted": [""],
            }
            data |= block_form_data(block.child_block, child["value"], f"{item}-value")
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data |= block_form_data(child_block, (state or {}).get(name), f"{prefix}-{name}")
        return data
    if isinstance(block, blocks.BooleanBlock):
        return {prefix: ["on"]} if state else {}
    if isinstance(block, blocks.ChooserBlock | blocks.PageChooserBlock):
        return {prefix: [str(state["id"]) if state else ""]}
    if isinstance(block, blocks.MultipleChoiceBlock):
        return {prefix: [str(value) for value in state or []]}
    return {prefix: ["" if state is None else str(state)]}


def form_data(client, url, page):
    """What the browser posts from the page form at ``url`` (for ``page``), StreamFields included."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    # A ticked checkbox without a value attribute is sent as "on" by browsers (Wagtail's helper sends "").
    form = WagtailTestUtils.get_soup(html).find("form", attrs={"id": "page-edit-form"})
    for checkbox in form.find_all("input", type="checkbox", checked=True):
        if "value" not in checkbox.attrs:
            data[checkbox["name"]] = "on"
    for name, field in page.get_edit_handler().get_form_class().base_fields.items():
        if isinstance(field, BlockField):
            for key, values in block_form_data(
                field.block, field.block.get_form_state(getattr(page, name)), name
            ).items():
                data.setlist(key, values)
    return data


def as_new_page(data):
    """The edit form's data posted as a new page: inline rows lose the ids of the existing page's rows."""
    data = data.copy()
    for key in list(data):
        if key.endswith("-INITIAL_FORMS"):
            data[key] = "0"
        elif re.search(r"-\d+-id$", key):
            data[key] = ""
    return data


def form_errors(instance, parent, data, user):
    """Why the preview endpoint found the posted data invalid (for the failure message)."""
    form = (
        type(instance)
        .get_edit_handler()
        .get_form_class()(data, instance=instance, parent_page=parent, for_user=user)
    )
    form.defer_required_fields()
    form.is_valid()
    formset_errors = {name: formset.errors for name, formset in form.formsets.items() if any(formset.errors)}
    return {**form.errors, **formset_errors}


def assert_previews(client, preview_url, data, instance, parent):
    """Post ``data`` to the preview endpoint, then load the preview in every mode of the page type."""
    page_class = type(instance)
    title = data["title"]
    response = client.post(preview_url, data)
    assert response.status_code == 200
    assert response.json()["is_valid"], (
        data["title"],
        form_errors(instance, parent, data, response.wsgi_request.user),
    )
    modes = [mode for mode, _label in instance.preview_modes] or [""]
    for mode in modes:
        response = client.get(preview_url, {"mode": mode})
        assert response.status_code == 200, f"{page_class.__name__} mode={mode!r}"
        html = response.content.decode()
        assert escape(title) in html, f"{page_class.__name__} mode={mode!r}: brak tytułu w podglądzie"


def fill_what_is_asked(draft, complete, instance, parent, user):
    """Like an editor saving a draft: fill in the fields the form's error messages point at.

    When a rule spans fields (a paid event needs its price; an offer needs a date unless it is ongoing)
    and filling the named field is not enough, the editor fills in the rest as in the complete page.
    """
    previous = None
    for _attempt in range(10):
        errors = form_errors(instance, parent, draft, user)
        if not errors:
            break
        names = list(errors) if errors != previous else list(complete)
        previous = errors
        for name in names:
            for key in complete:
                if (key == name or key.startswith(f"{name}-")) and not any(draft.getlist(key)):
                    draft.setlist(key, complete.getlist(key))
    return draft


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model._meta.label)
def test_every_page_type_can_be_previewed(model, home_page, staff_user, client):
    client.force_login(staff_user)
    page = home_page if model is type(home_page) else factory_for(model)(parent=parent_for(model, home_page))
    parent = page.get_parent()

    # 1. The existing page, its title changed in the editor.
    complete = form_data(
        client, reverse("wagtailadmin_pages:edit", args=[page.pk]), page.get_latest_revision_as_object()
    )
    complete["title"] = f"Podgląd zmian: {page.title}"
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert_previews(client, preview_url, complete, page.get_latest_revision_as_object(), parent)

    if parent.is_root():
        return  # the site's root page: a second one cannot be added
    # The same content as a new page: the first one goes (page types allowed once, unique KRS numbers).
    page.delete()
    add_args = [model._meta.app_label, model._meta.model_name, parent.pk]
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=add_args)

    # 2. A new page with all its content.
    new = as_new_page(complete)
    new["title"], new["slug"] = f"Nowa strona: {model.__name__}", "nowa-strona-podglad"
    assert_previews(client, preview_url, new, model(), parent)

    # 3. A new page with a title and only what Wagtail insists on for a draft.
    draft = form_data(client, reverse("wagtailadmin_pages:add", args=add_args), model())
    draft["title"], draft["slug"] = f"Szkic: {model.__name__}", "szkic-podglad"
    draft = fill_what_is_asked(draft, new, model(), parent, staff_user)
    assert_previews(client, preview_url, draft, model(), parent)
