"""COP staff handle the volunteer database, applications, hours and skills; the GDPR log is read-only."""

from django.db import migrations

from home.permissions import STAFF_GROUP, get_group, grant_model_permissions


def grant(apps, schema_editor):
    group = get_group(apps, STAFF_GROUP)
    grant_model_permissions(apps, group, "volunteering", ["Volunteer", "OfferApplication", "HoursEntry", "Skill"])
    grant_model_permissions(apps, group, "volunteering", ["GdprAuditEntry"], actions=("view",))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = get_group(apps, STAFF_GROUP)
    group.permissions.remove(*Permission.objects.filter(content_type__app_label="volunteering"))


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0001_initial"), ("home", "0002_staff_group")]

    operations = [migrations.RunPython(grant, revoke)]
