import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0004_withdraw_duplicate_volunteer_emails"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="volunteer",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                condition=models.Q(
                    models.Q(("email", ""), _negated=True),
                    models.Q(("status__in", ["withdrawn", "anonymised"]), _negated=True),
                ),
                name="volunteer_unique_email_case_insensitive",
                violation_error_message="Ten adres e-mail ma już inny zapis w gminnej bazie wolontariuszy.",
            ),
        ),
    ]
