"""Homes that are worklists, per role, and the person's own trail in words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import AccessAction, AccessLog, Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Entitlement, Referral, Task
from mizui.cases.tests.factories import make_referral
from mizui.community.tests.factories import make_lead, make_trustee
from mizui.test import MizuiTestCase, login, make_case, make_inquiry, make_membership, make_user

TODAY = dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC)


def panel(html: str, key: str) -> str:
    """The HTML of one worklist of the home page ('' when the page has none by that key)."""
    marker = f'data-worklist="{key}"'
    if marker not in html:
        return ""
    return html.split(marker, 1)[1].split("</section>", 1)[0]


@time_machine.travel(TODAY, tick=False)
class HomeTests(MizuiTestCase):
    def _task(self, case, owner, due: dt.date, title: str) -> Task:
        with tenant_context(self.a):
            return Task.objects.create(authority=self.a, case=case, title=title, due_on=due, owner=owner)

    def _worklists_logged(self, user) -> list[str]:
        """The home's lists of residents' names this person's views of the home wrote to the access log."""
        with tenant_context(self.a):
            rows = AccessLog.objects.filter(user=user, action=AccessAction.VIEW, object_type="home_worklist")
            return sorted(rows.values_list("object_id", flat=True))

    def test_a_coordinator_sees_new_inquiries_late_referrals_and_overdue_tasks_in_red_with_their_days(self) -> None:
        coordinator = make_user("coord@a.test", "שירה מזרחי")
        make_membership(coordinator, self.a, Role.COORDINATOR)
        make_inquiry(self.a, full_name="סאמר חורי")
        referral = make_referral(self.a, self.dana)
        with tenant_context(self.a):
            Referral.objects.filter(pk=referral.pk).update(sent_at=timezone.now() - dt.timedelta(days=30))
        case = make_case(self.a, id_number="000000018")
        self._task(case, self.dana, TODAY.date() - dt.timedelta(days=3), "להגיש ערר")
        self._task(case, self.dana, TODAY.date() + dt.timedelta(days=3), "להתקשר")
        make_inquiry(self.b, full_name="תושב של רשות אחרת")

        login(self.client, coordinator)
        html = self.client.get(reverse("accounts:home")).content.decode()
        self.assertIn("סאמר חורי", panel(html, "new-inquiries"))
        self.assertNotIn("תושב של רשות אחרת", html)
        self.assertIn("גוף שותף", panel(html, "late-referrals"))
        overdue = panel(html, "overdue-tasks")
        self.assertIn("להגיש ערר", overdue)
        self.assertIn('data-late-days="3"', overdue)
        self.assertIn("באיחור של 3 ימים", overdue)
        self.assertNotIn("להתקשר", overdue)
        self.assertEqual(panel(html, "team-load"), "")  # the manager's, not the coordinator's
        self.assertNotIn("inquiry #", html)  # no raw audit log on the home any more
        self.assertEqual(self._worklists_logged(coordinator), ["new_inquiries"])  # residents' names were shown

    def test_a_lawyer_sees_their_cases_by_deadline_appeal_windows_closing_and_money_at_risk(self) -> None:
        mine = make_case(self.a, lawyer=self.dana, full_name="מרים בן חיים")
        other = make_case(self.a, id_number="000000018", full_name="יוסי לוי")  # nobody's lawyer
        with tenant_context(self.a):
            Entitlement.objects.filter(case=mine).update(
                decision="denied", stage="decided", decided_on=dt.date(2025, 6, 25)
            )
        self._task(mine, self.dana, TODAY.date() + dt.timedelta(days=2), "להכין ערר")
        login(self.client, self.dana)
        html = self.client.get(reverse("accounts:home")).content.decode()
        self.assertIn("מרים בן חיים", panel(html, "my-cases"))
        self.assertNotIn("יוסי לוי", panel(html, "my-cases"))
        # National Insurance: twelve months to sue in the labour court, so a denial of 25 June 2025 closes on 25 June
        # 2026, ten days from today.
        appeals = panel(html, "appeals-closing")
        self.assertIn("מרים בן חיים", appeals)
        self.assertIn("25.06.2026", appeals)
        self.assertNotIn("יוסי לוי", panel(html, "money-at-risk"))
        self.assertIsNotNone(other)
        self.assertEqual(self._worklists_logged(self.dana), ["own_cases"])

    def test_a_volunteer_sees_only_their_own_tasks(self) -> None:
        case = make_case(self.a, volunteer=self.yael)
        self._task(case, self.yael, TODAY.date() - dt.timedelta(days=1), "לאסוף תלושי שכר")
        self._task(case, self.dana, TODAY.date(), "משימה של עורכת הדין")
        make_inquiry(self.a, full_name="סאמר חורי")
        login(self.client, self.yael)
        html = self.client.get(reverse("accounts:home")).content.decode()
        self.assertIn("לאסוף תלושי שכר", panel(html, "my-tasks"))
        self.assertIn("באיחור של יום", panel(html, "my-tasks"))
        self.assertNotIn("משימה של עורכת הדין", html)
        self.assertNotIn("סאמר חורי", html)
        self.assertEqual(panel(html, "new-inquiries"), "")
        self.assertEqual(self._worklists_logged(self.yael), [])  # her own tasks name no resident

    def test_a_trustee_sees_the_neighbours_they_brought(self) -> None:
        trustee = make_trustee(self.a)
        make_lead(self.a, trustee)
        login(self.client, trustee.membership.user)
        html = self.client.get(reverse("accounts:home")).content.decode()
        leads = panel(html, "my-leads")
        self.assertIn("ולנטינה אורלוב", leads)
        self.assertIn("התקבלה במרכז", leads)
        self.assertEqual(panel(html, "my-tasks"), "")
        self.assertEqual(self._worklists_logged(trustee.membership.user), ["neighbours"])

    def test_a_manager_sees_this_months_money_against_last_months_and_the_teams_load(self) -> None:
        this_month = make_case(self.a, lawyer=self.dana)
        last_month = make_case(self.a, id_number="000000018", lawyer=self.dana)
        with tenant_context(self.a):
            Entitlement.objects.filter(case=this_month).update(
                decision="approved", decided_on=TODAY.date() - dt.timedelta(days=2), monthly_amount=Decimal(2100)
            )
            Entitlement.objects.filter(case=last_month).update(
                decision="approved", decided_on=dt.date(2026, 5, 10), monthly_amount=Decimal(900)
            )
        login(self.client, self.michal)
        html = self.client.get(reverse("accounts:home")).content.decode()
        money = panel(html, "money-realized")
        self.assertIn("₪2,100", money)
        self.assertIn("₪900", money)
        load = panel(html, "team-load")
        self.assertIn("דנה לוי", load)
        self.assertIn("<bdi>2</bdi>", load)  # her two open cases


