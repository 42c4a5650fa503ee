"""The COP staff editors' group: all content, images, documents, site settings and menus."""

from django.db import migrations

from home.permissions import (
    STAFF_GROUP,
    get_group,
    grant_admin_access,
    grant_collection_permissions,
    grant_model_permissions,
    grant_page_permissions,
)


def create_staff_group(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    group = get_group(apps, STAFF_GROUP)
    grant_admin_access(apps, group)
    root_page = Page.objects.filter(depth=1).first()
    if root_page:
        grant_page_permissions(apps, group, root_page)
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection:
        grant_collection_permissions(apps, group, root_collection)
    grant_model_permissions(apps, group, "home", ["SiteSettings", "NavigationSettings"], actions=("change",))
    grant_model_permissions(apps, group, "wagtailredirects", ["Redirect"])


def remove_staff_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=STAFF_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_staff_group, remove_staff_group)]
