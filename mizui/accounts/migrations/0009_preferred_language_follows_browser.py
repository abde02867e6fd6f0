# A staff member's language is theirs to choose; until they do, their browser's. Nothing ever set the field before
# (it defaulted to Hebrew for everyone), so every stored "he" is that default, not a choice: it becomes blank.

from django.db import migrations, models


def to_blank(apps, schema_editor):
    apps.get_model("accounts", "User").objects.filter(preferred_language="he").update(preferred_language="")


def to_hebrew(apps, schema_editor):
    apps.get_model("accounts", "User").objects.filter(preferred_language="").update(preferred_language="he")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_center_hours"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="preferred_language",
            field=models.CharField(blank=True, default="", max_length=5, verbose_name="שפה מועדפת"),
        ),
        migrations.RunPython(to_blank, to_hebrew),
    ]