@time_machine.travel(TODAY, tick=False)
class ActivityTests(MizuiTestCase):
    def test_the_persons_own_trail_is_in_words_with_the_residents_name(self) -> None:
        case = make_case(self.a, full_name="מרים בן חיים")
        login(self.client, self.dana)
        self.client.get(reverse("cases:resident", args=[case.resident_id]))
        self.client.get(reverse("cases:case", args=[case.pk]))
        html = self.client.get(reverse("accounts:my-activity")).content.decode()
        self.assertIn("צפית בתיק של מרים בן חיים", html)
        self.assertNotIn(f"resident #{case.resident_id}", html)
        home = self.client.get(reverse("accounts:home")).content.decode()
        self.assertIn(reverse("accounts:my-activity"), home)


class CaseStoryLinkTests(MizuiTestCase):
    def test_a_closed_case_offers_a_story_and_an_open_one_does_not(self) -> None:
        case = make_case(self.a, lawyer=self.dana)
        login(self.client, self.dana)
        self.assertNotContains(self.client.get(reverse("cases:case", args=[case.pk])), "data-story-link")
        with tenant_context(self.a):
            type(case).objects.filter(pk=case.pk).update(status="closed")
        html = self.client.get(reverse("cases:case", args=[case.pk])).content.decode()
        self.assertIn(reverse("community:story-new", args=[case.pk]), html)
