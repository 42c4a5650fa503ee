"""One live record per child without an address before the unique constraint of 0008 is added.

A child under 13 has no address of their own; the guardian signs. Records with no address, the same
guardian's address, first and last name (any letter case) and date of birth are one child signed up
twice. As in 0004, the best record is kept (active before pending, then the guardian's confirmed consent,
then the oldest); the others are withdrawn (the regular purge anonymises them after the grace period),
their applications move to the kept record, their consents are closed and the GDPR log says why.
Nothing is deleted here.
"""

from django.db import migrations
from django.utils import timezone

LIVE = ["pending", "active"]


def rank(volunteer):
    return (
        volunteer.status != "active",
        volunteer.guardian_confirmed_at is None,
        volunteer.created_at,
        volunteer.pk,
    )


def withdraw_duplicates(apps, schema_editor):
    Volunteer = apps.get_model("volunteering", "Volunteer")
    OfferApplication = apps.get_model("volunteering", "OfferApplication")
    ConsentRecord = apps.get_model("volunteering", "ConsentRecord")
    GdprAuditEntry = apps.get_model("volunteering", "GdprAuditEntry")
    groups = {}
    for volunteer in Volunteer.objects.filter(status__in=LIVE, email="").order_by("pk"):
        key = (
            volunteer.guardian_email.lower(),
            volunteer.first_name.lower(),
            volunteer.last_name.lower(),
            volunteer.date_of_birth,
        )
        groups.setdefault(key, []).append(volunteer)
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
                note=f"to samo dziecko tego samego opiekuna co rekord nr {kept.pk} (porządkowanie bazy)",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0006_offer_application_consent_text_and_withdrawal"),
    ]

    operations = [
        migrations.RunPython(withdraw_duplicates, migrations.RunPython.noop),
    ]
