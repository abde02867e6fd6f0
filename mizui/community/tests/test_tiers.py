"""Trainings unlock tiers, and the tier decides what a volunteer may do in the cases assigned to them."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import Membership, Role, VolunteerTier
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Entitlement, Stage
from mizui.community.models import Course
from mizui.community.services.training import record_training
from mizui.community.tests.factories import make_volunteer
from mizui.test import MizuiTestCase, login, make_case, make_user

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


class TierTests(MizuiTestCase):
    def _advance(self, entitlement: Entitlement, stage: Stage) -> int:
        url = reverse("cases:entitlement-advance", kwargs={"pk": entitlement.pk})
        data = {f"e{entitlement.pk}-stage": stage, f"e{entitlement.pk}-on": timezone.localdate().isoformat()}
        return self.client.post(url, data).status_code

    def _stage(self, entitlement: Entitlement) -> str:
        with tenant_context(self.a):
            return Entitlement.objects.get(pk=entitlement.pk).stage

    def test_it_unlocks_tiers_course_by_course(self) -> None:
        volunteer = make_volunteer(self.a, tier="none")
        membership = volunteer.membership
        self.assertEqual(membership.volunteer_tier, VolunteerTier.NONE)  # a profile means trainings decide
        expected = [
            (Course.ORIENTATION, VolunteerTier.NONE),
            (Course.SCREENING, VolunteerTier.SCREEN),
            (Course.FORMS, VolunteerTier.SCREEN),  # out of order: forms needs documents first
            (Course.DOCUMENTS, VolunteerTier.FORMS),
        ]
        for course, tier in expected:
            with self.subTest(course=course), tenant_context(self.a):
                record_training(self.michal, membership, course=course, completed_on=dt.date(2026, 2, 1))
                self.assertEqual(Membership.objects.get(pk=membership.pk).volunteer_tier, tier)

    def test_a_volunteer_added_to_the_team_without_training_reaches_no_case(self) -> None:
        newcomer = make_user("newcomer@a.test", "מתנדב חדש")
        with tenant_context(self.a):  # as the team page adds a member: no tier given
            membership = Membership.objects.create(user=newcomer, authority=self.a, role=Role.VOLUNTEER)
        self.assertEqual(membership.volunteer_tier, VolunteerTier.NONE)
        case = make_case(self.a, volunteer=newcomer)
        login(self.client, newcomer)
        self.assertEqual(self.client.get(reverse("cases:case", kwargs={"pk": case.pk})).status_code, 404)

    def test_it_keeps_a_volunteer_below_fill_forms_out_of_the_ledger_forms(self) -> None:
        make_volunteer(self.a, user=self.yael, tier="documents")
        case = make_case(self.a, volunteer=self.yael)
        with tenant_context(self.a):
            row = case.entitlements.get()
        login(self.client, self.yael)
        page = self.client.get(reverse("cases:case", kwargs={"pk": case.pk}))
        self.assertNotContains(page, reverse("cases:entitlement-advance", kwargs={"pk": row.pk}))
        self.assertEqual(self._advance(row, Stage.SUBMITTED), 404)
        self.assertEqual(self._stage(row), Stage.IDENTIFIED)

    def test_it_lets_a_volunteer_at_fill_forms_record_the_claim_but_not_the_decision(self) -> None:
        make_volunteer(self.a, user=self.yael, tier="forms")
        case = make_case(self.a, volunteer=self.yael)
        with tenant_context(self.a):
            row = case.entitlements.get()
        login(self.client, self.yael)
        page = self.client.get(reverse("cases:case", kwargs={"pk": case.pk}))
        self.assertContains(page, reverse("cases:entitlement-advance", kwargs={"pk": row.pk}))
        self.assertNotContains(page, f'name="e{row.pk}-monthly_amount"')  # amounts stay with staff
        self.assertEqual(self._advance(row, Stage.SUBMITTED), 302)
        self.assertEqual(self._stage(row), Stage.SUBMITTED)
        # The decision (with money) is not a volunteer's step: refused, the row stays where it was.
        self._advance(row, Stage.DECIDED)
        self.assertEqual(self._stage(row), Stage.SUBMITTED)

    def test_it_still_refuses_fill_forms_on_cases_not_assigned(self) -> None:
        make_volunteer(self.a, user=self.yael, tier="forms")
        other = make_case(self.a)
        with tenant_context(self.a):
            row = other.entitlements.get()
        login(self.client, self.yael)
        self.assertEqual(self._advance(row, Stage.SUBMITTED), 404)

    def test_it_keeps_a_screening_volunteer_away_from_documents(self) -> None:
        make_volunteer(self.a, user=self.yael, tier="screen")
        case = make_case(self.a, volunteer=self.yael)
        login(self.client, self.yael)
        page = self.client.get(reverse("cases:case", kwargs={"pk": case.pk}))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, reverse("cases:document-upload", kwargs={"pk": case.pk}))
        upload = SimpleUploadedFile("id.jpg", JPEG, content_type="image/jpeg")
        response = self.client.post(
            reverse("cases:document-upload", kwargs={"pk": case.pk}),
            {"file": upload, "kind": "other", "description": "x"},
        )
        self.assertEqual(response.status_code, 403)
        with tenant_context(self.a):
            self.assertFalse(case.documents.exists())

    def test_it_lets_a_screening_volunteer_screen_the_assigned_case(self) -> None:
        make_volunteer(self.a, user=self.yael, tier="screen")
        case = make_case(self.a, volunteer=self.yael)
        login(self.client, self.yael)
        page = self.client.get(reverse("cases:case", kwargs={"pk": case.pk}))
        self.assertContains(page, reverse("cases:case-screen", kwargs={"pk": case.pk}))

    def test_it_closes_every_case_to_a_volunteer_without_training(self) -> None:
        make_volunteer(self.a, user=self.yael, tier="none")
        case = make_case(self.a, volunteer=self.yael)
        login(self.client, self.yael)
        self.assertEqual(self.client.get(reverse("cases:case", kwargs={"pk": case.pk})).status_code, 404)

    def test_it_leaves_volunteers_without_a_profile_at_gather_documents(self) -> None:
        # Memberships from before tiers existed: what volunteers could already do, and no more.
        self.assertEqual(self.yael_at_a.volunteer_tier, VolunteerTier.DOCUMENTS)
        case = make_case(self.a, volunteer=self.yael)
        login(self.client, self.yael)
        page = self.client.get(reverse("cases:case", kwargs={"pk": case.pk}))
        self.assertContains(page, reverse("cases:document-upload", kwargs={"pk": case.pk}))
        with tenant_context(self.a):
            row = case.entitlements.get()
        self.assertEqual(self._advance(row, Stage.SUBMITTED), 404)

    def test_it_leaves_staff_unaffected_by_tiers(self) -> None:
        case = make_case(self.a)
        with tenant_context(self.a):
            row = case.entitlements.get()
        login(self.client, self.dana)
        self.assertEqual(self._advance(row, Stage.SUBMITTED), 302)
        self.assertEqual(self._stage(row), Stage.SUBMITTED)
