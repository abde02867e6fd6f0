"""Volunteers: profiles, matching to a case by language and area, assignment, hours (and the KPI function)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Case
from mizui.community.models import HoursEntry, Volunteer
from mizui.community.services import volunteer_hours
from mizui.community.tests.factories import make_volunteer
from mizui.test import MizuiTestCase, login, make_case, make_membership, make_user


class VolunteerTests(MizuiTestCase):
    def test_it_creates_a_profile_for_a_volunteer_member(self) -> None:
        login(self.client, self.michal)
        page = self.client.get(reverse("community:volunteers"))
        self.assertContains(page, f'<option value="{self.yael_at_a.pk}">יעל כהן</option>', html=True)
        response = self.client.post(
            reverse("community:volunteers"),
            {
                "membership": self.yael_at_a.pk,
                "languages": ["he", "ru"],
                "neighbourhood": "רובע ג׳",
                "skills": ["elderly"],
            },
        )
        with tenant_context(self.a):
            volunteer = Volunteer.objects.get()
        self.assertRedirects(response, reverse("community:volunteer", kwargs={"pk": volunteer.pk}))
        self.assertEqual((volunteer.languages, volunteer.neighbourhood), (["he", "ru"], "רובע ג׳"))
        self.yael_at_a.refresh_from_db()
        self.assertEqual(self.yael_at_a.volunteer_tier, "none")  # no trainings recorded yet

    def test_it_ranks_volunteers_by_the_residents_language_and_area(self) -> None:
        case = make_case(self.a, preferred_language="ru", address="רחוב הרצל 4, רובע ג׳")
        russian_far = make_volunteer(self.a, languages=("he", "ru"), neighbourhood="רובע ז׳", email="r@v.test")
        russian_near = make_volunteer(self.a, languages=("ru",), neighbourhood="רובע ג׳", email="n@v.test")
        hebrew_near = make_volunteer(self.a, languages=("he",), neighbourhood="רובע ג׳", email="h@v.test")
        make_volunteer(self.a, tier="none", languages=("ru",), neighbourhood="רובע ג׳", email="new@v.test")
        login(self.client, self.michal)
        page = self.client.get(reverse("community:case-match", kwargs={"pk": case.pk}))
        order = [row["match"].volunteer.pk for row in page.context["rows"]]
        self.assertEqual(order, [russian_near.pk, russian_far.pk, hebrew_near.pk])  # untrained: not offered
        # Work that needs the documents tier leaves out volunteers trained only to screen.
        page = self.client.get(
            reverse("community:case-match", kwargs={"pk": case.pk}), {"tier": "documents", "area": ""}
        )
        self.assertEqual(page.context["rows"], [])

    def test_it_assigns_the_chosen_volunteer_to_the_case(self) -> None:
        case = make_case(self.a, lawyer=self.dana)
        volunteer = make_volunteer(self.a, user=self.yael)
        login(self.client, self.michal)
        response = self.client.post(
            reverse("community:case-match", kwargs={"pk": case.pk}), {"volunteer": volunteer.pk}
        )
        self.assertRedirects(response, reverse("cases:case", kwargs={"pk": case.pk}))
        with tenant_context(self.a):
            case = Case.objects.get(pk=case.pk)
        self.assertEqual((case.volunteer_id, case.lawyer_id), (self.yael.pk, self.dana.pk))
        login(self.client, self.yael)
        self.assertContains(self.client.get(reverse("community:me")), reverse("cases:case", kwargs={"pk": case.pk}))

    def test_it_will_not_assign_another_authoritys_volunteer(self) -> None:
        case = make_case(self.a)
        boaz_volunteer = make_user("v@b.test", "מתנדב בבאר שבע")
        make_membership(boaz_volunteer, self.b, Role.VOLUNTEER)
        theirs = make_volunteer(self.b, user=boaz_volunteer)
        login(self.client, self.michal)
        self.client.post(reverse("community:case-match", kwargs={"pk": case.pk}), {"volunteer": theirs.pk})
        with tenant_context(self.a):
            self.assertIsNone(Case.objects.get(pk=case.pk).volunteer_id)

    def test_it_logs_a_volunteers_own_hours_and_counts_them(self) -> None:
        volunteer = make_volunteer(self.a, user=self.yael)
        mine = make_case(self.a, volunteer=self.yael)
        other = make_case(self.a)
        login(self.client, self.yael)
        today = timezone.localdate()
        url = reverse("community:my-hours")
        self.client.post(url, {"on": today.isoformat(), "hours": "2.5", "activity": "documents", "case": mine.pk})
        self.client.post(url, {"on": today.isoformat(), "hours": "1", "activity": "phone"})
        self.client.post(
            url, {"on": today.isoformat(), "hours": "3", "activity": "phone", "case": other.pk}
        )  # not hers
        self.client.post(url, {"on": (today + dt.timedelta(days=1)).isoformat(), "hours": "1", "activity": "phone"})
        with tenant_context(self.a):
            self.assertEqual(HoursEntry.objects.filter(volunteer=volunteer).count(), 2)
            [row] = volunteer_hours(self.a, today - dt.timedelta(days=7), today)
        self.assertEqual((row.volunteer_id, row.hours, row.entries, row.cases), (volunteer.pk, Decimal("3.5"), 2, 1))
        self.assertContains(
            self.client.get(reverse("community:me")), "<strong data-hours-month>3.5</strong>", html=False
        )

    def test_it_keeps_volunteers_out_of_the_team_pages(self) -> None:
        login(self.client, self.yael)
        self.assertEqual(self.client.get(reverse("community:volunteers")).status_code, 403)
        self.assertEqual(self.client.get(reverse("community:events")).status_code, 403)
