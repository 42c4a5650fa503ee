"""Groups and permissions created by code (data migrations), never by hand in the admin.

Functions take ``apps`` so that they work in a data migration (historical models) as well as at
run time (``django.apps.apps``). Domain apps call them from their own migrations to give the staff
group rights on their models.
"""

STAFF_GROUP = "Pracownicy COP"
ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin")
PAGE_ACTIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
COLLECTION_ACTIONS = ("add", "change", "choose", "delete")


def get_permission(apps, app_label: str, model: str, codename: str):
    """The permission row, created if post_migrate has not made it yet (fresh databases)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model.lower())
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def get_group(apps, name: str):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=name)
    return group


def grant_admin_access(apps, group) -> None:
    group.permissions.add(get_permission(apps, *ADMIN_ACCESS))


def grant_model_permissions(apps, group, app_label: str, models, actions=("add", "change", "delete", "view")):
    """Give ``group`` the usual model permissions on ``app_label.model`` for each model."""
    for model in models:
        for action in actions:
            group.permissions.add(get_permission(apps, app_label, model, f"{action}_{model.lower()}"))


def grant_page_permissions(apps, group, page, actions=PAGE_ACTIONS) -> None:
    """Page permissions on ``page`` and everything below it."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for action in actions:
        permission = get_permission(apps, "wagtailcore", "page", f"{action}_page")
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection_permissions(apps, group, collection, actions=COLLECTION_ACTIONS) -> None:
    """Image and document permissions in ``collection`` and its children."""
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in actions:
            permission = get_permission(apps, app_label, model, f"{action}_{model}")
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
