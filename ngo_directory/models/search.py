"""The directory's own full-text document per organisation profile (PostgreSQL only)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class NGOSearchDocument(models.Model):
    """The profile's published text without diacritics as a ``tsvector``, one narrow row per profile.

    The directory search on PostgreSQL reads this table (GIN index, migration 0005) instead of Wagtail's
    search index entries: at 100,000 organisations a broad query ("pomoc społeczna") matches ~30,000
    profiles, and counting and ordering them went through the wide index-entry rows, a text-to-integer
    cast and a hash of every match. Kept by ``ngo_directory.search`` on every content save of a
    profile; ``manage.py refresh_directory_search`` rebuilds it. Unused on SQLite (the directory
    searches through Wagtail's backend there).
    """

    page = models.OneToOneField(
        "ngo_directory.NGOProfilePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("profil organizacji"),
    )
    document = SearchVectorField(_("tekst do wyszukiwania"), null=True)
    # The profile's title again, so that the matches are sorted on this table alone: sorting by the
    # page's title led PostgreSQL to sort every page of the site before looking for the 20 matches.
    title = models.CharField(_("nazwa"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("tekst wyszukiwania organizacji")
        verbose_name_plural = _("teksty wyszukiwania organizacji")

    def __str__(self):
        return str(self.page_id)
