"""Batch screening, lists, campaigns with a holdout, safe contact, responses, the funnel and the uplift."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from decimal import Decimal

from django.db.models import Count
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import AccessAction, AccessLog, Authority
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Case, Entitlement, InquiryChannel
from mizui.lib.messaging import LocMemSMSBackend
from mizui.outreach.models import (
    BatchRun,
    Campaign,
    CampaignTarget,
    Contact,
    Group,
    PopulationMember,
    RunStatus,
    ScreenedHousehold,
    TargetStatus,
    Tier,
    UnclaimedRight,
)
from mizui.outreach.services import batch, campaigns, likelihood, lists, measure
from mizui.outreach.tests.factories import make_campaign, make_import
from mizui.test import MizuiTestCase, login, make_resident

AS_OF = dt.date(2026, 1, 15)


def screen(authority) -> BatchRun:
    with tenant_context(authority):
        run = batch.start_run(None, authority=authority, as_of=AS_OF)
    return batch.execute_run(run)


class HoldoutTests(MizuiTestCase):
    def test_it_draws_the_same_share_in_every_stratum_from_the_seed(self) -> None:
        items = [(f"k{i}", "income_support|א") for i in range(100)] + [(f"m{i}", "electricity|ב") for i in range(40)]
        chosen = campaigns.assign_holdout(items, 20, seed=42)
        per = Counter(stratum for key, stratum in items if key in chosen)
        self.assertIn(per["income_support|א"], (20,))
        self.assertIn(per["electricity|ב"], (8,))
        self.assertEqual(chosen, campaigns.assign_holdout(list(reversed(items)), 20, seed=42))
        self.assertNotEqual(chosen, campaigns.assign_holdout(items, 20, seed=43))

    def test_it_rounds_small_strata_at_random_not_always_down(self) -> None:
        items = [(f"s{s}-{i}", f"s{s}") for s in range(200) for i in range(3)]  # 3 × 10% = 0.3 each
        chosen = campaigns.assign_holdout(items, 10, seed=7)
        self.assertTrue(40 <= len(chosen) <= 80, len(chosen))  # expected 60


@override_settings(SMS_BACKEND="mizui.lib.messaging.LocMemSMSBackend")
class CampaignTests(MizuiTestCase):
    batch_run: BatchRun

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        make_import(cls, cls.a, households=400, run=True)
        cls.batch_run = screen(cls.a)

    def setUp(self) -> None:
        LocMemSMSBackend.outbox.clear()

    def test_the_batch_run_finds_households_with_money_and_confidence(self) -> None:
        self.assertEqual(self.batch_run.status, RunStatus.DONE)
        self.assertEqual(self.batch_run.households, 400)
        with tenant_context(self.a):
            listed = ScreenedHousehold.objects.for_authority(self.a).filter(run=self.batch_run)
            candidates = UnclaimedRight.objects.for_authority(self.a).filter(run=self.batch_run)
            eligible = candidates.filter(status="eligible")
            # Owed: eligible on their facts; the lists also hold those a right may be owed to.
            self.assertEqual(eligible.values("household_key").distinct().count(), self.batch_run.households_owed)
            self.assertGreater(self.batch_run.households_owed, 0)
            self.assertGreater(listed.count(), self.batch_run.households_owed)
            self.assertEqual(set(candidates.values_list("status", flat=True)), {"eligible", "maybe"})
            richest = listed.order_by("-annual").first()
            assert richest is not None
            rights = eligible.filter(household_key=richest.household_key)
            self.assertEqual(sum(r.annual for r in rights), richest.annual)
            self.assertIn(richest.confidence, {"official", "secondary", "stale"})
            self.assertEqual(richest.monthly * 12 <= richest.annual, True)
            # Each candidate's expected money is its probability times a year and the back pay.
            for right in candidates.filter(household_key=richest.household_key):
                self.assertAlmostEqual(
                    float(right.expected), float(right.probability * (right.annual + right.retroactive)), delta=0.02
                )
            # A "maybe" one answer decides names that question.
            self.assertTrue(candidates.filter(tier="one_fact").exists())
            self.assertFalse(candidates.filter(tier="one_fact", to_verify="").exists())
            # One whose usual answer refuses it (is anyone in the household blind?) is not a call of its own.
            self.assertFalse(candidates.filter(program="arnona_blind").exclude(tier="open").exists())

    def test_lists_filter_by_right_and_sort_by_expected_money(self) -> None:
        with tenant_context(self.a):
            program = (
                UnclaimedRight.objects.for_authority(self.a)
                .filter(run=self.batch_run)
                .values_list("program", flat=True)
                .first()
            )
            assert program is not None
            page = lists.page(self.batch_run, lists.Segment(program=program), 1, "he")
            amounts = [row["expected"] for row in page.object_list]
            self.assertEqual(amounts, sorted(amounts, reverse=True))
            self.assertEqual(
                len(amounts),
                min(lists.PAGE, lists.summary(self.batch_run, lists.Segment(program=program))["households"]),
            )

    def test_the_list_page_shows_what_to_verify_and_folds_the_rights_with_several_facts_open(self) -> None:
        login(self.client, self.michal)
        html = self.client.get(reverse("outreach:lists")).content.decode()
        self.assertIn('data-tier="eligible"', html)
        self.assertIn('data-tier="one_fact"', html)
        self.assertNotIn('data-tier="open"', html)  # folded, not one line each
        self.assertIn("data-open", html)
        with tenant_context(self.a):
            shown = lists.page(self.batch_run, lists.Segment(), 1, "he").object_list
        to_verify = [r["to_verify"] for row in shown for r in row["rights"] if r["tier"] == "one_fact"]
        self.assertTrue(to_verify)
        self.assertIn(f"לברר {to_verify[0]}", html)  # the question, in words

    def _launched(self, channel: str = "sms", holdout: int = 25) -> Campaign:
        campaign = make_campaign(self, self.a, channel=channel, holdout_percent=holdout, seed=11)
        with tenant_context(self.a):
            campaigns.launch(self.michal, campaign)
        return campaign

    def test_sms_never_reaches_the_holdout_nor_those_who_opted_out(self) -> None:
        campaign = self._launched()
        with tenant_context(self.a):
            treated = list(campaign.targets.filter(group=Group.TREATMENT).select_related("member").order_by("pk"))
            no_sms, sensitive = treated[0], treated[1]
            PopulationMember.objects.filter(pk=no_sms.member_id).update(no_sms=True)
            id_number = lists.contacts(self.a, [sensitive.member_id])[sensitive.member_id]["id_number"]
        make_resident(self.a, id_number=id_number, sensitivity="domestic_violence")
        with tenant_context(self.a):
            sent = campaigns.send_sms(self.dana, campaign)
            targets = list(CampaignTarget.objects.for_authority(self.a).filter(campaign=campaign))
            holdout = [t for t in targets if t.group == Group.HOLDOUT]
            phones = {m.to for m in LocMemSMSBackend.outbox}
            holdout_phones = {p["phone"] for p in lists.contacts(self.a, [t.member_id for t in holdout]).values()}
            self.assertTrue(holdout)
            self.assertFalse(phones & holdout_phones)
            self.assertFalse(Contact.objects.filter(target__in=holdout).exists())
            self.assertEqual(sent, len(LocMemSMSBackend.outbox))
            self.assertEqual(sent, len(treated) - 2)
            for target in (no_sms, sensitive):
                target.refresh_from_db()
                self.assertEqual(target.status, TargetStatus.SKIPPED)
            self.assertEqual(campaigns.send_sms(self.dana, campaign), 0)  # nobody twice
            exported = AccessLog.objects.filter(action=AccessAction.EXPORT, object_type="population_member").count()
            self.assertEqual(exported, sent)

    def test_letters_are_a_mail_merged_rtl_pdf(self) -> None:
        campaign = self._launched(channel="letter")
        with tenant_context(self.a):
            letters = campaigns.letters(self.dana, campaign)
            pdf = campaigns.letters_pdf(self.dana, campaign)
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertTrue(letters)
        self.assertNotIn("{name}", letters[0]["body"])
        self.assertIn(letters[0]["name"], letters[0]["body"])

    def test_a_response_becomes_an_outreach_inquiry_and_moves_the_funnel(self) -> None:
        campaign = self._launched(channel="phone")
        with tenant_context(self.a):
            target = (
                CampaignTarget.objects.for_authority(self.a).filter(campaign=campaign, group=Group.TREATMENT).first()
            )
            assert target is not None
            campaigns.log_contact(self.dana, target, outcome="reached")
            inquiry = campaigns.record_response(self.dana, target)
            funnel = measure.campaign_funnel(campaign)
            held = CampaignTarget.objects.for_authority(self.a).filter(campaign=campaign, group=Group.HOLDOUT).first()
            assert held is not None
            with self.assertRaises(campaigns.CampaignError):
                campaigns.log_contact(self.dana, held, outcome="reached")
            total = campaign.targets.count()
        self.assertEqual(inquiry.channel, InquiryChannel.OUTREACH)
        self.assertEqual((funnel["contacted"], funnel["responded"]), (1, 1))
        self.assertEqual(funnel["list"] + funnel["holdout"], total)

    def test_the_mail_merge_fills_only_named_placeholders(self) -> None:
        text = campaigns.merge(
            "שלום {name} {name.__class__} {annual}",
            {"name": "דנה", "rights": "", "monthly": "", "annual": "₪5", "center": ""},
        )
        self.assertEqual(text, "שלום דנה {name.__class__} ₪5")


class UpliftTests(MizuiTestCase):
    """A hand-built ledger: 20 treatment households (8 confirmed awards, 2 approved but only estimated, 1
    confirmed award of a right the campaign did not target), 10 holdout households (1 confirmed award)."""

    def test_it_measures_confirmed_awards_only(self) -> None:
        make_import(self, self.a, households=30, run=True)
        campaign = make_campaign(self, self.a, channel="phone", status="launched")
        launched = timezone.now() - dt.timedelta(days=30)
        with tenant_context(self.a):
            campaign.launched_at = launched
            campaign.save(update_fields=["launched_at"])
            applicants = list(PopulationMember.objects.for_authority(self.a).filter(role="applicant").order_by("pk"))[
                :30
            ]
            people = lists.contacts(self.a, [m.pk for m in applicants])
        self.assertEqual(len(applicants), 30)
        decided = timezone.localdate() - dt.timedelta(days=5)
        for i, member in enumerate(applicants):
            group = Group.TREATMENT if i < 20 else Group.HOLDOUT
            with tenant_context(self.a):
                CampaignTarget.objects.create(
                    authority=self.a, campaign=campaign, member=member, household_key=member.household_key,
                    group=group, stratum="x", programs="income_support",
                )  # fmt: skip
            if i < 8 or i == 20:
                self._award(people[member.pk]["id_number"], "income_support", confirmed=True, decided=decided)
            elif i in (8, 9):
                self._award(people[member.pk]["id_number"], "income_support", confirmed=False, decided=decided)
            elif i == 10:
                self._award(people[member.pk]["id_number"], "electricity", confirmed=True, decided=decided)
            elif i == 11:  # confirmed, but decided before the campaign began
                self._award(
                    people[member.pk]["id_number"], "income_support", confirmed=True, decided=dt.date(2020, 1, 1)
                )
        with tenant_context(self.a):
            uplift = measure.campaign_uplift(campaign)
            funnel = measure.campaign_funnel(campaign)
        pt, ph = 8 / 20, 1 / 10
        se = math.sqrt(pt * (1 - pt) / 20 + ph * (1 - ph) / 10)
        self.assertEqual(
            (uplift.treatment, uplift.treatment_takers, uplift.holdout, uplift.holdout_takers), (20, 8, 10, 1)
        )
        self.assertAlmostEqual(uplift.difference or 0, 0.3)
        low, high = uplift.interval or (0, 0)
        self.assertAlmostEqual(low, 0.3 - 1.96 * se, places=3)
        self.assertAlmostEqual(high, 0.3 + 1.96 * se, places=3)
        self.assertEqual(funnel["approved"], 10)  # the estimated approvals are approvals, but not take-up

    def _award(self, id_number: str, program: str, *, confirmed: bool, decided: dt.date) -> None:
        award(self.a, id_number, program, confirmed=confirmed, decided=decided)


class CalibrationTests(MizuiTestCase):
    """Outcomes move a right's probability away from its tier's prior, and the next run ranks by it."""

    def _award(self, id_number: str, program: str, *, confirmed: bool, decided: dt.date) -> None:
        award(self.a, id_number, program, confirmed=confirmed, decided=decided)

    def test_outcomes_calibrate_the_probability_the_next_run_uses_and_the_list_shows_it(self) -> None:
        make_import(self, self.a, households=200, run=True)
        first = screen(self.a)
        with tenant_context(self.a):
            right = (
                UnclaimedRight.objects.for_authority(self.a)
                .filter(run=first)
                .values("program", "tier")
                .annotate(n=Count("id"))
                .order_by("-n")
                .first()
            )
            assert right is not None and right["n"] >= 10
            program, tier = right["program"], right["tier"]
            keys = list(
                UnclaimedRight.objects.for_authority(self.a)
                .filter(run=first, program=program, tier=tier)
                .order_by("pk")
                .values_list("household_key", flat=True)[:10]
            )
            contacts = dict(
                ScreenedHousehold.objects.filter(run=first, household_key__in=keys).values_list(
                    "household_key", "contact_id"
                )
            )
            campaign = make_campaign(self, self.a, channel="phone", status="launched", run=first)
            campaign.launched_at = timezone.now() - dt.timedelta(days=30)
            campaign.save(update_fields=["launched_at"])
            people = lists.contacts(self.a, list(contacts.values()))
        decided = timezone.localdate() - dt.timedelta(days=5)
        for i, key in enumerate(keys):
            with tenant_context(self.a):
                CampaignTarget.objects.create(
                    authority=self.a, campaign=campaign, member_id=contacts[key], household_key=key,
                    group=Group.TREATMENT, stratum="x", programs=program,
                    status=TargetStatus.CONTACTED if i < 8 else TargetStatus.PENDING,
                )  # fmt: skip
            if i < 6:  # six of the eight reached got it; one of the two never reached got it too (not counted)
                self._award(people[contacts[key]]["id_number"], program, confirmed=True, decided=decided)
        with tenant_context(self.a):
            found = likelihood.calibrations(self.a)[(program, tier)]
        self.assertEqual((found.contacted, found.confirmed), (8, 6))
        prior = likelihood.PRIORS[Tier(tier)]
        expected = (6 + prior * likelihood.PRIOR_WEIGHT) / (8 + likelihood.PRIOR_WEIGHT)
        self.assertAlmostEqual(found.probability, expected)
        self.assertNotAlmostEqual(found.probability, prior, places=2)

        second = screen(self.a)
        with tenant_context(self.a):
            probabilities = set(
                UnclaimedRight.objects.for_authority(self.a)
                .filter(run=second, program=program, tier=tier)
                .values_list("probability", flat=True)
            )
            others = set(
                UnclaimedRight.objects.for_authority(self.a)
                .filter(run=second, tier=tier)
                .exclude(program=program)
                .values_list("probability", flat=True)
            )
        self.assertEqual({round(float(p), 3) for p in probabilities}, {round(expected, 3)})
        # Other rights keep the prior, or less where a right that opens them is itself only likely (its chance).
        self.assertTrue(all(0 < round(float(p), 3) <= round(prior, 3) for p in others), others)
        login(self.client, self.michal)
        html = self.client.get(reverse("outreach:lists")).content.decode()
        self.assertIn("data-calibrations", html)
        self.assertIn(f"{round(expected * 100)}%", html)
        self.assertIn("(אושרה ל-6 מתוך 8 משקי בית שהגענו אליהם)", html)


def award(authority: Authority, id_number: str, program: str, *, confirmed: bool, decided: dt.date) -> None:
    """A right decided on the ledger of a resident with this ID number (confirmed by a document, or estimated)."""
    resident = make_resident(authority, id_number=id_number)
    with tenant_context(authority):
        case = Case.objects.create(authority=authority, household=resident.household, resident=resident, topic="x")
        Entitlement.objects.create(
            authority=authority, household=resident.household, case=case, program=program, agency="nii",
            stage="decided", decision="approved", submitted_on=decided, decided_on=decided,
            monthly_amount=Decimal(1000), identified_on=decided,
            basis="confirmed" if confirmed else "estimated", evidence="document:1" if confirmed else "",
        )  # fmt: skip
