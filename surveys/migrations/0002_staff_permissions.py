"""COP staff read survey results and may delete responses (never add or edit what visitors sent)."""

from django.db import migrations

from home.permissions import STAFF_GROUP, get_group, grant_model_permissions


def grant(apps, schema_editor):
    group = get_group(apps, STAFF_GROUP)
    grant_model_permissions(apps, group, "surveys", ["SurveyResponse"], actions=("view", "delete"))


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial"), ("home", "0002_staff_group")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
