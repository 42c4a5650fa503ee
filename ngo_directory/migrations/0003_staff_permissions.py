"""COP staff manage the areas taxonomy, handle onboarding requests and export the directory (by code)."""

from django.db import migrations

from home.permissions import STAFF_GROUP, get_group, grant_model_permissions


def grant(apps, schema_editor):
    group = get_group(apps, STAFF_GROUP)
    grant_model_permissions(apps, group, "ngo_directory", ["AreaOfActivity"])
    grant_model_permissions(
        apps, group, "ngo_directory", ["OnboardingRequest"], actions=("view", "change", "delete")
    )
    grant_model_permissions(apps, group, "ngo_directory", ["NGOProfilePage"], actions=("view",))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=STAFF_GROUP).first()
    if group:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="ngo_directory"))


class Migration(migrations.Migration):
    dependencies = [
        ("ngo_directory", "0002_profiles_onboarding_campaign"),
        ("home", "0002_staff_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
