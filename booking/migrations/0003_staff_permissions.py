"""Staff of the Centre manage rooms and blackouts and decide on booking and advisory requests."""

from django.db import migrations

from home.permissions import STAFF_GROUP, get_group, grant_model_permissions


def grant(apps, schema_editor):
    group = get_group(apps, STAFF_GROUP)
    grant_model_permissions(
        apps, group, "booking", ["Room", "Blackout", "BookingRequest", "AdvisoryRequest", "Booking"]
    )


class Migration(migrations.Migration):
    dependencies = [("booking", "0002_no_overlapping_approved_bookings"), ("home", "0002_staff_group")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
