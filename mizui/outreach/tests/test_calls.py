"""A phone campaign's call: the deciding questions in the resident's language, answers that re-screen the household,
and a confirmed right on the ledger of a case opened from an outreach inquiry."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import time_machine
from django.urls import reverse

from mizui.accounts.models import AccessAction, AccessLog, Authority
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Case, Entitlement, Inquiry, InquiryChannel
from mizui.outreach import synthetic
from mizui.outreach.models import BatchRun, CampaignTarget, Contact, Group, PopulationMember, TargetStatus
from mizui.outreach.services import batch, calls, campaigns
from mizui.outreach.services.importer import FROM, run_import, start_import
from mizui.outreach.tests.factories import make_campaign, make_source
from mizui.test import MizuiTestCase, login

TODAY = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
HEADER = ["id_number", "full_name", "phone", "language", "household_id", "role", "birth_date", "sex"]
HEADER += ["marital_status", "employment", "tenure", "receives", "address"]


def family(language: str = "ar") -> list[list[str]]:
    """A divorced mother of three who works, renting, in Arabic: the file has no income and says nothing of other
    property, so the work grant is open on two questions."""
    mother = [synthetic.id_number(901), "רנא חורי", "0521234567", language, "F1", "applicant", "1988-03-10"]
    mother += ["female", "divorced", "employed", "renter", "child_allowance", "הרצל 5"]
    children = [
        [synthetic.id_number(902 + i), f"ילד {i}", "", language, "F1", "child", f"201{2 + 2 * i}-05-01", "male"]
        + ["", "", "renter", "", "הרצל 5"]
        for i in range(3)
    ]
    return [mother, *children]


def import_and_target(t: Any, authority: Authority, rows: list[list[str]], channel: str = "phone") -> CampaignTarget:
    source = make_source(authority, "רווחה", mapping={c: c for c in HEADER})
    with tenant_context(authority):
        item, _ = start_import(
            None,
            authority=authority,
            source=source,
            name="welfare.csv",
            fileobj=io.BytesIO(synthetic.csv_bytes(rows, HEADER)),
        )
    run_import(item)
    with tenant_context(authority):
        run = batch.start_run(None, authority=authority, as_of=TODAY.date())
    batch.execute_run(run)
    campaign = make_campaign(t, authority, channel=channel, holdout_percent=0, message_ar="مرحبا {name}")
    with tenant_context(authority):
        campaigns.launch(t.michal, campaign)
        target = CampaignTarget.objects.for_authority(authority).get(campaign=campaign)
    return target


@time_machine.travel(TODAY, tick=False)
class CallTests(MizuiTestCase):
    def setUp(self) -> None:
        self.target = import_and_target(self, self.a, family())

    def test_the_caller_sees_the_deciding_questions_in_the_residents_language(self) -> None:
        login(self.client, self.dana)
        html = self.client.get(reverse("outreach:target-call", args=[self.target.pk])).content.decode()
        self.assertIn("مرحبا רנא חורי", html)  # the campaign's Arabic script, merged
        with tenant_context(self.a):
            state = calls.call_state(self.target)
        keys = [ask.key for ask in state.asks]
        self.assertIn(f"{self.target.member_id}__income_work", keys)
        self.assertIn("household__owns_other_property", keys)
        # The mother's income is asked, not the children's (the rules read a child's income as none).
        self.assertEqual(sum(key.endswith("__income_work") for key in keys), 1)
        # In Arabic, marked as Arabic, with the Hebrew beside it for the record.
        work = next(ask for ask in state.asks if ask.key.endswith("__income_work"))
        self.assertIn(f'<span lang="ar" dir="rtl">{calls.question_text(work, "ar")}</span>', html)
        self.assertIn(calls.question_text(work, "he"), html)
        self.assertTrue(
            AccessLog.objects.filter(
                action=AccessAction.VIEW, object_type="population_member", object_id=str(self.target.member_id)
            ).exists()
        )

    def test_two_answers_rescreen_the_household_and_a_confirmed_right_lands_on_the_ledger(self) -> None:
        login(self.client, self.dana)
        url = reverse("outreach:target-call", args=[self.target.pk])
        with tenant_context(self.a):
            before = calls.call_state(self.target)
        self.assertEqual(next(p for p in before.result["programs"] if p["id"] == "work_grant")["status"], "maybe")
        answers = {f"{self.target.member_id}__income_work": "5000", "household__owns_other_property": "no"}
        response = self.client.post(url, answers, follow=True)
        html = response.content.decode()
        self.assertIn('data-program="work_grant"', html)  # now among what is owed
        with tenant_context(self.a):
            record = json.loads(PopulationMember.objects.get(pk=self.target.member_id).data)
            self.target.refresh_from_db()
            reached = Contact.objects.filter(target=self.target, outcome="reached").count()
        self.assertEqual((record["income_work"], record["owns_other_property"]), (5000.0, False))
        self.assertEqual(record[FROM]["income_work"], ["2026-12-07", calls.CALL_PRECEDENCE, calls.CALL_SOURCE])
        self.assertEqual(self.target.status, TargetStatus.CONTACTED)
        self.assertEqual(reached, 1)

        response = self.client.post(reverse("outreach:target-confirm", args=[self.target.pk]), follow=True)
        with tenant_context(self.a):
            case = Case.objects.for_authority(self.a).get()
            inquiry = Inquiry.objects.for_authority(self.a).get()
            ledger = set(Entitlement.objects.for_authority(self.a).filter(case=case).values_list("program", flat=True))
            self.target.refresh_from_db()
        self.assertRedirects(response, reverse("cases:case", args=[case.pk]))
        self.assertEqual(inquiry.channel, InquiryChannel.OUTREACH)
        self.assertEqual(inquiry.case_id, case.pk)
        self.assertIn("work_grant", ledger)
        self.assertEqual(case.resident.full_name, "רנא חורי")
        self.assertEqual(self.target.status, TargetStatus.RESPONDED)

    def test_an_empty_call_form_is_refused_with_a_message_and_nothing_is_written(self) -> None:
        login(self.client, self.dana)
        with tenant_context(self.a):
            before = PopulationMember.objects.get(pk=self.target.member_id).data
        html = self.client.post(reverse("outreach:target-call", args=[self.target.pk]), {}).content.decode()
        self.assertIn("נא לרשום לפחות תשובה אחת", html)
        self.assertIn("<title>שגיאה:", html)
        with tenant_context(self.a):
            self.assertEqual(PopulationMember.objects.get(pk=self.target.member_id).data, before)
            self.assertFalse(Contact.objects.filter(target=self.target).exists())

    def test_nothing_is_confirmed_before_a_right_is_and_a_holdout_is_never_called(self) -> None:
        login(self.client, self.dana)
        with tenant_context(self.a):
            state = calls.call_state(self.target)
        if not state.programs("eligible"):
            response = self.client.post(reverse("outreach:target-confirm", args=[self.target.pk]), follow=True)
            self.assertContains(response, "עדיין אין זכות שאושרה")
        with tenant_context(self.a):
            CampaignTarget.objects.filter(pk=self.target.pk).update(group=Group.HOLDOUT)
        response = self.client.get(reverse("outreach:target-call", args=[self.target.pk]), follow=True)
        self.assertContains(response, "רק למשק בית בקבוצת הפנייה")
        with tenant_context(self.a):
            self.assertFalse(Case.objects.for_authority(self.a).exists())

    def test_a_volunteer_and_another_authority_cannot_open_the_call(self) -> None:
        login(self.client, self.yael)  # a volunteer of the same authority
        self.assertIn(self.client.get(reverse("outreach:target-call", args=[self.target.pk])).status_code, (403, 404))
        login(self.client, self.omar)  # a lawyer of another authority
        self.assertEqual(self.client.get(reverse("outreach:target-call", args=[self.target.pk])).status_code, 404)
        self.assertFalse(BatchRun.objects.filter(authority=self.b).exists())


class HouseholdOfRecordsTests(MizuiTestCase):
    def test_household_facts_come_from_the_first_member_who_gives_them_and_nothing_is_guessed(self) -> None:
        members = [
            calls.Member(
                1, "applicant", {"birth_date": "1980-01-01", "income_work": 0.0, "receives": "x;child_allowance"}
            ),
            calls.Member(2, "child", {"birth_date": "2015-01-01", "tenure": "renter", "rent_monthly": 3000.0}),
        ]
        household = calls.to_household(members, "ashdod-test")
        self.assertEqual(household["housing"], {"tenure": "renter", "rent_monthly": 3000.0})
        applicant = household["members"][0]
        self.assertEqual(applicant["income"], {"work": 0.0})
        self.assertEqual(applicant["receives"], ["child_allowance"])  # a code the rules do not know is left out
        self.assertNotIn("sex", applicant)
        self.assertNotIn("income", household["members"][1])


@time_machine.travel(TODAY, tick=False)
class LetterTests(MizuiTestCase):
    def test_a_letter_names_the_likely_rights_and_what_to_bring_in_the_residents_language(self) -> None:
        import eligibility

        target = import_and_target(self, self.a, family("ar"), channel="letter")
        with tenant_context(self.a):
            letters = campaigns.letters(self.dana, target.campaign)
        (letter,) = letters
        arabic = {p["id"]: p for p in eligibility.programs("ar")}
        top = target.program_list()[0]
        self.assertEqual(letter["rights"][0], arabic[top]["label"])
        self.assertIn(arabic[top]["documents"][0], letter["documents"])
        self.assertEqual(len(letter["documents"]), len(set(letter["documents"])))
        self.assertNotIn(eligibility.programs("he")[0]["label"], letter["rights"])


def test_a_campaign_asks_first_what_its_right_was_presumed_on() -> None:
    # An income-support campaign listed the household by presuming no car and no savings, answers most people give
    # but about half of the poor families a run lists do not: those are the call's first questions, not the last.
    result = {
        "programs": [
            {
                "id": "rent_assistance",
                "status": "maybe",
                "missing": [{"id": "housing.rent_monthly"}],
                "monthly_amount_max": 1200,
            },
            {
                "id": "income_support",
                "status": "maybe",
                "missing": [{"id": "assets.car_value"}, {"id": "assets.financial_assets"}],
                "monthly_amount_max": 2000,
            },
            {"id": "arnona_blind", "status": "maybe", "missing": [{"id": "disability.blind"}]},
        ]
    }
    asks = calls.deciding_questions(result, [], ["income_support"])
    assert [ask.key for ask in asks][:3] == [
        "household__car_value",
        "household__financial_assets",
        "household__rent_monthly",
    ]
    # Without the campaign's right, the presumed answers still come last.
    asks = calls.deciding_questions(result, [], [])
    assert asks[0].key == "household__rent_monthly"
