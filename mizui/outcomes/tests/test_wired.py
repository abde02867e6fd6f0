"""The figures the dashboard reads live from outreach and community (outcomes/wired.py), on hand-built rows whose
answers are worked out in the tests, and checked where a manager reads them: on the dashboard page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import time_machine
from django.urls import reverse

import eligibility
from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Case, Entitlement, Inquiry
from mizui.community.tests.factories import make_initiative
from mizui.outreach.models import (
    BatchRun,
    CampaignTarget,
    Group,
    PopulationMember,
    ScreenedHousehold,
    TargetStatus,
    UnclaimedRight,
)
from mizui.outreach.services import batch, lists
from mizui.outreach.tests.factories import make_campaign, make_import
from mizui.test import MizuiTestCase, login, make_case, make_inquiry, make_resident

NOW = dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC)
d = dt.date
PERIOD = {"start": "2026-01", "end": "2026-06"}


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC)


def coded_inquiry(authority: Authority, day: dt.date, code: str, case: Case | None = None) -> Inquiry:
    item: Inquiry = make_inquiry(authority, event_code=code)
    with tenant_context(authority):
        resident = case.resident if case is not None else None
        Inquiry.objects.filter(pk=item.pk).update(created_at=at(day), case=case, resident=resident)
    return item


def ledger_row(case: Case, program: str, **fields: Any) -> Entitlement:
    return Entitlement.objects.create(
        authority=case.authority,
        household=case.household,
        case=case,
        program=program,
        agency="nii",
        **{"identified_on": dt.date(2026, 1, 5), **fields},
    )


@time_machine.travel(NOW, tick=False)
class EventAttributionOnTheDashboardTests(MizuiTestCase):
    def test_it_shows_an_events_inquiries_cases_and_confirmed_money(self) -> None:
        event = make_initiative(self.a, title="דוכן זכויות בשוק", held_on=d(2026, 3, 10))
        case = make_case(self.a, lawyer=self.dana)
        with tenant_context(self.a):
            Entitlement.objects.filter(case=case).delete()  # make_case's default (estimated) row
            ledger_row(case, "income_support", stage="paid", decision="approved", basis="confirmed",
                       evidence="מכתב החלטה", monthly_amount=Decimal(1500), retroactive_amount=Decimal(3000),
                       one_off_amount=Decimal(400), decided_on=d(2026, 4, 1), paid_on=d(2026, 5, 1))  # fmt: skip
            # Not realized: an estimate, and a confirmed denial.
            ledger_row(case, "rent_assistance", stage="decided", decision="approved", monthly_amount=Decimal(900))
            ledger_row(case, "electricity", stage="decided", decision="denied", basis="confirmed",
                       evidence="מכתב דחייה", monthly_amount=Decimal(700))  # fmt: skip
        coded_inquiry(self.a, d(2026, 3, 10), event.code, case=case)
        coded_inquiry(self.a, d(2026, 3, 12), event.code)
        coded_inquiry(self.a, d(2026, 4, 2), event.code)
        coded_inquiry(self.a, d(2025, 11, 2), event.code)  # before the period: not counted
        make_inquiry(self.a)  # no code: not attributed to anything
        login(self.client, self.michal)
        response = self.client.get(reverse("outcomes:dashboard"), PERIOD)
        self.assertEqual(response.status_code, 200)
        # 3 inquiries in Jan–Jun 2026, one became a case; confirmed and not denied: ₪1,500 a month, and
        # ₪400 one-off + ₪3,000 retroactive = ₪3,400 paid once.
        self.assertInHTML(
            f'<tr data-event="{event.code}"><th scope="row">דוכן זכויות בשוק</th><td><bdi>{event.code}</bdi></td>'
            '<td>3</td><td>1</td><td><bdi dir="ltr">₪1,500</bdi></td><td><bdi dir="ltr">₪3,400</bdi></td></tr>',
            response.content.decode(),
        )

    def test_another_authoritys_inquiries_with_the_same_code_do_not_count(self) -> None:
        event = make_initiative(self.a, title="סדנה", held_on=d(2026, 2, 1))
        coded_inquiry(self.a, d(2026, 2, 1), event.code)
        coded_inquiry(self.b, d(2026, 2, 1), event.code)
        login(self.client, self.michal)
        response = self.client.get(reverse("outcomes:dashboard"), PERIOD)
        [row] = [e for e in response.context["community"].events if e.code == event.code]
        self.assertEqual((row.inquiries, row.cases, row.money.monthly), (1, 0, Decimal(0)))


def unclaimed_counts(authority: Authority, run: BatchRun) -> dict[str, int]:
    """Households a run lists as owed each right (eligible on their facts) and not receiving it."""
    with tenant_context(authority):
        rows = UnclaimedRight.objects.for_authority(authority).filter(run=run, status="eligible")
        return {p: rows.filter(program=p).count() for p in set(rows.values_list("program", flat=True))}


def people_owed(authority: Authority, run: BatchRun, program: str, limit: int | None = None) -> dict[int, Any]:
    """The contact details of the households a run lists as owed ``program`` (the first ``limit`` by key)."""
    with tenant_context(authority):
        owed = UnclaimedRight.objects.for_authority(authority).filter(run=run, program=program, status="eligible")
        keys = sorted(owed.values_list("household_key", flat=True))[:limit]
        contacts = list(
            ScreenedHousehold.objects.for_authority(authority)
            .filter(run=run, household_key__in=keys)
            .values_list("contact", flat=True)
        )
        return lists.contacts(authority, contacts)


def put_on_ledger(authority: Authority, person: dict[str, Any], program: str, **fields: Any) -> Entitlement:
    """The person becomes a resident with a case at the center, and ``program`` a row on its ledger."""
    resident = make_resident(authority, id_number=person["id_number"])
    with tenant_context(authority):
        case = Case.objects.create(authority=authority, household=resident.household, resident=resident)
        return ledger_row(case, program, **fields)


def screen(authority: Authority) -> BatchRun:
    with tenant_context(authority):
        run = batch.start_run(None, authority=authority, as_of=d(2026, 6, 1))
    return batch.execute_run(run)


@time_machine.travel(NOW, tick=False)
class TakeUpOnTheDashboardTests(MizuiTestCase):
    def test_it_divides_households_receiving_by_those_plus_the_latest_runs_estimate(self) -> None:
        make_import(self, self.a, households=40, run=True)
        first = screen(self.a)
        program, eligible = max(unclaimed_counts(self.a, first).items(), key=lambda item: (item[1], item[0]))
        self.assertGreaterEqual(eligible, 3, "the synthetic population should owe some right to 3 households")
        people = people_owed(self.a, first, program, limit=3)
        # Three of those households are now on the center's ledger: one paid, one approved, one claim submitted.
        stages = (("paid", "approved"), ("decided", "approved"), ("submitted", ""))
        for (_pk, person), (stage, decision) in zip(sorted(people.items()), stages, strict=True):
            put_on_ledger(self.a, person, program, stage=stage, decision=decision, monthly_amount=Decimal(1000))
        screen(self.a)  # the latest run no longer counts them as unclaimed
        login(self.client, self.michal)
        response = self.client.get(reverse("outcomes:dashboard"), PERIOD)
        # receiving 2 ÷ (2 receiving + 1 in progress + the other eligible - 3 still unclaimed): the submitted claim
        # stays in the denominator though the batch no longer lists it.
        rate = (Decimal(200) / eligible).quantize(Decimal("0.1"))
        label = {p["id"]: p["label"] for p in eligibility.programs("he")}[program]
        self.assertInHTML(
            f'<tr data-program="{program}"><th scope="row">{label}</th><td>2</td><td>1</td><td>{eligible - 3}</td>'
            f'<td><bdi dir="ltr">{rate}%</bdi></td></tr>',
            response.content.decode(),
        )

    def test_a_right_everyone_eligible_now_receives_shows_full_take_up(self) -> None:
        # The run lists only households still unclaimed: when the center has put every one of them on the ledger,
        # the right must still appear (at 100%), not vanish from the table as if it had never been measured.
        make_import(self, self.a, households=40, run=True)
        first = screen(self.a)
        program, eligible = min(unclaimed_counts(self.a, first).items(), key=lambda item: (item[1], item[0]))
        people = people_owed(self.a, first, program)
        self.assertEqual(len(people), eligible)
        for person in people.values():
            put_on_ledger(self.a, person, program, stage="paid", decision="approved", monthly_amount=Decimal(500))
        latest = screen(self.a)
        self.assertNotIn(program, unclaimed_counts(self.a, latest))
        login(self.client, self.michal)
        response = self.client.get(reverse("outcomes:dashboard"), PERIOD)
        label = {p["id"]: p["label"] for p in eligibility.programs("he")}[program]
        self.assertInHTML(
            f'<tr data-program="{program}"><th scope="row">{label}</th><td>{eligible}</td><td>0</td><td>0</td>'
            '<td><bdi dir="ltr">100.0%</bdi></td></tr>',
            response.content.decode(),
        )

    def test_it_says_so_when_no_run_has_finished(self) -> None:
        login(self.client, self.michal)
        response = self.client.get(reverse("outcomes:dashboard"), PERIOD)
        self.assertEqual(response.context["take_up"], [])
        self.assertContains(response, "עדיין לא הסתיימה סריקת אוכלוסייה")


@time_machine.travel(NOW, tick=False)
class CampaignsOnTheDashboardTests(MizuiTestCase):
    def test_it_shows_the_treatment_funnel_and_the_uplift_over_the_holdout(self) -> None:
        make_import(self, self.a, households=8, run=True)
        launched = at(d(2026, 5, 16))
        campaign = make_campaign(self, self.a, name="קצבת הכנסה במזרח", status="launched", launched_at=launched)
        make_campaign(self, self.a, name="קמפיין ישן", status="launched", launched_at=at(d(2025, 6, 1)))
        with tenant_context(self.a):
            members = list(PopulationMember.objects.for_authority(self.a).filter(role="applicant").order_by("pk"))
            people = lists.contacts(self.a, [m.pk for m in members])
        self.assertGreaterEqual(len(members), 6)
        plan = [  # group, status, what the ledger shows since the launch
            (Group.TREATMENT, TargetStatus.RESPONDED, "paid"),
            (Group.TREATMENT, TargetStatus.CONTACTED, "approved"),
            (Group.TREATMENT, TargetStatus.CONTACTED, "submitted"),
            (Group.TREATMENT, TargetStatus.PENDING, ""),
            (Group.HOLDOUT, TargetStatus.HELD_OUT, "estimated"),  # approved, but not confirmed: no take-up
            (Group.HOLDOUT, TargetStatus.HELD_OUT, ""),
        ]
        for member, (group, status, ledger) in zip(members, plan, strict=False):
            with tenant_context(self.a):
                CampaignTarget.objects.create(authority=self.a, campaign=campaign, member=member, group=group,
                                              household_key=member.household_key, stratum="x", status=status,
                                              programs="income_support")  # fmt: skip
            if not ledger:
                continue
            resident = make_resident(self.a, id_number=people[member.pk]["id_number"])
            with tenant_context(self.a):
                case = Case.objects.create(authority=self.a, household=resident.household, resident=resident)
                fields: dict[str, Any] = {"stage": "submitted", "submitted_on": d(2026, 5, 20)}
                if ledger != "submitted":
                    fields.update(stage="decided", decision="approved", decided_on=d(2026, 6, 1),
                                  basis="confirmed", evidence="מכתב החלטה", monthly_amount=Decimal(2000))  # fmt: skip
                if ledger == "paid":
                    fields.update(stage="paid", paid_on=d(2026, 6, 10))
                if ledger == "estimated":
                    fields.update(basis="estimated", evidence="")
                ledger_row(case, "income_support", **fields)
        login(self.client, self.michal)
        response = self.client.get(reverse("outcomes:dashboard"), PERIOD)
        # Treatment: 4 listed, 3 contacted (one of them responded), 3 applied, 2 approved, 1 paid.
        # Confirmed take-up: 2 of 4 treated = 50%, 0 of 2 held out = 0%: 50.0 points of uplift.
        self.assertInHTML(
            '<tr><th scope="row">קצבת הכנסה במזרח <bdi dir="ltr">16.05.2026</bdi></th>'
            '<td>4</td><td>3</td><td>1</td><td>3</td><td>2</td><td>1</td><td><bdi dir="ltr">50.0%</bdi></td></tr>',
            response.content.decode(),
        )
        self.assertEqual([c.name for c in response.context["campaigns"]], ["קצבת הכנסה במזרח"])  # the old one: out


@time_machine.travel(NOW, tick=False)
class GroupSharesOnTheDashboardTests(MizuiTestCase):
    def test_it_shows_each_groups_share_of_the_imported_population_from_the_latest_run(self) -> None:
        from mizui.outreach.tests.test_group_counts import import_people
        from mizui.outreach.tests.test_group_counts import screen as screen_on

        import_people(self.a)  # 10 persons: 4 in elderly households, 4 in single-parent ones, 3 Arabic speakers
        login(self.client, self.michal)
        before = self.client.get(reverse("outcomes:dashboard"), PERIOD).content.decode()
        self.assertInHTML('<tr><th scope="row">אזרחים ותיקים</th><td>0</td><td><bdi dir="ltr">—</bdi></td>'
                          '<td><bdi dir="ltr">—</bdi></td></tr>', before)  # no run yet  # fmt: skip
        screen_on(self.a, d(2026, 1, 15))
        page = self.client.get(reverse("outcomes:dashboard"), PERIOD).content.decode()
        for label, share in (("אזרחים ותיקים", "40.0%"), ("הורים יחידים", "40.0%"), ("דוברי ערבית", "30.0%")):
            self.assertInHTML(f'<tr><th scope="row">{label}</th><td>0</td><td><bdi dir="ltr">—</bdi></td>'
                              f'<td><bdi dir="ltr">{share}</bdi></td></tr>', page)  # fmt: skip
        login(self.client, self.boaz)  # another authority: nothing imported, no share
        other = self.client.get(reverse("outcomes:dashboard"), PERIOD).content.decode()
        self.assertNotIn("40.0%", other)
