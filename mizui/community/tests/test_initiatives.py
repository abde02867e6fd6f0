"""Events with attribution codes (intake records them; KPIs count inquiries and money), the forum's decisions,
follow-ups sent once, barrier evidence, and the national round table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import Role, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import BarrierKind, Decision, Inquiry, Stage
from mizui.cases.services import Step, advance, open_case
from mizui.cases.services.barriers import record_barrier
from mizui.community import reminders
from mizui.community.models import Commitment, Kind
from mizui.community.services import event_attribution
from mizui.community.services.initiatives import add_partner
from mizui.community.tests.factories import make_commitment, make_initiative
from mizui.directory.models import Organization
from mizui.test import MizuiTestCase, login, make_case, make_inquiry, make_membership, make_resident, make_user

TODAY = dt.date(2026, 3, 15)


class AttributionTests(MizuiTestCase):
    def _approved_case_from(self, code: str, amount: int) -> None:
        """An inquiry with `code` becomes a case whose right is approved with a confirmed monthly amount."""
        inquiry = make_inquiry(self.a, event_code=code, phone="0529990001")
        with tenant_context(self.a):
            case = open_case(self.dana, resident=make_resident(self.a), topic="x", inquiry=inquiry)
            from mizui.cases.models import Entitlement

            row = Entitlement.objects.create(
                authority=self.a,
                household=case.household,
                case=case,
                program="income_support",
                agency="nii",
                monthly_amount=Decimal(1500),
                at_risk_monthly=Decimal(1500),
                identified_on=timezone.localdate(),
            )
            on = timezone.localdate()
            advance(self.dana, row, Step(stage=Stage.SUBMITTED, on=on))
            advance(
                self.dana,
                row,
                Step(
                    stage=Stage.DECIDED,
                    on=on,
                    decision=Decision.APPROVED,
                    monthly_amount=Decimal(amount),
                    evidence="מכתב",
                ),
            )

    def test_it_gives_each_event_its_own_code(self) -> None:
        codes = {make_initiative(self.a, title=f"עמדה {i}").code for i in range(20)}
        self.assertEqual(len(codes), 20)
        self.assertTrue(all(code.startswith("K-") for code in codes))

    def test_it_offers_the_codes_at_intake_and_refuses_unknown_ones(self) -> None:
        kiosk = make_initiative(self.a, title="עמדת מידע בשוק")
        other = make_initiative(self.b, title="אירוע בבאר שבע")
        login(self.client, self.dana)
        page = self.client.get(reverse("cases:inquiry-new"))
        self.assertContains(page, f'value="{kiosk.code}"')
        self.assertNotContains(page, other.code)  # another authority's events are not offered
        data = {"channel": "walk_in", "full_name": "סאמר חורי", "phone": "0521234567", "preferred_language": "he"}
        refused = self.client.post(reverse("cases:inquiry-new"), {**data, "event_code": other.code})
        self.assertContains(refused, "קוד האירוע לא מוכר")
        self.client.post(reverse("cases:inquiry-new"), {**data, "event_code": kiosk.code})
        with tenant_context(self.a):
            self.assertEqual(Inquiry.objects.get().event_code, kiosk.code)

    def test_it_records_the_code_from_an_event_link_on_the_public_help_form(self) -> None:
        kiosk = make_initiative(self.a)
        page = self.client.get(f"{reverse('cases:help')}?event={kiosk.code}")
        self.assertContains(page, f'value="{kiosk.code}"')
        data = {
            "authority": self.a.slug,
            "full_name": "נועה לוי",
            "phone": "0521112233",
            "preferred_language": "he",
            "consent_contact": "on",
        }
        self.client.post(reverse("cases:help"), {**data, "event_code": kiosk.code.lower()})
        self.client.post(reverse("cases:help"), {**data, "phone": "0521112234", "event_code": "NOPE-1"})
        with tenant_context(self.a):
            codes = sorted(Inquiry.objects.values_list("event_code", flat=True))
        self.assertEqual(codes, ["", kiosk.code])  # a stale code is dropped, the request for help is not

    def test_it_counts_inquiries_cases_and_confirmed_money_per_event(self) -> None:
        fair = make_initiative(self.a, Kind.AWARENESS, title="ערב זכויות")
        kiosk = make_initiative(self.a, title="עמדת מידע")
        self._approved_case_from(fair.code, 2100)
        make_inquiry(self.a, event_code=fair.code, phone="0529990002")
        make_inquiry(self.a, event_code=kiosk.code, phone="0529990003")
        make_inquiry(self.a, phone="0529990004")  # walked in on their own
        today = timezone.localdate()
        with tenant_context(self.a):
            rows = {r.code: r for r in event_attribution(self.a, today - dt.timedelta(days=30), today)}
        self.assertEqual((rows[fair.code].inquiries, rows[fair.code].cases), (2, 1))
        self.assertEqual(rows[fair.code].money.monthly, Decimal(2100))
        self.assertEqual((rows[kiosk.code].inquiries, rows[kiosk.code].money.monthly), (1, Decimal(0)))
        # The event's page says the same.
        login(self.client, self.michal)
        page = self.client.get(reverse("community:event", kwargs={"pk": fair.pk}))
        self.assertContains(page, "<strong data-inquiries>2</strong>", html=False)
        self.assertContains(page, "₪2,100")

    def test_it_keeps_another_authoritys_inquiries_out_of_the_count(self) -> None:
        kiosk = make_initiative(self.a)
        make_inquiry(self.b, event_code=kiosk.code)  # the same letters typed in another city
        today = timezone.localdate()
        with tenant_context(self.a):
            rows = event_attribution(self.a, today - dt.timedelta(days=1), today)
        self.assertEqual([(r.code, r.inquiries) for r in rows], [(kiosk.code, 0)])


class ForumTests(MizuiTestCase):
    def test_it_records_decisions_with_owner_and_due_date(self) -> None:
        meeting = make_initiative(self.a, Kind.FORUM, title="פורום רבעוני")
        nii = Organization.objects.create(key="nii", name_he="המוסד לביטוח לאומי")
        login(self.client, self.michal)
        url = reverse("community:commitment-add", kwargs={"pk": meeting.pk})
        due = (meeting.held_on + dt.timedelta(days=30)).isoformat()
        self.client.post(url, {"text": "ערוץ ישיר לתיקים תקועים", "owner_organization": nii.pk, "due_on": due})
        self.client.post(url, {"text": "בלי אחראי", "due_on": due})  # refused: nobody owns it
        with tenant_context(self.a):
            self.assertEqual(
                list(Commitment.objects.values_list("text", "owner_organization")),
                [("ערוץ ישיר לתיקים תקועים", nii.pk)],
            )
        page = self.client.get(reverse("community:event", kwargs={"pk": meeting.pk}))
        self.assertContains(page, "ערוץ ישיר לתיקים תקועים")
        self.assertContains(page, "המוסד לביטוח לאומי")

    def test_it_reminds_each_commitment_once(self) -> None:
        with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
            meeting = make_initiative(self.a, Kind.FORUM, title="פורום רבעוני", held_on=dt.date(2026, 3, 1))
            soon = make_commitment(self.a, meeting, due_on=dt.date(2026, 3, 17), owner=self.dana)
            make_commitment(self.a, meeting, due_on=dt.date(2026, 5, 1), owner=self.dana)  # not yet
            partner = Organization.objects.create(key="iec", name_he="חברת החשמל")
            make_commitment(self.a, meeting, due_on=dt.date(2026, 3, 10), owner=None, owner_organization=partner)
        with time_machine.travel(dt.datetime(2026, 3, 15, 9, tzinfo=dt.UTC), tick=False):
            first = reminders.send_follow_ups.call(self.a.pk)
            second = reminders.send_follow_ups.call(self.a.pk)
        self.assertEqual((first, second), (2, 0))
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), ["dana@a.test", "michal@a.test"])  # the organizer
        body = next(m.body for m in mail.outbox if m.to == ["michal@a.test"])
        self.assertIn("חברת החשמל", body)
        with tenant_context(self.a):
            self.assertIsNotNone(Commitment.objects.get(pk=soon.pk).reminded_at)

    def test_it_attaches_barrier_counts_of_the_agencies_present(self) -> None:
        case = make_case(self.a)
        with tenant_context(self.a):
            for kind in (BarrierKind.DELAY, BarrierKind.DELAY, BarrierKind.FORM):
                record_barrier(self.dana, case, kind=kind, agency="nii", occurred_on=timezone.localdate())
            record_barrier(self.dana, case, kind=BarrierKind.FORM, agency="iec", occurred_on=timezone.localdate())
        meeting = make_initiative(self.a, Kind.FORUM, title="פורום", held_on=timezone.localdate())
        with tenant_context(self.a):
            add_partner(self.michal, meeting, Organization.objects.create(key="nii", name_he="ביטוח לאומי"))
        login(self.client, self.michal)
        self.client.post(reverse("community:event-evidence", kwargs={"pk": meeting.pk}))
        meeting.refresh_from_db()
        self.assertEqual(meeting.barrier_evidence["total"], 3)  # the electricity company was not at the table
        [row] = meeting.barrier_evidence["rows"]
        self.assertEqual((row["agency"], row["total"], row["open"]), ("nii", 3, 3))
        page = self.client.get(reverse("community:event", kwargs={"pk": meeting.pk}))
        self.assertContains(page, "<strong data-evidence-total>3</strong>", html=False)

    def test_the_evidence_counts_an_agency_outside_the_catalogue_that_attends(self) -> None:
        probation = Organization.objects.create(key="probation", name_he="שירות המבחן למבוגרים")
        case = make_case(self.a)
        with tenant_context(self.a):
            record_barrier(
                self.dana, case, kind=BarrierKind.STIGMA, agency="probation", occurred_on=timezone.localdate()
            )
            record_barrier(self.dana, case, kind=BarrierKind.FORM, agency="iec", occurred_on=timezone.localdate())
        meeting = make_initiative(self.a, Kind.FORUM, title="פורום", held_on=timezone.localdate())
        with tenant_context(self.a):
            add_partner(self.michal, meeting, probation)
        login(self.client, self.michal)
        self.client.post(reverse("community:event-evidence", kwargs={"pk": meeting.pk}))
        meeting.refresh_from_db()
        [row] = meeting.barrier_evidence["rows"]
        self.assertEqual((row["name"], row["total"]), ("שירות המבחן למבוגרים", 1))


class RoundTableTests(MizuiTestCase):
    ronit: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ronit = make_user("ronit@national.test", "רונית שגיא")
        make_membership(cls.ronit, cls.a, Role.NATIONAL)

    def test_it_shows_aggregates_across_authorities_to_the_national_role_only(self) -> None:
        case_a, case_b = make_case(self.a), make_case(self.b)
        today = timezone.localdate()
        with tenant_context(self.a):
            for _ in range(12):
                record_barrier(self.dana, case_a, kind=BarrierKind.DELAY, agency="nii", occurred_on=today)
            for _ in range(3):
                record_barrier(self.dana, case_a, kind=BarrierKind.FORM, agency="iec", occurred_on=today)
        with tenant_context(self.b):
            for _ in range(3):
                record_barrier(self.omar, case_b, kind=BarrierKind.DELAY, agency="nii", occurred_on=today)
        make_commitment(self.b)
        login(self.client, self.michal)
        self.assertEqual(self.client.get(reverse("community:roundtable")).status_code, 403)
        login(self.client, self.ronit)
        page = self.client.get(reverse("community:roundtable"))
        self.assertEqual(page.status_code, 200)
        table = page.context["table"]
        agencies = {row.agency: row for row in table.agencies}
        self.assertEqual(agencies["המוסד לביטוח לאומי"].barriers, 15)  # both authorities together
        self.assertIsNone(agencies["חברת החשמל"].barriers)  # 3 is below 10: not shown
        # 18 in all would give the electricity company's 3 away (18 − 15): the total is withheld too.
        self.assertIsNone(table.agency_totals.barriers)
        by_name = {row.name: row for row in table.authorities}
        self.assertEqual(by_name[self.b.name_he].commitments_open, 1)  # B's forum, seen by A's national member
        self.assertContains(page, "פחות מ-10")
