"""Who may see which applications and hours: staff see all, an NGO only those of its own offers.

Built on ``home.editors.subtrees_of`` – the one "external editor owns a subtree" mechanism.
"""

from django.db.models import Q

from home.editors import subtrees_of


def is_registry_staff(user) -> bool:
    return user.is_active and user.has_perm("volunteering.view_offerapplication")


def own_offers_condition(user, prefix: str = "offer__") -> Q | None:
    """A filter for rows whose offer lies in one of ``user``'s subtrees; None when they own nothing."""
    condition = None
    for subtree in subtrees_of(user):
        part = Q(**{f"{prefix}path__startswith": subtree.page.path})
        condition = part if condition is None else condition | part
    return condition


def applications_for(user, queryset):
    if is_registry_staff(user):
        return queryset
    condition = own_offers_condition(user)
    return queryset.filter(condition) if condition is not None else queryset.none()


def can_handle_application(user, application) -> bool:
    if not user.is_authenticated:
        return False
    if is_registry_staff(user):
        return True
    return any(application.offer.path.startswith(subtree.page.path) for subtree in subtrees_of(user))
