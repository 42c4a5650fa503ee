"""Public pages: the rooms (list, availability, iCal, request form) and advisory (doradztwo)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField

from home.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from home.models import BasePage


class RoomsPage(RoutablePageMixin, BasePage):
    """The Centre's rooms: details, weekly availability, iCal feeds and the booking request form."""

    intro = models.TextField(
        _("wstęp"),
        blank=True,
        max_length=600,
        help_text=_("Kilka zdań nad listą sal: kto i jak może z nich korzystać."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("treść"),
        blank=True,
        help_text=_("Dodatkowe informacje pod listą sal."),
    )
    rules = RichTextField(
        _("regulamin sal"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Zasady korzystania z sal; wnioskodawca akceptuje je w formularzu."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body"), FieldPanel("rules")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    page_description = _(
        "Lista sal Centrum z dostępnością, kalendarzami i formularzem rezerwacji (tylko jedna)."
    )

    class Meta:
        verbose_name = _("sale Centrum")
        verbose_name_plural = _("sale Centrum")

    def get_summary_source(self):
        return self.intro

    @path("")
    def index_route(self, request):
        from booking import views

        return views.rooms_index(request, self)

    @path("sala/<slug:slug>/")
    def room_route(self, request, slug):
        from booking import views

        return views.room_detail(request, self, slug)

    @path("sala/<slug:slug>/kalendarz/")
    def room_ical_route(self, request, slug):
        from booking import views

        return views.room_ical(request, self, slug)

    @path("rezerwacja/")
    def request_route(self, request):
        from booking import views

        return views.booking_request_form(request, self)

    @path("wniosek/<str:token>/")
    def status_route(self, request, token):
        from booking import views

        return views.request_status(request, self, "booking", token)


class AdvisoryPage(RoutablePageMixin, BasePage):
    """Advisory appointments (doradztwo): what we help with and the request form."""

    intro = models.TextField(
        _("wstęp"),
        blank=True,
        max_length=600,
        help_text=_("Kilka zdań nad formularzem: kto i w czym doradza."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("treść"),
        blank=True,
        help_text=_("Tematy, doradcy, zasady konsultacji."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    page_description = _(
        "Formularz zgłoszenia na bezpłatne doradztwo dla organizacji i mieszkańców (tylko jedna)."
    )

    class Meta:
        verbose_name = _("doradztwo")
        verbose_name_plural = _("doradztwo")

    def get_summary_source(self):
        return self.intro

    @path("")
    def index_route(self, request):
        from booking import views

        return views.advisory_request_form(request, self)

    @path("wniosek/<str:token>/")
    def status_route(self, request, token):
        from booking import views

        return views.request_status(request, self, "advisory", token)
