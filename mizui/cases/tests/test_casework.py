"""From inquiry to money: intake, duplicates, the ledger step by step, the retroactivity clock, volunteers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine
from django.db import connection
from django.urls import reverse

from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import (
    Basis,
    Case,
    Decision,
    DenialReason,
    Entitlement,
    Inquiry,
    InquiryStatus,
    Resident,
    Stage,
    Task,
    TaskKind,
)
from mizui.cases.services import CaseworkError, Step, add_note, advance, merge_residents, search_residents
from mizui.test import MizuiTestCase, login, make_case, make_inquiry, make_resident

VALID_ID = "039337423"


class IntakeTests(MizuiTestCase):
    def test_it_turns_an_inquiry_into_a_resident_and_a_case(self) -> None:
        inquiry = make_inquiry(self.a)
        login(self.client, self.dana)
        response = self.client.post(
            reverse("cases:inquiry", kwargs={"pk": inquiry.pk}),
            {"topic": "הבטחת הכנסה", "id_number": "3933742-3", "birth_date": "1980-02-02"},
        )
        with tenant_context(self.a):
            case = Case.objects.for_authority(self.a).get()
            self.assertRedirects(response, reverse("cases:case", kwargs={"pk": case.pk}))
            self.assertEqual((case.resident.id_number, case.resident.full_name), (VALID_ID, "סאמר חורי"))
            self.assertEqual(Inquiry.objects.get(pk=inquiry.pk).status, InquiryStatus.CONVERTED)
            self.assertEqual(case.lawyer, self.dana)

    def test_it_refuses_an_invalid_id_number_and_saves_nothing(self) -> None:
        inquiry = make_inquiry(self.a)
        login(self.client, self.dana)
        page = self.client.post(
            reverse("cases:inquiry", kwargs={"pk": inquiry.pk}), {"topic": "x", "id_number": "123456789"}
        )
        self.assertContains(page, "ספרת הביקורת לא מתאימה")
        with tenant_context(self.a):
            self.assertEqual(Resident.objects.for_authority(self.a).count(), 0)
            self.assertEqual(Inquiry.objects.get(pk=inquiry.pk).status, InquiryStatus.NEW)

    def test_it_offers_the_existing_resident_with_the_same_phone(self) -> None:
        known = make_resident(self.a, phone="0521234567")
        inquiry = make_inquiry(self.a)
        login(self.client, self.dana)
        page = self.client.get(reverse("cases:inquiry", kwargs={"pk": inquiry.pk}))
        self.assertContains(page, "נמצאו תושבים עם אותו טלפון")
        self.client.post(
            reverse("cases:inquiry", kwargs={"pk": inquiry.pk}), {"topic": "x", "existing_resident": known.pk}
        )
        with tenant_context(self.a):
            self.assertEqual(Resident.objects.for_authority(self.a).count(), 1)
            self.assertEqual(Case.objects.for_authority(self.a).get().resident_id, known.pk)

    def test_it_refuses_a_second_resident_with_the_same_id_number(self) -> None:
        make_resident(self.a, id_number=VALID_ID)
        inquiry = make_inquiry(self.a, phone="0539999999")
        login(self.client, self.dana)
        page = self.client.post(
            reverse("cases:inquiry", kwargs={"pk": inquiry.pk}), {"topic": "x", "id_number": VALID_ID}
        )
        self.assertContains(page, "כבר קיים/ת תושב/ת עם מספר הזהות הזה")

    def test_it_merges_duplicates_after_confirmation(self) -> None:
        keep = make_resident(self.a, phone="0521111111")
        duplicate = make_resident(self.a, full_name="מרים בן-חיים", id_number=VALID_ID)
        with tenant_context(self.a):
            merge_residents(self.dana, keep=keep, duplicate=duplicate)
            keep.refresh_from_db()
            self.assertEqual(keep.id_number, VALID_ID)
            self.assertEqual([r.pk for r in search_residents(self.a, VALID_ID)], [keep.pk])

    def test_it_stores_identity_encrypted(self) -> None:
        make_resident(self.a, id_number=VALID_ID, phone="0521234567")
        with tenant_context(self.a), connection.cursor() as cursor:
            cursor.execute("SELECT full_name, id_number, phone, id_index FROM cases_resident")
            raw = " ".join(cursor.fetchone())
        for secret in ("מרים", VALID_ID, "0521234567"):
            self.assertNotIn(secret, raw)

    def test_it_finds_residents_by_id_phone_and_name_within_the_authority(self) -> None:
        person = make_resident(self.a, full_name="אולגה סמירנובה", id_number=VALID_ID, phone="0527654321")
        make_resident(self.b, full_name="אולגה סמירנובה")
        with tenant_context(self.a):
            for query in (VALID_ID, "052-765-4321", "סמירנובה", "אולגה"):
                with self.subTest(query=query):
                    self.assertEqual([r.pk for r in search_residents(self.a, query)], [person.pk])
            self.assertEqual(search_residents(self.a, "כהן"), [])

    def test_it_finds_residents_by_the_start_of_a_name_an_id_number_or_a_phone(self) -> None:
        person = make_resident(self.a, full_name="אולגה סמירנובה", id_number=VALID_ID, phone="0527654321")
        other = make_resident(self.a, full_name="אולג סמיר", id_number="000000018", phone="0541112222")
        with tenant_context(self.a):
            for query, found in (
                ("סמירנ", [person]),  # the start of a word
                ("אול סמירנו", [person]),  # the start of each word
                ("סמיר", [other, person]),  # a whole word of one and the start of another's
                (VALID_ID[:5], [person]),
                ("052-765", [person]),
                ("054", []),  # fewer than four digits finds nobody rather than half the city
                ("ס", []),  # one letter, the same
            ):
                with self.subTest(query=query):
                    self.assertEqual(sorted(r.pk for r in search_residents(self.a, query)), sorted(r.pk for r in found))

    def test_a_resident_indexed_by_whole_words_only_is_still_found_by_a_whole_word(self) -> None:
        from mizui.cases.models import NameToken
        from mizui.lib.crypto import blind_index

        person = make_resident(self.a, full_name="אולגה סמירנובה")
        with tenant_context(self.a):
            NameToken.objects.filter(resident=person).delete()  # as stored before starts were indexed
            NameToken.objects.create(authority=self.a, resident=person, token=blind_index("סמירנובה", "name"))
            self.assertEqual([r.pk for r in search_residents(self.a, "סמירנובה")], [person.pk])
            self.assertEqual(search_residents(self.a, "סמירנ"), [])


class LedgerTests(MizuiTestCase):
    def setUp(self) -> None:
        self.case = make_case(self.a, lawyer=self.dana)
        with tenant_context(self.a):
            self.row = self.case.entitlements.get()

    def _advance(self, **step):
        with tenant_context(self.a):
            return advance(self.dana, Entitlement.objects.get(pk=self.row.pk), Step(**step))

    def test_it_refuses_a_step_out_of_order_and_changes_nothing(self) -> None:
        with self.assertRaisesMessage(CaseworkError, "אי אפשר לעבור"):
            self._advance(stage=Stage.PAID, on=dt.date(2026, 2, 1))
        with tenant_context(self.a):
            self.assertEqual(Entitlement.objects.get(pk=self.row.pk).stage, Stage.IDENTIFIED)

    def test_it_wants_a_reason_for_a_denial_and_sets_the_appeal_deadline(self) -> None:
        self._advance(stage=Stage.SUBMITTED, on=dt.date(2026, 2, 1))
        with self.assertRaisesMessage(CaseworkError, "סיבת הדחייה"):
            self._advance(stage=Stage.DECIDED, on=dt.date(2026, 3, 10), decision="denied")
        self._advance(stage=Stage.DECIDED, on=dt.date(2026, 3, 10), decision="denied", denial_reason="income")
        with tenant_context(self.a):
            task = Task.objects.get(kind=TaskKind.APPEAL_DEADLINE)
        # National Insurance: 12 months to the labour court (eligibility/parameters/general/appeal_deadline/nii.yaml).
        self.assertEqual(task.due_on, dt.date(2027, 3, 10))

    def test_it_sets_each_agencys_own_appeal_window_on_a_denial(self) -> None:
        # One dated window per agency (eligibility/parameters/general/appeal_deadline/<agency>.yaml), counted from the
        # decision; the health funds have none (a complaint to the commissioner has no deadline), so no task.
        windows = {
            ("rent_assistance", "housing"): dt.date(2026, 4, 24),  # 45 days: an administrative petition
            ("work_grant", "tax"): dt.date(2026, 4, 9),  # 30 days: an objection to the assessing officer
            ("limited_means_debtor", "enforcement"): dt.date(2026, 3, 30),  # 20 days: leave to appeal
            ("legal_aid", "justice"): dt.date(2026, 4, 9),  # 30 days: an appeal to the district court
            ("health_exemptions", "health_fund"): None,
        }
        for (program, agency), due_on in windows.items():
            with self.subTest(agency=agency), tenant_context(self.a):
                row = Entitlement.objects.create(
                    authority=self.a,
                    household=self.case.household,
                    case=self.case,
                    program=program,
                    agency=agency,
                    identified_on=dt.date(2026, 1, 1),
                )
                advance(self.dana, row, Step(stage=Stage.SUBMITTED, on=dt.date(2026, 2, 1)))
                on = dt.date(2026, 3, 10)
                step = Step(stage=Stage.DECIDED, on=on, decision=Decision.DENIED, denial_reason=DenialReason.INCOME)
                advance(self.dana, Entitlement.objects.get(pk=row.pk), step)
                tasks = Task.objects.filter(kind=TaskKind.APPEAL_DEADLINE, entitlement=row)
                self.assertEqual([t.due_on for t in tasks], [] if due_on is None else [due_on])

    def test_it_confirms_money_only_with_evidence(self) -> None:
        self._advance(stage=Stage.SUBMITTED, on=dt.date(2026, 2, 1))
        with self.assertRaisesMessage(CaseworkError, "אסמכתה"):
            self._advance(
                stage=Stage.DECIDED, on=dt.date(2026, 3, 1), decision="approved", monthly_amount=Decimal(2100)
            )
        row = self._advance(
            stage=Stage.DECIDED,
            on=dt.date(2026, 3, 1),
            decision="approved",
            monthly_amount=Decimal(2100),
            evidence="מכתב ב״ל 1.3.2026",
        )
        self.assertEqual(
            (row.basis, row.monthly_amount, row.at_risk_monthly), (Basis.CONFIRMED, Decimal(2100), Decimal(0))
        )
        login(self.client, self.dana)
        page = self.client.get(reverse("cases:resident", kwargs={"pk": self.case.resident_id}))
        self.assertContains(page, "₪2,100")

    @time_machine.travel(dt.datetime(2027, 3, 15, 12, tzinfo=dt.UTC), tick=False)
    def test_it_counts_the_money_lost_to_delay(self) -> None:
        # Identified January 2026, never claimed: 14 months later, 2 months are beyond the 12 NII pays back.
        with tenant_context(self.a):
            row = Entitlement.objects.get(pk=self.row.pk)
        today = dt.date(2027, 3, 15)
        self.assertEqual(row.money_lost(today), Decimal(4000))
        self.assertEqual(row.months_before_loss(dt.date(2026, 11, 1)), 2)
        login(self.client, self.dana)
        self.assertContains(
            self.client.get(reverse("cases:case", kwargs={"pk": self.case.pk})), "אבדו כבר <bdi>₪4,000</bdi>"
        )

    def test_it_lists_money_at_risk_first(self) -> None:
        small = make_case(self.a)
        with tenant_context(self.a):
            Entitlement.objects.filter(case=small).update(monthly_amount=300, at_risk_monthly=300)
        login(self.client, self.dana)
        html = self.client.get(reverse("cases:queue", kwargs={"name": "money"})).content.decode()
        self.assertLess(html.index("₪2,000"), html.index("₪300"))

    def test_it_advances_a_right_through_the_page(self) -> None:
        login(self.client, self.dana)
        url = reverse("cases:entitlement-advance", kwargs={"pk": self.row.pk})
        self.client.post(url, {f"e{self.row.pk}-stage": "submitted", f"e{self.row.pk}-on": "2026-02-01"})
        bad = self.client.post(url, {f"e{self.row.pk}-stage": "paid", f"e{self.row.pk}-on": "2026-02-02"}, follow=True)
        self.assertContains(bad, "השלב הבא")  # a clear message in Hebrew, no 500
        with tenant_context(self.a):
            self.assertEqual(Entitlement.objects.get(pk=self.row.pk).stage, Stage.SUBMITTED)


class StaffScreeningTests(MizuiTestCase):
    def test_it_asks_every_declared_choice_and_screens_a_common_law_couple(self) -> None:
        # The intake form's choices come from the household declaration: a hand-written list had left out
        # common-law partners and separated spouses, and the form refused them.
        from eligibility.inputs import enum_values

        case = make_case(self.a)
        login(self.client, self.dana)
        page = self.client.get(reverse("cases:case", kwargs={"pk": case.pk})).content.decode()
        for name in ("marital_status", "employment", "tenure"):
            for value in enum_values(name):
                self.assertIn(f'value="{value}"', page, (name, value))
        self.assertIn("ידוע/ה בציבור", page)
        response = self.client.post(
            reverse("cases:case-screen", kwargs={"pk": case.pk}),
            {
                "birth_date": "1990-04-01",
                "marital_status": "common_law",
                "partner_birth_date": "1991-02-01",
                "employment": "unemployed",
                "tenure": "renter",
                "income_work": "0",
            },
            follow=True,
        )
        self.assertNotContains(response, "לא ניתן לבדוק זכאות")
        self.assertContains(response, "נוספו ליומן הזכויות")

    def test_the_ledger_says_when_an_amount_rests_on_an_earlier_years_figures(self) -> None:
        # In a year whose child-allowance figures are not dated yet, the amount is the newest one's, and says so.
        case = make_case(self.a)
        with time_machine.travel(dt.datetime(2030, 3, 1, 9, tzinfo=dt.UTC), tick=False):
            login(self.client, self.dana)
            self.client.post(
                reverse("cases:case-screen", kwargs={"pk": case.pk}),
                {"birth_date": "1990-04-01", "marital_status": "single", "children_birth_dates": "2020-01-01",
                 "employment": "employed", "tenure": "renter", "income_work": "9000"},
            )  # fmt: skip
            with tenant_context(self.a):
                row = Entitlement.objects.get(case=case, program="child_allowance")
            page = self.client.get(reverse("cases:case", kwargs={"pk": case.pk}))
        assert row.figures_from is not None
        self.assertLess(row.figures_from, 2030)
        self.assertContains(page, f"(חלק מהנתונים משנת {row.figures_from})")


class VolunteerTests(MizuiTestCase):
    def test_it_shows_volunteers_only_their_cases_and_no_privileged_notes(self) -> None:
        mine = make_case(self.a, volunteer=self.yael)
        other = make_case(self.a)
        with tenant_context(self.a):
            add_note(self.dana, mine, body="הערה חסויה של עורכת הדין", privileged=True)
            add_note(self.dana, mine, body="להביא תלושי שכר", privileged=False)
        login(self.client, self.yael)
        page = self.client.get(reverse("cases:case", kwargs={"pk": mine.pk}))
        self.assertContains(page, "להביא תלושי שכר")
        self.assertNotContains(page, "הערה חסויה")
        self.assertNotContains(page, "₪2,000")  # no money figures for volunteers
        self.assertEqual(self.client.get(reverse("cases:case", kwargs={"pk": other.pk})).status_code, 404)
        # The resident's file (ID number, other cases) is not a volunteer's page at all.
        self.assertEqual(self.client.get(reverse("cases:resident", kwargs={"pk": mine.resident_id})).status_code, 403)

    def test_it_lets_a_volunteer_escalate_to_the_lawyer(self) -> None:
        mine = make_case(self.a, volunteer=self.yael, lawyer=self.dana)
        login(self.client, self.yael)
        self.client.post(reverse("cases:case-escalate", kwargs={"pk": mine.pk}), {"reason": "המשפחה קיבלה מכתב דחייה"})
        with tenant_context(self.a):
            self.assertIsNotNone(Case.objects.get(pk=mine.pk).escalated_at)
            self.assertTrue(Task.objects.filter(owner=self.dana, case=mine).exists())


class ResidentPageTests(MizuiTestCase):
    def test_it_records_consent_for_a_partner_picked_from_the_directory(self) -> None:
        from mizui.directory.models import Organization

        amidar = Organization.objects.create(key="amidar-test", name_he="עמידר")
        person = make_resident(self.a)
        login(self.client, self.dana)
        url = reverse("cases:consent-add", kwargs={"pk": person.pk})
        refused = self.client.post(url, {"purpose": "share_partner", "method": "signature"})
        # The page again, the form open, its error summary first and the message at the field.
        self.assertContains(refused, "data-error-summary")
        self.assertContains(refused, "נא לבחור גוף מהספרייה או סוג גוף")
        self.assertContains(refused, "<details open>", html=False)
        self.client.post(
            url,
            {
                "purpose": "share_partner",
                "method": "signature",
                "organization": amidar.pk,
                "reason": "בקשה לדיור ציבורי",
                "identifiers": ["id_number"],
                "expires_on_day": "1",
                "expires_on_month": "1",
                "expires_on_year": "2027",
            },
        )
        with tenant_context(self.a):
            from mizui.cases.models import Consent

            consent = Consent.objects.get(resident=person)
            self.assertEqual((consent.organization_id, consent.partner), (amidar.pk, "עמידר"))
            self.assertEqual((consent.reason, consent.identifiers), ("בקשה לדיור ציבורי", ["id_number"]))
            self.assertEqual(consent.expires_on, dt.date(2027, 1, 1))
        page = self.client.get(reverse("cases:resident", kwargs={"pk": person.pk}))
        self.assertContains(page, "בקשה לדיור ציבורי")

    def test_it_merges_a_duplicate_only_after_confirmation(self) -> None:
        keep = make_resident(self.a, phone="0521111111")
        twin = make_case(self.a, phone="0521111111", full_name="מרים בן-חיים")
        login(self.client, self.dana)
        page = self.client.get(reverse("cases:resident", kwargs={"pk": keep.pk}))
        self.assertContains(page, "ייתכן שזה אותו אדם")
        url = reverse("cases:resident-merge", kwargs={"pk": keep.pk})
        self.assertContains(self.client.post(url, {"duplicate": twin.resident_id}, follow=True), "צריך לאשר")
        self.client.post(url, {"duplicate": twin.resident_id, "confirm": "on"})
        with tenant_context(self.a):
            self.assertEqual(Case.objects.get(pk=twin.pk).resident_id, keep.pk)
            self.assertEqual(Resident.objects.get(pk=twin.resident_id).merged_into_id, keep.pk)


class NameScriptTests(MizuiTestCase):
    def test_it_finds_a_resident_by_the_name_in_any_script(self) -> None:
        person = make_resident(self.a, full_name="סמיר חטיב", name_ar="سمير خطيب", name_latin="Samir Khatib")
        with tenant_context(self.a):
            for query in ("חטיב", "خطيب", "khatib"):
                with self.subTest(query=query):
                    self.assertEqual([r.pk for r in search_residents(self.a, query)], [person.pk])
