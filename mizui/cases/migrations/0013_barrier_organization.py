"""A barrier names the directory organization it is about (any organization can be a barrier's agency), and a
new kind for shame and stigma. Existing barriers keep their catalogue agency and, where one organization has that
catalogue id (or is its only organization), are linked to it; ambiguous ids (housing, health fund, municipality)
stay readable by the agency alone."""

import django.db.models.deletion
from django.db import migrations, models

# Catalogue agency ids (eligibility/programs.yaml) → the one directory organization (HSDS key) that is that agency.
# Copied here, not imported: migrations never import project code.
ORGANIZATION_OF_AGENCY = {
    "nii": "nii",
    "enforcement": "enforcement",
    "aliyah": "aliyah",
    "tax": "tax",
    "iec": "iec",
    "transport": "transport",
    "water": "local-water",
    "justice": "legal-aid",
}


def _authorities(apps, schema_editor):
    """Each authority in turn as the tenant: the owner is subject to the forced row-level security too."""
    Authority = apps.get_model("accounts", "Authority")
    for authority_id in Authority.objects.values_list("pk", flat=True):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute("SELECT set_config('app.authority_id', %s, true)", [str(authority_id)])
        yield authority_id


def link_organizations(apps, schema_editor):
    Barrier = apps.get_model("cases", "Barrier")
    Organization = apps.get_model("directory", "Organization")
    organizations = dict(Organization.objects.values_list("key", "pk"))
    for authority_id in _authorities(apps, schema_editor):
        for agency, key in ORGANIZATION_OF_AGENCY.items():
            if key in organizations:
                Barrier.objects.filter(authority_id=authority_id, agency=agency, organization__isnull=True).update(
                    organization_id=organizations[key]
                )


def unlink_organizations(apps, schema_editor):
    Barrier = apps.get_model("cases", "Barrier")
    for authority_id in _authorities(apps, schema_editor):
        Barrier.objects.filter(authority_id=authority_id).update(organization=None)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cases", "0012_consent_recipients_and_referral_letters"),
        ("directory", "0003_organization_mobile_channels_change_log"),
    ]

    operations = [
        migrations.AddField(
            model_name="barrier",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="directory.organization",
                verbose_name="גוף",
            ),
        ),
        migrations.AlterField(
            model_name="barrier",
            name="agency",
            field=models.CharField(max_length=80, verbose_name="גורם"),
        ),
        migrations.AlterField(
            model_name="barrier",
            name="kind",
            field=models.CharField(
                choices=[
                    ("unreachable", "משרד שלא ניתן להשיג"),
                    ("form", "טופס חסר או לא נגיש"),
                    ("documents", "דרישת מסמכים מופרזת"),
                    ("wrong_denial", "דחייה שגויה"),
                    ("delay", "עיכוב מעבר לזמן התקן"),
                    ("language", "שפה"),
                    ("digital", "חסם דיגיטלי"),
                    ("stigma", "חסם רגשי: בושה וסטיגמה"),
                    ("other", "אחר"),
                ],
                max_length=12,
                verbose_name="סוג החסם",
            ),
        ),
        migrations.RunPython(link_organizations, unlink_organizations),
    ]
