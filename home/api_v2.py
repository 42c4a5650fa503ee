"""Wagtail's API v2 (pages, images, documents) for the ecosystem's headless front ends.

Anonymous API v2 lists only live pages; private pages (view restrictions) are filtered out here
too, so nothing behind a password or a login ever appears.

Images and documents follow the same rule: the API shows only what a visitor can already see on the
site (see :func:`public_media_q`), never a file an organisation uploaded for a draft or a private page.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast, Substr
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import TagsField
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex

from .models import ExternalEditorSubtree


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Live and public pages only (the stock viewset shows pages under view restrictions)."""

    def get_base_queryset(self):
        return super().get_base_queryset().public()


def used_on_public_pages(model) -> Exists:
    """The image/document is referenced by a live page outside every private section.

    Wagtail's reference index records what each page's stored content points at: for a live page that is
    its published version (a pending draft is kept in a revision, not indexed), for a never-published page
    its draft – which the live filter leaves out. Gallery rows and other child objects count for their page.
    """
    public_pages = Page.objects.live().public().annotate(key=Cast("pk", CharField())).values("key")
    return Exists(
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(model),
            to_object_id=Cast(OuterRef("pk"), CharField()),
            object_id__in=public_pages,
        )
    )


def in_external_editor_collection(max_depth: int) -> Exists:
    """The file sits in the collection of an organisation or a school club (or a collection inside it).

    One equality per possible depth of the owning collection, so the database looks each one up by its
    indexed path instead of comparing every file with every organisation's collection.
    """
    steplen = Collection.steplen
    prefixes = Q(pk__in=[])
    for depth in range(2, max_depth + 1):
        prefixes |= Q(collection__path=Substr(OuterRef("collection__path"), 1, depth * steplen))
    return Exists(ExternalEditorSubtree.objects.filter(prefixes))


def public_media_q(model) -> Q:
    """Which images/documents the public API may show.

    * files in COP's shared collections (everything outside the organisations' and clubs' own
      collections): the staff's library for the site, public by design;
    * files in an organisation's or a club's collection only once a live, public page uses them (its
      logo, gallery, a picture or link in its text) – not for a draft, a page waiting for COP's
      approval, an unpublished page or a private one;
    * never a file in a collection with a view restriction (password, logged-in users, groups).
    """
    max_depth = Collection.objects.order_by("-depth").values_list("depth", flat=True).first() or 1
    restricted = Q(pk__in=[])
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        restricted |= Q(collection__path__startswith=path)
    return (~in_external_editor_collection(max_depth) | used_on_public_pages(model)) & ~restricted


class PrefetchedTagsField(TagsField):
    """The tags from the prefetched list (Wagtail's field runs one query per image or document)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class PrefetchedTagsMixin:
    def build_property_field(self, field_name, model_class):
        field_class, field_kwargs = super().build_property_field(field_name, model_class)
        if field_class is TagsField:
            field_class = PrefetchedTagsField
        return field_class, field_kwargs


class PublicImageSerializer(PrefetchedTagsMixin, ImageSerializer):
    pass


class PublicDocumentSerializer(PrefetchedTagsMixin, DocumentSerializer):
    pass


class PublicMediaMixin:
    """Images/documents a visitor may see (:func:`public_media_q`), whoever asks (like the pages);
    a constant number of queries however many files there are."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if not hasattr(self, "_public_media_q"):
            self._public_media_q = public_media_q(queryset.model)
        return queryset.filter(self._public_media_q).prefetch_related("tags")


class PublicImagesAPIViewSet(PublicMediaMixin, ImagesAPIViewSet):
    base_serializer_class = PublicImageSerializer


class PublicDocumentsAPIViewSet(PublicMediaMixin, DocumentsAPIViewSet):
    base_serializer_class = PublicDocumentSerializer


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
