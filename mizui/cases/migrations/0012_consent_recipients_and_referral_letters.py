"""A consent to share names its recipient from the directory (an organization, or a type of agency), with the
purpose told to the resident and the identifiers the partner may see; a referral keeps its link (encrypted) and
the sender's direct phone, and may be handed over as a printed letter or a copied link instead of being sent."""
from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models

import mizui.lib.crypto


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_outgoing_messages_and_sms_opt_out"),
        ("directory", "0003_organization_mobile_channels_change_log"),
    ]

    operations = [
        migrations.AddField(
            model_name="consent",
            name="agency_type",
            field=models.CharField(blank=True, db_default="", default="", max_length=80, verbose_name="סוג הגוף"),
        ),
        migrations.AddField(
            model_name="consent",
            name="identifiers",
            field=models.JSONField(blank=True, default=list, null=True, verbose_name="פרטים מזהים"),
        ),
        migrations.AddField(
            model_name="consent",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="directory.organization",
                verbose_name="הגוף השותף",
            ),
        ),
        migrations.AddField(
            model_name="consent",
            name="reason",
            field=mizui.lib.crypto.EncryptedTextField(blank=True, default="", null=True, verbose_name="מטרת ההעברה"),
        ),
        migrations.AddField(
            model_name="referral",
            name="contact_phone",
            field=models.CharField(blank=True, default="", max_length=20, verbose_name="טלפון ישיר"),
        ),
        migrations.AddField(
            model_name="referral",
            name="link",
            field=mizui.lib.crypto.EncryptedTextField(blank=True, default=""),
        ),
        migrations.AlterField(
            model_name="referral",
            name="channel",
            field=models.CharField(
                choices=[("email", "דוא״ל"), ("sms", "SMS"), ("letter", "מכתב מודפס או קישור")],
                default="email",
                max_length=10,
            ),
        ),
    ]
