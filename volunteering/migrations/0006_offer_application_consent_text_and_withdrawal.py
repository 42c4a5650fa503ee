"""Offer applications keep the exact consent words shown and when they were withdrawn.

Applications sent before this change all saw one wording (version "oferta-1"); it is filled in for them.
"""

from django.db import migrations, models

FIRST_WORDING = "Zgadzam się, aby organizator oferty i COP przetwarzali moje dane w celu obsługi zgłoszenia"


def fill_first_wording(apps, schema_editor):
    OfferApplication = apps.get_model("volunteering", "OfferApplication")
    OfferApplication.objects.filter(consent_version="oferta-1", consent_text="").update(
        consent_text=FIRST_WORDING
    )


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0005_volunteer_unique_email_case_insensitive"),
    ]

    operations = [
        migrations.AddField(
            model_name="offerapplication",
            name="consent_text",
            field=models.TextField(
                default="",
                help_text="Dokładnie te słowa zgody, które zgłaszający zaznaczył w formularzu.",
                verbose_name="treść zgody",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="offerapplication",
            name="withdrawn_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Kiedy zgłaszający wycofał zgłoszenie linkiem z e-maila.",
                null=True,
                verbose_name="wycofano",
            ),
        ),
        migrations.AlterField(
            model_name="offerapplication",
            name="consent_version",
            field=models.CharField(
                help_text="Skrót treści zgody, którą widział zgłaszający (zmienia się razem z treścią).",
                max_length=20,
                verbose_name="wersja zgody",
            ),
        ),
        migrations.RunPython(fill_first_wording, migrations.RunPython.noop),
    ]
