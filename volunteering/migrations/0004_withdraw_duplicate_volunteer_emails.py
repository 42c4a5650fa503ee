"""One record per e-mail address (any letter case) before the unique constraint of 0005 is added.

Within each group of live records sharing an address, the best one is kept: active before pending,
a confirmed address before an unconfirmed one, then the oldest sign-up. The others get the status
"withdrawn" (so the regular purge anonymises them after the grace period); their applications move to
the kept record, their consents are closed, and the GDPR log says why, with the kept record's number.
Nothing is deleted here.
"""

from django.db import migrations
from django.db.models.functions import Lower
from django.utils import timezone

LIVE = ["pending", "active"]


def rank(volunteer):
    return (
        volunteer.status != "active",
        volunteer.email_confirmed_at is None,
        volunteer.created_at,
        volunteer.pk,
    )


def withdraw_duplicates(apps, schema_editor):
    Volunteer = apps.get_model("volunteering", "Volunteer")
    OfferApplication = apps.get_model("volunteering", "OfferApplication")
    ConsentRecord = apps.get_model("volunteering", "ConsentRecord")
    GdprAuditEntry = apps.get_model("volunteering", "GdprAuditEntry")
    groups = {}
    live = Volunteer.objects.filter(status__in=LIVE).exclude(email="").annotate(key=Lower("email"))
    for volunteer in live.order_by("pk"):
        groups.setdefault(volunteer.key, []).append(volunteer)
    now = timezone.now()
    for records in groups.values():
        if len(records) < 2:
            continue
        kept, *duplicates = sorted(records, key=rank)
        for duplicate in duplicates:
            OfferApplication.objects.filter(volunteer_id=duplicate.pk).update(volunteer_id=kept.pk)
            ConsentRecord.objects.filter(volunteer_id=duplicate.pk, withdrawn_at__isnull=True).update(
                withdrawn_at=now
            )
            Volunteer.objects.filter(pk=duplicate.pk).update(status="withdrawn", withdrawn_at=now, updated_at=now)
            GdprAuditEntry.objects.create(
                action="withdraw",
                volunteer_id_ref=duplicate.pk,
                note=f"drugi zapis z tym samym adresem e-mail co rekord nr {kept.pk} (porządkowanie bazy)",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0003_active_requires_confirmation"),
    ]

    operations = [
        migrations.RunPython(withdraw_duplicates, migrations.RunPython.noop),
    ]
