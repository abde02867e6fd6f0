"""A case's stored screenings (issue 22: the dependence and mobility KPIs compare a household's facts over time).

Screenings stored before this link existed are linked where the link is certain:
- a help request's screening, through its inquiry once that inquiry became a case;
- a staff screening of a case, through the "screened" event `screen_case` wrote in the same transaction, when exactly
  one staff screening of the authority was stored in the five seconds before that event and that screening is near
  exactly one such event. Anything less certain stays unlinked (counted nowhere rather than on the wrong household).
"""

import bisect
import datetime as dt

import django.db.models.deletion
from django.db import migrations, models

WINDOW = dt.timedelta(seconds=5)


def _authorities(apps, schema_editor):
    """Each authority in turn as the tenant: the owner is subject to the forced row-level security too."""
    Authority = apps.get_model("accounts", "Authority")
    for authority_id in Authority.objects.values_list("pk", flat=True):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute("SELECT set_config('app.authority_id', %s, true)", [str(authority_id)])
        yield authority_id


def link_screenings(apps, schema_editor):
    Inquiry = apps.get_model("cases", "Inquiry")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    CaseScreening = apps.get_model("cases", "CaseScreening")
    Screening = apps.get_model("screening", "Screening")
    for authority_id in _authorities(apps, schema_editor):
        links = dict(
            Inquiry.objects.filter(authority_id=authority_id, case__isnull=False, screening__isnull=False)
            .order_by("created_at")
            .values_list("screening_id", "case_id")
        )
        staff = sorted(
            Screening.objects.filter(authority_id=authority_id, channel="staff").values_list("created_at", "pk")
        )
        events = sorted(
            CaseEvent.objects.filter(authority_id=authority_id, kind="screened").values_list("at", "case_id")
        )
        near_screening: dict[int, list[int]] = {}  # screening → the cases of the events just after it
        near_event: dict[int, list[int]] = {}  # event index → the screenings just before it
        times = [created for created, _pk in staff]
        for index, (at, case_id) in enumerate(events):
            first, last = bisect.bisect_left(times, at - WINDOW), bisect.bisect_right(times, at)
            before = [pk for _created, pk in staff[first:last]]
            near_event[index] = before
            for pk in before:
                near_screening.setdefault(pk, []).append(case_id)
        for index, (_at, case_id) in enumerate(events):
            before = near_event[index]
            if len(before) == 1 and len(near_screening[before[0]]) == 1:
                links.setdefault(before[0], case_id)
        CaseScreening.objects.bulk_create(
            [CaseScreening(authority_id=authority_id, case_id=case, screening_id=pk) for pk, case in links.items()]
        )


def unlink_screenings(apps, schema_editor):
    CaseScreening = apps.get_model("cases", "CaseScreening")
    for authority_id in _authorities(apps, schema_editor):
        CaseScreening.objects.filter(authority_id=authority_id).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_center_hours"),
        ("cases", "0016_message_purged_at"),
        ("screening", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseScreening",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "authority",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="accounts.authority"
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="screenings", to="cases.case"
                    ),
                ),
                (
                    "screening",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="screening.screening"
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.RunPython(link_screenings, unlink_screenings),
    ]
