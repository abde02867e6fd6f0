"""Dependence and mobility: households followed from their first screening on a case to a screening within 12 months,
on hand-built screenings whose answers are worked out by hand below (not by the code under test)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from unittest import mock

import time_machine
from django.test import SimpleTestCase
from django.urls import reverse

from mizui.accounts.models import AccessAction, AccessLog, Authority
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Case, CaseScreening
from mizui.outcomes import followup
from mizui.outcomes.dashboard import figures
from mizui.outcomes.followup import receives_income_support, window_end, work_income
from mizui.outcomes.models import FollowUpFact
from mizui.outcomes.refresh import rebuild
from mizui.outcomes.summary import Filters, summarize
from mizui.screening.models import Channel, Screening
from mizui.screening.services import decode as decode_screening
from mizui.screening.services import store_screening
from mizui.test import MizuiTestCase, login, make_case

NOW = dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC)
d = dt.date
PERIOD = Filters(d(2026, 1, 1), d(2026, 6, 1))
NOT_GIVEN = object()


def household(work: Any = 2000, receives: Any = NOT_GIVEN, *, child: bool = True) -> dict[str, Any]:
    """An applicant (income from work `work`, benefits `receives`; either left out when NOT_GIVEN) and a child
    given no income and no benefits (which the household contract reads as none)."""
    applicant: dict[str, Any] = {"id": "p1", "role": "applicant", "birth_date": "1985-01-01"}
    if work is not NOT_GIVEN:
        applicant["income"] = {"work": work}
    if receives is not NOT_GIVEN:
        applicant["receives"] = receives
    members = [applicant]
    if child:
        members.append({"id": "c1", "role": "child", "birth_date": "2015-01-01"})
    return {"members": members}


def screened(case: Case, day: dt.date, facts: dict[str, Any]) -> Screening:
    """The case's household screened on `day` with these facts, as screen_case stores and links it."""
    result = {"as_of": day.isoformat(), "rules_version": "test", "programs": []}
    authority = case.authority
    stored = store_screening(
        None, authority=authority, household=facts, result=result, channel=Channel.STAFF, language="he"
    )
    with tenant_context(authority):
        Screening.objects.filter(pk=stored.pk).update(
            created_at=dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC)
        )
        CaseScreening.objects.create(authority=authority, case=case, screening=stored)
    return stored


def values(authority: Authority, filters: Filters) -> dict[str, Any]:
    with tenant_context(authority):
        summary = summarize(authority, filters)
    return {figure.kpi.id: (figure.value, figure.display) for _title, items in figures(summary) for figure in items}


class HouseholdFactsTests(SimpleTestCase):
    def test_income_from_work_adds_the_members_and_a_child_given_none_has_none(self) -> None:
        facts = household(2500)
        facts["members"].append({"id": "p2", "role": "partner", "income": {"work": 1500.5}})
        self.assertEqual(work_income(facts), Decimal("4000.5"))

    def test_income_from_work_is_unknown_when_an_adults_amount_was_not_asked(self) -> None:
        self.assertIsNone(work_income(household(NOT_GIVEN)))
        self.assertEqual(work_income(household(0)), 0)

    def test_income_support_is_received_not_received_or_unknown(self) -> None:
        self.assertIs(receives_income_support(household(receives=["income_support", "child_allowance"])), True)
        self.assertIs(receives_income_support(household(receives=["child_allowance"])), False)
        self.assertIs(receives_income_support(household(receives=[])), False)  # "none of these" is an answer
        self.assertIsNone(receives_income_support(household()))  # never asked

    def test_twelve_months_end_on_the_same_day_a_year_later(self) -> None:
        self.assertEqual(window_end(d(2025, 3, 10)), d(2026, 3, 10))
        self.assertEqual(window_end(d(2024, 2, 29)), d(2025, 2, 28))

    def test_the_follow_up_is_the_last_screening_after_90_days_and_within_12_months(self) -> None:
        start = d(2025, 3, 10)
        self.assertIsNone(followup.follow_up(start, [(d(2025, 6, 8), 1)]))  # day 90: part of the intake
        self.assertEqual(followup.follow_up(start, [(d(2025, 6, 9), 1), (d(2026, 3, 10), 2)]), 2)
        self.assertEqual(followup.follow_up(start, [(d(2025, 9, 1), 1), (d(2026, 3, 11), 2)]), 1)  # 2: too late


