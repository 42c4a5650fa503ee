"""A listing page and the number of all its rows in one query (instead of ``COUNT`` plus the page).

Django's ``Paginator`` asks the database twice per listing page: ``COUNT(*)`` for the number of pages
and ``LIMIT … OFFSET …`` for the rows. :func:`counted_page` reads the rows with ``COUNT(*) OVER ()``
(a window over the whole filtered result, computed before the limit), so the total comes with them.
Only a page past the end (no rows to carry the total) costs the count and the last page, as before.

The queryset must not use ``DISTINCT``: the window counts rows before duplicates are removed.
Filter through ``pk__in`` subqueries instead of joins that repeat rows.

:class:`CappedPaginator` is the other way round: for a search that may match tens of thousands of rows,
it counts only up to a cap (``COUNT`` over ``LIMIT cap + 1``) and offers the pages of those rows.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.utils.functional import cached_property

TOTAL = "_counted_page_total"


def counted_page(queryset, per_page: int, number) -> Page:
    """Page ``number`` of ``queryset`` as ``Paginator.page`` gives it, in one query.

    As the listings did with ``Paginator``: a number that is not an integer shows the first page,
    one below 1 or past the end shows the last page.
    """
    if queryset.query.distinct:
        raise ValueError("counted_page() needs a queryset without DISTINCT (the window counts duplicates)")
    paginator = Paginator(queryset, per_page)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    if number >= 1:
        bottom = (number - 1) * per_page
        rows = list(queryset.annotate(**{TOTAL: Window(Count("*"))})[bottom : bottom + per_page])
        if rows:
            paginator.count = getattr(rows[0], TOTAL)  # Paginator.count is a cached property
            return Page(rows, number, paginator)
        if number == 1:
            paginator.count = 0
            return Page(rows, 1, paginator)
    return paginator.page(paginator.num_pages)


class CappedPaginator(Paginator):
    """A paginator that counts at most ``cap`` items (``None``: all) and offers their pages only.

    ``count_queryset`` (unordered) is counted instead of the listed one, so the count does not sort.
    ``capped`` tells whether more items matched than were counted.
    """

    def __init__(self, object_list, per_page, *, cap=None, count_queryset=None):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.count_queryset = object_list if count_queryset is None else count_queryset
        self.capped = False

    @cached_property
    def count(self):
        if self.cap is None:
            return self.count_queryset.count()
        found = self.count_queryset[: self.cap + 1].count()
        self.capped = found > self.cap
        return min(found, self.cap)
