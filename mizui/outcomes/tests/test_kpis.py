"""KPIs on a hand-built ledger whose answers are worked out by hand below (not by the code under test)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import time_machine
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import AccessAction, AccessLog, Authority, Role, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Barrier, Case, Entitlement, Inquiry, Referral, Resident
from mizui.directory.models import Organization, Service
from mizui.outcomes.dashboard import figures
from mizui.outcomes.drill import rows_behind
from mizui.outcomes.kpis import BY_ID
from mizui.outcomes.refresh import rebuild
from mizui.outcomes.summary import Filters, summarize
from mizui.test import MizuiTestCase, login, make_case, make_inquiry, make_membership, make_user

NOW = dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC)
TODAY = dt.date(2026, 6, 15)
d = dt.date
PERIOD = Filters(d(2026, 1, 1), d(2026, 6, 1))


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC)


def ledger_row(case: Case, program: str, agency: str, **fields: Any) -> Entitlement:
    return Entitlement.objects.create(
        authority=case.authority, household=case.household, case=case, program=program, agency=agency, **fields
    )


def inquiry(authority: Authority, day: dt.date, *, case: Case | None = None, **fields: Any) -> Inquiry:
    item: Inquiry = make_inquiry(authority, **fields)
    with tenant_context(authority):
        resident = case.resident if case is not None else None
        Inquiry.objects.filter(pk=item.pk).update(created_at=at(day), case=case, resident=resident)
    return item


def build_ledger(t: Any) -> None:
    """Two households at A. Case 1 (Dana's) came in by walk-in; case 2 by phone, 9 months earlier."""
    t.case1 = make_case(t.a, lawyer=t.dana)
    t.case2 = make_case(t.a, full_name="יוליה קוזלוב", preferred_language="ru")
    with tenant_context(t.a):
        Entitlement.objects.filter(case__in=[t.case1, t.case2]).delete()  # make_case's default row
        money = {"monthly_amount": Decimal(2000), "retroactive_amount": Decimal(6000), "retro_cap_months": 12}
        ledger_row(t.case1, "income_support", "nii", stage="paid", decision="approved", basis="confirmed",
                   evidence="מכתב החלטה", identified_on=d(2026, 1, 10), submitted_on=d(2026, 2, 1),
                   decided_on=d(2026, 3, 5), paid_on=d(2026, 4, 1), **money)  # fmt: skip
        ledger_row(t.case1, "arnona_senior", "municipality", stage="decided", decision="approved",
                   monthly_amount=Decimal(150), one_off_amount=Decimal(500), waived_amount=Decimal(1200),
                   identified_on=d(2026, 1, 20), submitted_on=d(2026, 2, 10), decided_on=d(2026, 3, 20))  # fmt: skip
        ledger_row(t.case2, "rent_assistance", "housing", stage="decided", decision="denied", denial_reason="income",
                   identified_on=d(2026, 2, 1), submitted_on=d(2026, 2, 15), decided_on=d(2026, 4, 10))  # fmt: skip
        ledger_row(t.case2, "old_age_pension", "nii", monthly_amount=Decimal(1800), at_risk_monthly=Decimal(1800),
                   retro_cap_months=12, identified_on=d(2024, 12, 1))  # fmt: skip
        ledger_row(t.case2, "electricity", "iec", stage="dropped", identified_on=d(2026, 3, 1))
    inquiry(t.a, d(2026, 1, 5), case=t.case1, channel="walk_in")  # new
    inquiry(t.a, d(2026, 2, 20), case=t.case1, channel="phone")  # 46 days later: a repeat
    inquiry(t.a, d(2025, 10, 1), case=t.case2, channel="phone")  # new, before the period
    inquiry(t.a, d(2026, 2, 5), case=t.case2, channel="phone")  # 127 days later: returning
    inquiry(t.a, d(2026, 3, 1), channel="walk_in", phone="0521111111")  # new, not linked to a file yet


def build_referrals(t: Any) -> None:
    organization = Organization.objects.create(key="nii-branch-test", name_he="סניף ביטוח לאומי", sla_days=14)
    service = Service.objects.create(key="nii-test", organization=organization, name_he="הבטחת הכנסה")
    with tenant_context(t.a):
        row = Entitlement.objects.get(case=t.case1, program="income_support")
        common = {"authority": t.a, "case": t.case1, "entitlement": row, "service": service, "sent_by": t.dana,
                  "reason": "בדיקה", "token_hash": "x", "expires_at": NOW + dt.timedelta(days=60)}  # fmt: skip
        Referral.objects.create(
            **common, sent_at=at(d(2026, 2, 1)), first_answer_at=at(d(2026, 2, 5)), status="approved"
        )
        Referral.objects.create(
            **common, sent_at=at(d(2026, 2, 10)), first_answer_at=at(d(2026, 3, 10)), status="in_progress"
        )
        Referral.objects.create(**common, sent_at=at(d(2026, 3, 1)), status="sent")  # 106 days, no answer: overdue
        Referral.objects.create(**common, sent_at=at(d(2026, 6, 10)), status="sent")  # 5 days: still waiting
        barrier = {"authority": t.a, "case": t.case1, "recorded_by": t.dana}
        Barrier.objects.create(
            **barrier, agency="nii", kind="delay", occurred_on=d(2026, 2, 1), resolved_on=d(2026, 2, 10)
        )
        Barrier.objects.create(**barrier, agency="housing", kind="form", occurred_on=d(2026, 3, 1))


def values(authority: Authority, filters: Filters) -> dict[str, Any]:
    with tenant_context(authority):
        summary = summarize(authority, filters)
    return {figure.kpi.id: figure.value for _title, items in figures(summary) for figure in items}


@time_machine.travel(NOW, tick=False)
class LedgerKpiTests(MizuiTestCase):
    case1: Case
    case2: Case

    def setUp(self) -> None:
        build_ledger(self)
        build_referrals(self)
        other = make_case(self.b, lawyer=self.omar)  # B's income support row must never count at A
        with tenant_context(self.b):
            Entitlement.objects.filter(case=other).update(
                stage="decided", decision="approved", decided_on=d(2026, 3, 1)
            )
        for authority in (self.a, self.b):
            with tenant_context(authority):
                rebuild(authority)

    def test_it_follows_rights_from_identified_to_paid(self) -> None:
        v = values(self.a, PERIOD)
        # Identified in Jan–Jun 2026: income support, arnona, rent, electricity (old-age pension was Dec 2024).
        self.assertEqual(
            [
                v[k]
                for k in ("rights_identified", "rights_submitted", "rights_approved", "rights_denied", "rights_paid")
            ],
            [4, 3, 2, 1, 1],
        )
        self.assertEqual(v["realization_rate"], Decimal("50.0"))  # 2 of the 4 identified are approved today
        self.assertEqual(v["approval_rate"], Decimal("66.7"))  # 2 approvals of 3 decisions

    def test_it_splits_money_into_confirmed_and_estimated(self) -> None:
        v = values(self.a, PERIOD)
        # Confirmed: income support ₪2,000 a month → ₪24,000 a year, and ₪6,000 paid back.
        self.assertEqual(
            [v[f"money_confirmed_{c}"] for c in ("annual", "one_off", "retroactive", "waived")],
            [Decimal(24000), 0, Decimal(6000), 0],
        )
        # Estimated: arnona ₪150 a month → ₪1,800, a ₪500 one-off, ₪1,200 of debt waived.
        self.assertEqual(
            [v[f"money_estimated_{c}"] for c in ("annual", "one_off", "retroactive", "waived")],
            [Decimal(1800), Decimal(500), 0, Decimal(1200)],
        )

    def test_it_counts_the_retroactive_months_lost(self) -> None:
        # Old-age pension identified 1.12.2024, unclaimed on 15.6.2026: 18 months, 12 can be paid back, 6 are lost.
        v = values(self.a, Filters(d(2024, 12, 1), d(2026, 6, 1)))
        self.assertEqual((v["retro_months_lost"], v["retro_money_lost"]), (6, Decimal(6 * 1800)))
        self.assertEqual(values(self.a, PERIOD)["retro_months_lost"], 0)

    def test_it_takes_medians_from_the_first_contact(self) -> None:
        v = values(self.a, PERIOD)
        # Submissions: 27 and 36 days after 5.1 (case 1), 137 after 1.10.2025 (case 2) → median 36, which is past
        # a month and so counted in its week, the one that starts on day 32 (32–38).
        # Decisions: 59, 74 and 191 days → 74, the first day of the week 74–80 (32 + 6 × 7).
        # First payment: 86 days → the week 81–87.
        self.assertEqual((v["days_to_submission"], v["days_to_decision"], v["days_to_payment"]), (32, 74, 81))

    def test_it_tells_new_returning_and_repeat_contacts_apart(self) -> None:
        v = values(self.a, PERIOD)
        self.assertEqual(
            [v[k] for k in ("inquiries", "new_residents", "returning_residents", "repeat_contacts")], [4, 2, 1, 1]
        )

    def test_it_filters_by_channel_team_member_right_and_agency(self) -> None:
        walk_in = values(self.a, Filters(PERIOD.start, PERIOD.end, channel="walk_in"))
        # Case 1 came in by walk-in: its two rights; inquiries: the walk-ins of Jan 5 and Mar 1.
        self.assertEqual((walk_in["rights_identified"], walk_in["inquiries"]), (2, 2))
        dana = values(self.a, Filters(PERIOD.start, PERIOD.end, staff=self.dana.pk))
        self.assertEqual((dana["rights_identified"], dana["rights_approved"], dana["referrals_sent"]), (2, 2, 4))
        nii = values(self.a, Filters(PERIOD.start, PERIOD.end, agency="nii"))
        self.assertEqual((nii["rights_identified"], nii["money_estimated_annual"]), (1, 0))
        arnona = values(self.a, Filters(PERIOD.start, PERIOD.end, program="arnona_senior"))
        self.assertEqual(arnona["money_estimated_waived"], Decimal(1200))

    def test_it_measures_referrals_loop_closure_and_partner_sla(self) -> None:
        v = values(self.a, PERIOD)
        self.assertEqual((v["referrals_sent"], v["referrals_answered"]), (4, 2))
        self.assertEqual(v["loop_closure"], Decimal("25.0"))  # 1 closed of 4
        self.assertEqual(v["partner_sla"], Decimal("33.3"))  # 1 in time of 2 answered + 1 overdue

    def test_it_counts_barriers_and_reach_by_group(self) -> None:
        v = values(self.a, PERIOD)
        self.assertEqual((v["barriers_recorded"], v["barriers_resolved"]), (2, 1))
        # Resident-months: resident 1 in Jan, Feb, Jun (case opened); resident 2 in Feb and Jun.
        self.assertEqual(v["residents_served"], 5)
        # Both households hold a seniors' right; only resident 2 prefers Russian.
        self.assertEqual((v["reach_elderly"], v["reach_russian"], v["reach_arabic"]), (5, 2, 0))

    def test_it_keeps_each_authority_to_its_own_rows(self) -> None:
        v = values(self.b, PERIOD)
        self.assertEqual((v["rights_identified"], v["rights_approved"], v["inquiries"]), (1, 1, 0))

    def test_its_drill_down_lists_the_rows_behind_each_count(self) -> None:
        with tenant_context(self.a):
            summary = summarize(self.a, PERIOD)
            for kpi_id in ("inquiries", "new_residents", "returning_residents", "repeat_contacts", "rights_identified",
                           "rights_submitted", "rights_approved", "rights_denied", "rights_paid", "referrals_sent",
                           "referrals_answered", "barriers_recorded", "barriers_resolved"):  # fmt: skip
                kpi = BY_ID[kpi_id]
                with self.subTest(kpi=kpi_id):
                    self.assertEqual(rows_behind(self.a, kpi, PERIOD, TODAY).count(), kpi.value(summary))
            long = Filters(d(2024, 12, 1), d(2026, 6, 1))
            lost = list(rows_behind(self.a, BY_ID["retro_months_lost"], long, TODAY).values_list("program", flat=True))
        self.assertEqual(lost, ["old_age_pension"])


@time_machine.travel(NOW, tick=False)
class DashboardPageTests(MizuiTestCase):
    case1: Case
    case2: Case
    analyst: User
    national: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.analyst = make_user("noa@a.test", "נועה אנליסטית")
        make_membership(cls.analyst, cls.a, Role.ANALYST)
        cls.national = make_user("shira@national.test", "שירה בן-דוד")
        make_membership(cls.national, cls.a, Role.NATIONAL)

    def setUp(self) -> None:
        build_ledger(self)
        with tenant_context(self.a):
            rebuild(self.a)

    def test_it_shows_the_figures_with_links_to_the_rows_behind_them(self) -> None:
        login(self.client, self.michal)
        response = self.client.get(reverse("outcomes:dashboard"), {"start": "2026-01", "end": "2026-06"})
        self.assertEqual(response.status_code, 200)
        drill = reverse("outcomes:figure", kwargs={"kpi": "rights_approved"})
        self.assertContains(response, f'href="{drill}?start=2026-01&amp;end=2026-06"')
        self.assertContains(response, "₪24,000")  # confirmed, a year of income support
        self.assertContains(response, 'class="chart"', count=4)  # four charts (each legend swatch is an svg too)
        page = self.client.get(drill, {"start": "2026-01", "end": "2026-06"})
        self.assertContains(page, reverse("cases:case", kwargs={"pk": self.case1.pk}))
        self.assertNotContains(page, reverse("cases:case", kwargs={"pk": self.case2.pk}))  # denied, not approved
        with tenant_context(self.a):
            log = AccessLog.objects.filter(action=AccessAction.VIEW, object_type="outcomes_drilldown").get()
        self.assertEqual((log.user, log.object_id), (self.michal, "rights_approved"))

    def test_it_gives_analysts_aggregates_but_no_lists(self) -> None:
        login(self.client, self.analyst)
        response = self.client.get(reverse("outcomes:dashboard"), {"start": "2026-01", "end": "2026-06"})
        self.assertContains(response, "₪24,000")
        self.assertNotContains(response, reverse("outcomes:figure", kwargs={"kpi": "rights_approved"}))
        drill = self.client.get(reverse("outcomes:figure", kwargs={"kpi": "rights_approved"}))
        self.assertEqual(drill.status_code, 403)

    def test_it_keeps_volunteers_and_the_national_role_off_the_authority_dashboard(self) -> None:
        for user in (self.yael, self.national):
            login(self.client, user)
            with self.subTest(user=user.email):
                self.assertEqual(self.client.get(reverse("outcomes:dashboard")).status_code, 403)
        self.assertEqual(self.client.get(reverse("outcomes:national")).status_code, 200)
        login(self.client, self.michal)
        self.assertEqual(self.client.get(reverse("outcomes:national")).status_code, 403)

    def test_it_shows_another_authority_nothing_of_this_one(self) -> None:
        login(self.client, self.boaz)
        response = self.client.get(reverse("outcomes:dashboard"), {"start": "2026-01", "end": "2026-06"})
        self.assertNotContains(response, "₪24,000")
        self.assertEqual(response.context["sections"][1]["cards"][0]["figure"].value, 0)

    def test_it_reads_a_fixed_number_of_queries_however_large_the_ledger(self) -> None:
        login(self.client, self.michal)
        url = reverse("outcomes:dashboard")
        self.client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as before:
            self.client.get(url)
        extra = make_case(self.a, lawyer=self.dana, full_name="אחמד חורי")
        inquiry(self.a, d(2026, 5, 1), case=extra, channel="outreach")
        with tenant_context(self.a):
            rebuild(self.a)
        with self.assertNumQueries(len(before)):
            self.client.get(url)

    def test_it_reports_the_month_as_xlsx_and_pdf(self) -> None:
        import io

        from openpyxl import load_workbook

        login(self.client, self.analyst)
        response = self.client.get(reverse("outcomes:report-xlsx"), {"month": "2026-03"})
        self.assertEqual(response.status_code, 200)
        book = load_workbook(io.BytesIO(response.content))
        rows = {row[3]: row[2] for row in book.worksheets[0].iter_rows(values_only=True) if len(row) > 3}
        self.assertEqual((rows["rights_approved"], rows["money_confirmed_annual"]), (2, 24000))
        self.assertTrue(book.worksheets[0].sheet_view.rightToLeft)
        pdf = self.client.get(reverse("outcomes:report-pdf"), {"month": "2026-03"})
        self.assertEqual(pdf.status_code, 200)
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        with tenant_context(self.a):
            exports = set(AccessLog.objects.filter(action=AccessAction.EXPORT).values_list("object_id", flat=True))
        self.assertEqual(exports, {"xlsx", "pdf"})

    def test_no_cell_of_the_monthly_report_runs_as_a_formula(self) -> None:
        from mizui.accounts.models import Authority
        from mizui.test import formula_cells

        Authority.objects.filter(pk=self.a.pk).update(name_he="=1+1")
        login(self.client, self.analyst)
        response = self.client.get(reverse("outcomes:report-xlsx"), {"month": "2026-03"})
        self.assertEqual(formula_cells(response.content, "xlsx"), [])

    def test_it_says_when_the_tables_were_refreshed(self) -> None:
        login(self.client, self.michal)
        with tenant_context(self.a):
            Resident.objects.filter(pk=self.case1.resident_id).exists()
        response = self.client.get(reverse("outcomes:dashboard"))
        self.assertContains(response, timezone.localtime(NOW).strftime("%d.%m.%Y"))


@time_machine.travel(NOW, tick=False)
class CommunityOnTheDashboardTests(MizuiTestCase):
    def test_it_shows_volunteer_hours_from_the_community_app(self) -> None:
        from django.utils.module_loading import import_string

        from mizui.community.models import HoursEntry

        volunteer = import_string("mizui.community.tests.factories.make_volunteer")(self.a)
        case = make_case(self.a, lawyer=self.dana)
        with tenant_context(self.a):
            for day, hours in ((d(2026, 2, 3), "2.5"), (d(2026, 3, 4), "4"), (d(2025, 3, 4), "9")):
                HoursEntry.objects.create(authority=self.a, volunteer=volunteer, on=day, hours=Decimal(hours),
                                          activity="documents", case=case, recorded_by=self.michal)  # fmt: skip
            rebuild(self.a)
        login(self.client, self.michal)
        response = self.client.get(reverse("outcomes:dashboard"), {"start": "2026-01", "end": "2026-06"})
        community = response.context["community"]
        # 2.5 + 4 hours in the period (the 9 hours of March 2025 are outside it), one volunteer, one case.
        self.assertEqual(
            (community.volunteer_hours, community.volunteers, community.volunteer_cases), (Decimal("6.5"), 1, 1)
        )
        self.assertContains(response, "data-volunteer-hours")
