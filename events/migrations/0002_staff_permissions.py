"""COP staff handle event registrations (view, change attendance, delete on request); nobody adds them by hand."""

from django.db import migrations

from home.permissions import STAFF_GROUP, get_group, grant_model_permissions


def grant(apps, schema_editor):
    group = get_group(apps, STAFF_GROUP)
    grant_model_permissions(apps, group, "events", ["Registration"], actions=("change", "delete", "view"))
    grant_model_permissions(apps, group, "events", ["ConsentText"], actions=("view",))


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), ("home", "0002_staff_group")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
