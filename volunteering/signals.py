"""Every school volunteer club gets its coordinators' group the moment the club page exists."""


def give_new_club_its_coordinators(sender, instance, created, raw=False, **kwargs):
    """A club added by staff (admin, copy, code) owns its subtree at once, like an approved NGO."""
    if not created or raw:
        return
    from .services import give_club_subtree

    give_club_subtree(instance)