@time_machine.travel(NOW, tick=False)
class FollowUpKpiTests(MizuiTestCase):
    def setUp(self) -> None:
        start, later = d(2025, 3, 10), d(2025, 11, 10)
        # Twelve households followed up: income from work 2,000 → 3,000 for three, unchanged for eight, 1,500 for
        # one; income support at first for ten, of whom four no longer get it; the last two never got it.
        for i in range(12):
            case = make_case(self.a)
            before = household(2000, ["income_support"] if i < 10 else [])
            after = household(3000 if i < 3 else 1500 if i == 11 else 2000, ["income_support"] if 4 <= i < 10 else [])
            screened(case, start, before)
            if i == 0:  # followed up on another case of the same household
                with tenant_context(self.a):
                    case = Case.objects.create(
                        authority=self.a, household=case.household, resident=case.resident, topic="ליווי חוזר"
                    )
            screened(case, later, after)
        corrected = make_case(self.a)  # screened again 41 days later: a correction of the intake, not a follow-up
        screened(corrected, start, household(2000, ["income_support"]))
        screened(corrected, d(2025, 4, 20), household(5000, []))
        screened(make_case(self.a), start, household())  # never screened again
        unknown = make_case(self.a)  # followed up, but neither income from work nor benefits were asked
        screened(unknown, start, household(2000, ["income_support"]))
        screened(unknown, later, household(NOT_GIVEN))
        late = make_case(self.a)  # screened again after 13 months: its 12 months ended in February, not followed
        screened(late, d(2025, 2, 1), household(1000, ["income_support"]))
        screened(late, d(2026, 3, 1), household(4000, []))
        still_open = make_case(self.a)  # its 12 months end in September: not counted yet
        screened(still_open, d(2025, 9, 1), household(1000, ["income_support"]))
        screened(still_open, d(2026, 5, 1), household(4000, []))
        elsewhere = make_case(self.b)  # B's household never counts at A
        screened(elsewhere, start, household(2000, ["income_support"]))
        screened(elsewhere, later, household(9000, []))
        self.decoded = mock.patch("mizui.outcomes.refresh.decode", wraps=decode_screening)
        decode = self.decoded.start()
        self.addCleanup(self.decoded.stop)
        with tenant_context(self.a):
            rebuild(self.a)
        self.decryptions = decode.call_count

    def test_it_counts_the_households_whose_twelve_months_ended_and_those_followed_up(self) -> None:
        v = values(self.a, PERIOD)
        # 12 followed + the correction, the never-again, the unknown one and the late one: 16; followed 12 + 1.
        self.assertEqual((v["followup_households"][0], v["followup_screened"][0]), (16, 13))
        february = values(self.a, Filters(d(2026, 2, 1), d(2026, 2, 1)))
        self.assertEqual((february["followup_households"][0], february["followup_screened"][0]), (1, 0))

    def test_mobility_is_the_share_whose_income_from_work_rose(self) -> None:
        # Known both times for the twelve (the unknown one is left out): three rose.
        self.assertEqual(values(self.a, PERIOD)["work_income_rose"], (Decimal("25.0"), "25.0%"))

    def test_dependence_is_the_share_that_no_longer_receives_income_support(self) -> None:
        # Ten got it at first and are known at the follow-up (the unknown one is left out): four no longer do.
        self.assertEqual(values(self.a, PERIOD)["income_support_ended"], (Decimal("40.0"), "40.0%"))

    def test_only_a_baseline_and_its_follow_up_are_decrypted(self) -> None:
        self.assertEqual(self.decryptions, 2 * 13)

    def test_a_share_over_fewer_than_ten_households_is_withheld_and_says_so(self) -> None:
        with tenant_context(self.a):
            FollowUpFact.objects.filter(authority=self.a).update(work_compared=9, work_rose=2, support_compared=0)
        v = values(self.a, Filters(d(2026, 3, 1), d(2026, 3, 1)))
        self.assertEqual(v["work_income_rose"], (None, "פחות מ-10 משקי בית"))
        self.assertEqual(v["income_support_ended"], (None, "—"))  # over no household at all

    def test_the_other_authority_counts_only_its_own(self) -> None:
        with tenant_context(self.b):
            rebuild(self.b)
        v = values(self.b, PERIOD)
        self.assertEqual((v["followup_households"][0], v["followup_screened"][0]), (1, 1))
        self.assertEqual(v["work_income_rose"], (None, "פחות מ-10 משקי בית"))

    def test_the_home_lists_the_households_due_to_be_screened_again(self) -> None:
        due = make_case(self.a, full_name="רותם לוי")  # 7 months ago, never again: due by 1.11.2026
        screened(due, d(2025, 11, 1), household())
        recent = make_case(self.a, full_name="נועם ברק")  # 4 months ago: not yet
        screened(recent, d(2026, 2, 10), household())
        login(self.client, self.michal)
        home = self.client.get(reverse("accounts:home")).content.decode()
        panel = home.split('data-worklist="follow-ups"', 1)[1].split("</section>", 1)[0]
        # Not the households followed up already, nor those whose 12 months are over (the correction's ended in March).
        self.assertIn("<bdi>(1)</bdi>", panel)
        self.assertIn("רותם לוי", panel)
        self.assertIn("01.11.2026", panel)
        self.assertIn(reverse("cases:case", kwargs={"pk": due.pk}), panel)
        with tenant_context(self.a):
            listed = AccessLog.objects.filter(user=self.michal, action=AccessAction.VIEW, object_type="follow_up_list")
            self.assertEqual(listed.count(), 1)
        self.assertContains(self.client.get(reverse("accounts:my-activity")), "רשימת משקי הבית לבדיקה חוזרת")
        login(self.client, self.dana)  # a lawyer's home has its own lists
        self.assertNotContains(self.client.get(reverse("accounts:home")), 'data-worklist="follow-ups"')

    def test_the_dashboard_and_the_monthly_report_show_them(self) -> None:
        import io

        from openpyxl import load_workbook

        login(self.client, self.michal)
        page = self.client.get(reverse("outcomes:dashboard"), {"start": "2026-01", "end": "2026-06"})
        self.assertContains(page, 'data-kpi="work_income_rose"')
        self.assertContains(page, "25.0%")
        self.assertContains(page, "אינו מראה שהליווי גרם לו")  # what the figures cannot show
        book = load_workbook(io.BytesIO(self.client.get(reverse("outcomes:report-xlsx"), {"month": "2026-03"}).content))
        rows = {row[3]: row[2] for row in book.worksheets[0].iter_rows(values_only=True) if len(row) > 3}
        # March 2026: the twelve, the correction, the never-again and the unknown one (the late one is February's).
        self.assertEqual(
            (rows["followup_households"], rows["followup_screened"], rows["work_income_rose"]), (15, 13, 25)
        )
