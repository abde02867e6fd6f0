# Volunteer tiers: existing memberships keep what volunteers could do before tiers (gather documents); new ones
# start with none until trainings unlock a tier.
from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="volunteer_tier",
            field=models.CharField(
                choices=[
                    ("none", "טרם הוכשר/ה"),
                    ("screen", "בדיקת זכאות לתושב/ת"),
                    ("documents", "איסוף מסמכים"),
                    ("forms", "מילוי טפסים"),
                ],
                default="documents",
                max_length=10,
                verbose_name="שלב הכשרה",
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="volunteer_tier",
            field=models.CharField(
                choices=[
                    ("none", "טרם הוכשר/ה"),
                    ("screen", "בדיקת זכאות לתושב/ת"),
                    ("documents", "איסוף מסמכים"),
                    ("forms", "מילוי טפסים"),
                ],
                default="none",
                max_length=10,
                verbose_name="שלב הכשרה",
            ),
        ),
    ]
