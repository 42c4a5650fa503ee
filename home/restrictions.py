"""Page view restrictions read once per request instead of once per ``.public()`` call.

Wagtail's ``PageQuerySet.public()`` reads every ``PageViewRestriction`` (one query) each time it is
called; a page whose sections come from several apps (the home page: events, volunteering, surveys,
news) asked the same question four or five times per request. ``RequestRestrictionsMiddleware``
opens a per-request memo for GET/HEAD requests; ``BasePageQuerySet.private_q`` and
``BasePage.get_view_restrictions`` read it. Outside a request (commands, tests, the shell) and on
other methods nothing is memoised, and saving, deleting a restriction or moving a page during the
request forgets the memo, so the answer is always the one Wagtail would give.
"""

import contextvars

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move

_UNSET = object()
_memo: contextvars.ContextVar = contextvars.ContextVar("cop_view_restrictions", default=None)


def all_restrictions():
    """Every view restriction with its page: memoised within a GET/HEAD request, else a fresh query."""
    from wagtail.models import PageViewRestriction

    memo = _memo.get()
    if memo is None:
        return list(PageViewRestriction.objects.select_related("page"))
    if memo.get("restrictions", _UNSET) is _UNSET:
        memo["restrictions"] = list(PageViewRestriction.objects.select_related("page"))
    return memo["restrictions"]


def memoised_restrictions():
    """The memoised list within a GET/HEAD request (read on first use), ``None`` outside one."""
    if _memo.get() is None:
        return None
    return all_restrictions()


def is_private(page) -> bool:
    """Whether ``page`` is inside a private section, as ``PageQuerySet.public()`` decides (by path)."""
    return any(page.path.startswith(restriction.page.path) for restriction in all_restrictions())


def view_restrictions_of(page):
    """The restrictions of ``page`` and of its ancestors, as ``Page.get_view_restrictions`` decides.

    An alias page (or ancestor) counts through the page it is an alias of. One query, none at all
    when the request's memo shows no private section anywhere. Works on plain ``Page`` objects.
    """
    from wagtail.models import Page, PageViewRestriction

    if memoised_restrictions() == []:
        return PageViewRestriction.objects.none()
    ancestors = Page.objects.filter(path__in=[page.path[: d * page.steplen] for d in range(1, page.depth)])
    return PageViewRestriction.objects.filter(
        Q(page_id=page.alias_of_id or page.pk)
        | Q(page__in=ancestors.filter(alias_of__isnull=True))
        | Q(page_id__in=ancestors.filter(alias_of__isnull=False).values("alias_of_id"))
    )


def note_none_exist():
    """Another query of this request found no view restriction at all (``home/site_context.py``):
    remember the empty list, as if it had been read, so no page asks again."""
    memo = _memo.get()
    if memo is not None and memo.get("restrictions", _UNSET) is _UNSET:
        memo["restrictions"] = []


def forget():
    """Drop the memo of the current request (a restriction or the page tree changed)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class BasePageQuerySet(PageQuerySet):
    """Wagtail's page queryset whose ``public()`` / ``not_public()`` use the per-request memo."""

    def private_q(self):
        q = Q()
        for restriction in all_restrictions():
            q |= self.descendant_of_q(restriction.page, inclusive=True)
        # As Wagtail: match no page when no private section exists.
        return q if q else Q(pk__in=[])


class RequestRestrictionsMiddleware:
    """Opens the memo for the duration of a GET/HEAD request (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


@receiver(post_save, sender="wagtailcore.PageViewRestriction", dispatch_uid="cop_restrictions_saved")
@receiver(post_delete, sender="wagtailcore.PageViewRestriction", dispatch_uid="cop_restrictions_deleted")
@receiver(post_page_move, dispatch_uid="cop_restrictions_page_moved")
def _forget_on_change(**kwargs):
    forget()
