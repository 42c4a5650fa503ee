"""Purge the page cache (``home/cache.py``) whenever published content changes.

Pages: publish, unpublish, move, delete. Content shown on many pages: site settings and menus (any
``BaseSiteSetting``/``BaseGenericSetting``), snippets (rooms, areas of activity, skills...), images and
documents. Everything is purged at once: listings, menus and home-page sections show a page far from
where it lives, and one purge is a single cache write.

The purge runs immediately and again after the transaction commits, so a request that renders in between
cannot put the old content back for long.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished
from wagtail.snippets.models import get_snippet_models

from .cache import purge_page_cache

SHARED_CONTENT = (BaseSiteSetting, BaseGenericSetting, AbstractImage, AbstractDocument)


def purge(**kwargs) -> None:
    purge_page_cache()
    transaction.on_commit(purge_page_cache, robust=True)


def _shows_on_pages(instance) -> bool:
    return isinstance(instance, (Page, *SHARED_CONTENT, *get_snippet_models()))


def purge_if_shown(sender, instance, **kwargs) -> None:
    if _shows_on_pages(instance):
        purge()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(purge, dispatch_uid=f"cop-page-cache-{id(signal)}")
    post_save.connect(purge_if_shown, dispatch_uid="cop-page-cache-save")
    post_delete.connect(purge_if_shown, dispatch_uid="cop-page-cache-delete")
