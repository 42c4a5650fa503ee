"""Rooms of the Centre (snippets staff edit) and the periods when they cannot be booked."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

WEEKDAYS = [
    (0, _("poniedziałek")),
    (1, _("wtorek")),
    (2, _("środa")),
    (3, _("czwartek")),
    (4, _("piątek")),
    (5, _("sobota")),
    (6, _("niedziela")),
]


class Room(index.Indexed, ClusterableModel):
    """A room of the Centre that organisations and residents may book."""

    name = models.CharField(_("nazwa"), max_length=120, help_text=_("Np. „Sala konferencyjna”."))
    slug = models.SlugField(
        _("adres w serwisie"),
        max_length=80,
        unique=True,
        allow_unicode=False,
        help_text=_(
            "Końcówka adresu strony sali, np. „sala-konferencyjna” (małe litery, bez polskich znaków)."
        ),
    )
    floor = models.CharField(
        _("piętro i położenie"),
        max_length=120,
        default="I piętro, ul. 3-go Maja 19",
        help_text=_("Gdzie znajduje się sala, np. „I piętro, ul. 3-go Maja 19”."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("liczba miejsc"), help_text=_("Największa liczba osób, które mogą jednocześnie korzystać z sali.")
    )
    description = models.TextField(
        _("opis"), blank=True, max_length=1000, help_text=_("Krótko: do czego sala się nadaje.")
    )
    equipment = models.TextField(
        _("wyposażenie"),
        blank=True,
        max_length=1000,
        help_text=_("Jedna pozycja w wierszu, np. „rzutnik”, „flipchart”, „20 krzeseł”."),
    )
    accessibility_notes = models.TextField(
        _("dostępność"),
        blank=True,
        max_length=1000,
        help_text=_("Winda, szerokość drzwi, pętla indukcyjna, toaleta dostępna – to, co ważne dla gości."),
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("przerwa między rezerwacjami (min)"),
        default=15,
        help_text=_(
            "Najkrótszy odstęp między końcem jednej rezerwacji a początkiem następnej (sprzątanie, wietrzenie)."
        ),
    )
    min_notice_hours = models.PositiveSmallIntegerField(
        _("minimalne wyprzedzenie (godz.)"),
        default=48,
        help_text=_("Najpóźniej na ile godzin przed rozpoczęciem można złożyć wniosek."),
    )
    max_advance_days = models.PositiveSmallIntegerField(
        _("maksymalne wyprzedzenie (dni)"),
        default=90,
        help_text=_("Najdalej na ile dni naprzód można rezerwować salę."),
    )
    is_active = models.BooleanField(
        _("przyjmuje rezerwacje"),
        default=True,
        help_text=_("Odznacz, aby ukryć salę w serwisie i wstrzymać nowe wnioski."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("kolejność"), default=0, help_text=_("Sale z mniejszą liczbą są wyżej na liście.")
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("floor"), FieldPanel("capacity")],
            heading=_("Sala"),
        ),
        FieldPanel("description"),
        FieldPanel("equipment"),
        FieldPanel("accessibility_notes"),
        InlinePanel("photos", heading=_("Zdjęcia"), label=_("zdjęcie")),
        InlinePanel(
            "opening_hours", heading=_("Godziny dostępności"), label=_("przedział godzin"), min_num=0
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("buffer_minutes"), FieldPanel("min_notice_hours")]),
                FieldRowPanel([FieldPanel("max_advance_days"), FieldPanel("sort_order")]),
                FieldPanel("is_active"),
            ],
            heading=_("Zasady rezerwacji"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("equipment"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("sala")
        verbose_name_plural = _("sale")

    def __str__(self):
        return self.name

    def equipment_list(self) -> list[str]:
        return [line.strip(" -•") for line in self.equipment.splitlines() if line.strip(" -•")]

    def hours_for(self, weekday: int) -> list["RoomOpeningHours"]:
        """Opening intervals on ``weekday`` (uses prefetched rows when present)."""
        return sorted(
            (hours for hours in self.opening_hours.all() if hours.weekday == weekday), key=lambda h: h.opens
        )

    def hours_by_weekday(self) -> list[tuple[str, list["RoomOpeningHours"]]]:
        return [(label, self.hours_for(number)) for number, label in WEEKDAYS]


class RoomPhoto(Orderable):
    """A photo of a room shown on its public page."""

    room = ParentalKey(Room, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("zdjęcie"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Zdjęcie sali (poziome, min. 1200 px szerokości)."),
    )
    caption = models.CharField(
        _("opis zdjęcia"),
        max_length=200,
        blank=True,
        help_text=_("Tekst alternatywny: co widać na zdjęciu. Gdy pusty, użyjemy nazwy sali."),
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    def alt_text(self) -> str:
        return self.caption or str(self.room)


class RoomOpeningHours(Orderable):
    """One interval of a weekday when the room may be booked."""

    room = ParentalKey(Room, related_name="opening_hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(
        _("dzień tygodnia"), choices=WEEKDAYS, help_text=_("Dzień, w którym sala jest dostępna.")
    )
    opens = models.TimeField(_("od"), help_text=_("Najwcześniejsza godzina rozpoczęcia, np. 8:00."))
    closes = models.TimeField(_("do"), help_text=_("Najpóźniejsza godzina zakończenia, np. 20:00."))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("godziny dostępności")
        verbose_name_plural = _("godziny dostępności")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="booking_hours_closes_after_opens"
            )
        ]

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError(
                {"closes": _("Godzina zamknięcia musi być późniejsza niż godzina otwarcia.")}
            )

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Blackout(models.Model):
    """A period when a room (or, without a room, the whole Centre) cannot be booked."""

    room = models.ForeignKey(
        Room,
        verbose_name=_("sala"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="blackouts",
        help_text=_("Pozostaw puste, jeśli dotyczy całego Centrum (np. święta, inwentaryzacja)."),
    )
    starts_at = models.DateTimeField(_("od"), help_text=_("Początek okresu niedostępności."))
    ends_at = models.DateTimeField(_("do"), help_text=_("Koniec okresu niedostępności."))
    reason = models.CharField(
        _("powód"),
        max_length=200,
        help_text=_("Widoczny publicznie, np. „Przerwa świąteczna”, „Malowanie sali”."),
    )

    panels = [
        FieldPanel("room"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("reason"),
    ]

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("okres niedostępności")
        verbose_name_plural = _("okresy niedostępności")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_blackout_ends_after_start"
            )
        ]

    def __str__(self):
        where = self.room.name if self.room_id else _("całe Centrum")
        return f"{self.reason} ({where})"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Koniec musi być późniejszy niż początek.")})
