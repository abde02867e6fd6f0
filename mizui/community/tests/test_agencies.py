"""Agencies answer: a center issues a signed link to an agency's contact; through it the agency sees its own
barriers in that authority only, its counts across authorities only where k ≥ 10, answers with a response and a
commitment with a date; the next forum meeting shows the answer and the round table counts answers per ministry.
A tampered, expired or revoked link opens nothing."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.urls import reverse

from mizui.accounts.models import AccessAction, AccessLog, Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Barrier
from mizui.cases.services.barriers import record_barrier
from mizui.community.models import AgencyAnswer, Kind
from mizui.community.services.agencies import answer_barrier
from mizui.community.tests.factories import make_agency_link, make_initiative
from mizui.directory.models import Organization
from mizui.test import MizuiTestCase, login, make_case, make_membership, make_user

NOW = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)


@time_machine.travel(NOW, tick=False)
class AgencyLinkTests(MizuiTestCase):
    amigur: Organization
    nii: Organization

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.amigur = Organization.objects.create(key="amigur", name_he="עמיגור")
        cls.nii = Organization.objects.create(key="nii", name_he="המוסד לביטוח לאומי")

    def _barrier(
        self, authority: object, agency: str, kind: str = "delay", on: dt.date = dt.date(2026, 10, 5)
    ) -> Barrier:
        actor = self.dana if authority == self.a else self.omar
        case = make_case(authority)  # type: ignore[arg-type]
        with tenant_context(authority):  # type: ignore[arg-type]
            return record_barrier(actor, case, kind=kind, agency=agency, occurred_on=on, description="מר כהן, סניף")

    def _issue(self, organization: Organization) -> str:
        login(self.client, self.michal)
        page = self.client.post(reverse("community:agency-links"), {"organization": organization.pk, "contact": "רותי"})
        match = re.search(r'value="(http[^"]+/partner/agency/[^"]+/)"', page.content.decode())
        assert match, "the new link is shown once"
        self.client.logout()
        return match.group(1).replace("http://testserver", "")

    def test_the_agency_sees_only_its_own_barriers_of_the_authority_that_sent_the_link(self) -> None:
        own = self._barrier(self.a, "amigur", kind="stigma")
        other_agency = self._barrier(self.a, "nii")
        other_city = self._barrier(self.b, "amigur")
        url = self._issue(self.amigur)
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, f'data-barrier="{own.pk}"')
        self.assertContains(page, "חסם רגשי: בושה וסטיגמה")
        self.assertNotContains(page, f'data-barrier="{other_agency.pk}"')
        self.assertNotContains(page, f'data-barrier="{other_city.pk}"')
        self.assertNotContains(page, "מר כהן")  # the description never leaves the center
        self.assertEqual(page["Cache-Control"], "no-store")
        with tenant_context(self.a):
            self.assertTrue(
                AccessLog.objects.filter(user=None, action=AccessAction.VIEW, object_type="agency_link").exists()
            )

    def test_counts_across_authorities_are_shown_only_from_k(self) -> None:
        for i in range(6):
            self._barrier(self.a, "amigur", on=dt.date(2026, 10, 1 + i))
            self._barrier(self.b, "amigur", on=dt.date(2026, 10, 1 + i))
        for i in range(3):
            self._barrier(self.b, "amigur", kind="form", on=dt.date(2026, 10, 1 + i))
        page = self.client.get(self._issue(self.amigur))
        national = page.context["national"]
        self.assertEqual(national.total, 15)
        shown = [c for c in national.counts if c is not None]
        self.assertTrue(all(c >= 10 for c in shown), national.counts)
        self.assertIsNone(national.counts[1])  # three forms: fewer than k
        self.assertContains(page, "<td data-national-total>15</td>", html=True)

    def test_the_answer_with_a_commitment_appears_at_the_next_forum_meeting(self) -> None:
        barrier = self._barrier(self.a, "amigur")
        make_initiative(self.a, Kind.FORUM, title="פורום אוקטובר", held_on=dt.date(2026, 10, 20))
        meeting = make_initiative(self.a, Kind.FORUM, title="פורום ינואר", held_on=dt.date(2027, 1, 15))
        url = self._issue(self.amigur)
        answer = {
            "barrier": barrier.pk,
            "response": "הוגדר נוהל מענה בתוך 10 ימי עבודה",
            "commitment": "איש קשר קבוע למרכז",
            "commit_by": "2026-12-31",
        }
        done = self.client.post(url, answer)
        self.assertContains(done, "התשובה נשמרה")
        login(self.client, self.michal)
        page = self.client.get(reverse("community:event", kwargs={"pk": meeting.pk}))
        self.assertContains(page, "הוגדר נוהל מענה בתוך 10 ימי עבודה")
        self.assertContains(page, "התחייבות: איש קשר קבוע למרכז, עד 31.12.2026")
        with tenant_context(self.a):
            saved = AgencyAnswer.objects.get()
            self.assertEqual((saved.organization, saved.commit_by), (self.amigur, dt.date(2026, 12, 31)))
            self.assertTrue(
                AccessLog.objects.filter(user=None, action=AccessAction.CREATE, object_type="agency_answer").exists()
            )
        # The caseworker reads it on the case's barrier card.
        login(self.client, self.dana)
        card = self.client.get(reverse("cases:case", kwargs={"pk": barrier.case_id}))
        self.assertContains(card, "תשובת עמיגור")
        self.assertContains(card, "הוגדר נוהל מענה בתוך 10 ימי עבודה")
        # Another authority's forum does not show it.
        other = make_initiative(self.b, Kind.FORUM, title="פורום באר שבע", held_on=dt.date(2027, 1, 15))
        login(self.client, self.boaz)
        self.assertNotContains(self.client.get(reverse("community:event", kwargs={"pk": other.pk})), "הוגדר נוהל מענה")

    def test_the_answer_form_names_each_missing_field(self) -> None:
        barrier = self._barrier(self.a, "amigur")
        url = self._issue(self.amigur)
        page = self.client.post(url, {"barrier": barrier.pk, "commitment": "לתקן את הטופס"})
        self.assertContains(page, "data-error-summary")
        self.assertContains(page, "נא לכתוב תגובה.", count=2)
        self.assertContains(page, "נא לכתוב עד מתי תתקיים ההתחייבות.", count=2)

    def test_an_agency_cannot_answer_a_barrier_not_its_own(self) -> None:
        self._barrier(self.a, "amigur")
        theirs = self._barrier(self.a, "nii")
        url = self._issue(self.amigur)
        page = self.client.post(url, {"barrier": theirs.pk, "response": "לא שלנו"})
        self.assertEqual(page.status_code, 200)
        with tenant_context(self.a):
            self.assertFalse(AgencyAnswer.objects.exists())

    def test_a_tampered_link_is_refused(self) -> None:
        self._barrier(self.a, "amigur")
        url = self._issue(self.amigur)
        token = url.rstrip("/").rsplit("/", 1)[1]
        forged = reverse(
            "community:agency-barriers", kwargs={"token": token[:-2] + ("AA" if token[-2:] != "AA" else "BB")}
        )
        self.assertEqual(self.client.get(forged).status_code, 403)
        self.assertEqual(self.client.get(reverse("community:agency-barriers", kwargs={"token": "x"})).status_code, 403)
        # A referral link's signature does not open an agency page (its own salt).
        from django.core import signing

        referral_like = signing.TimestampSigner(salt="mizui.cases.referral-link").sign_object(
            {"a": self.a.pk, "l": 1, "n": "x"}
        )
        self.assertEqual(
            self.client.get(reverse("community:agency-barriers", kwargs={"token": referral_like})).status_code, 403
        )

    def test_an_expired_or_revoked_link_is_refused(self) -> None:
        self._barrier(self.a, "amigur")
        url = self._issue(self.amigur)
        with time_machine.travel(NOW + dt.timedelta(days=61), tick=False):
            expired = self.client.get(url)
        self.assertEqual(expired.status_code, 410)
        self.assertContains(expired, "תוקף הקישור פג", status_code=410)
        login(self.client, self.michal)
        with tenant_context(self.a):
            link = self.client.get(reverse("community:agency-links")).context["links"][0]
        self.client.post(reverse("community:agency-link-revoke", kwargs={"pk": link.pk}))
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 410)

    def test_a_new_link_retires_the_previous_one(self) -> None:
        self._barrier(self.a, "amigur")
        first = self._issue(self.amigur)
        second = self._issue(self.amigur)
        self.assertEqual(self.client.get(first).status_code, 410)
        self.assertEqual(self.client.get(second).status_code, 200)

    def test_another_authority_cannot_revoke_or_list_the_links(self) -> None:
        link, _token = make_agency_link(self.a, self.amigur)
        login(self.client, self.boaz)
        self.assertNotContains(self.client.get(reverse("community:agency-links")), "עמיגור</li>")
        revoke = self.client.post(reverse("community:agency-link-revoke", kwargs={"pk": link.pk}))
        self.assertEqual(revoke.status_code, 404)

    def test_the_link_can_be_emailed_to_the_contact_without_naming_a_resident(self) -> None:
        from mizui.cases.models.messages import OutgoingMessage  # queued; the outbox's task sends and retries it

        self._barrier(self.a, "amigur")
        login(self.client, self.michal)
        page = self.client.post(
            reverse("community:agency-links"), {"organization": self.amigur.pk, "email": "south@amigur.test"}
        )
        self.assertContains(page, "הקישור נשלח בדוא״ל אל south@amigur.test.")
        shown = re.search(r'value="(http[^"]+)"', page.content.decode())
        assert shown is not None
        with tenant_context(self.a):
            message = OutgoingMessage.objects.get(recipient=f"agency:{self.amigur.pk}")
        self.assertEqual(message.to, "south@amigur.test")
        self.assertIn(shown.group(1), message.body)
        self.assertNotIn("מר כהן", message.body)

    def test_a_volunteer_cannot_issue_links(self) -> None:
        login(self.client, self.yael)
        self.assertEqual(self.client.get(reverse("community:agency-links")).status_code, 403)


@time_machine.travel(NOW, tick=False)
class RoundTableAnswerTests(MizuiTestCase):
    def test_the_round_table_sees_answers_per_ministry_from_k(self) -> None:
        amigur = Organization.objects.create(key="amigur", name_he="עמיגור")
        nii = Organization.objects.create(key="nii", name_he="המוסד לביטוח לאומי")
        for authority, actor, count in ((self.a, self.dana, 6), (self.b, self.omar, 6)):
            link_amigur, _ = make_agency_link(authority, amigur)
            link_nii, _ = make_agency_link(authority, nii)
            case = make_case(authority)
            with tenant_context(authority):
                for i in range(count):
                    barrier = record_barrier(
                        actor, case, kind="delay", agency="amigur", occurred_on=dt.date(2026, 10, 1 + i)
                    )
                    answer_barrier(
                        link_amigur, barrier.pk, response="נבדק", commitment="תיקון", commit_by=dt.date(2026, 12, 1)
                    )
                few = record_barrier(actor, case, kind="form", agency="nii", occurred_on=dt.date(2026, 10, 2))
                answer_barrier(link_nii, few.pk, response="נבדק")
        national = make_user("national@x.test", "צוות ארצי")
        make_membership(national, self.a, Role.NATIONAL)
        login(self.client, national)
        page = self.client.get(reverse("community:roundtable"))
        rows = {row.name: row for row in page.context["answers"]}
        self.assertEqual((rows["עמיגור"].answered, rows["עמיגור"].commitments), (12, 12))
        self.assertIsNone(rows["המוסד לביטוח לאומי"].answered)  # two answers: fewer than k
        self.assertContains(page, "תשובות הגורמים לפי משרד")
        self.assertNotContains(page, "נבדק")  # counts only, never the answers' text

    def test_the_round_table_names_an_agency_outside_the_catalogue(self) -> None:
        Organization.objects.create(key="probation", name_he="שירות המבחן למבוגרים")
        case = make_case(self.a)
        with tenant_context(self.a):
            for day in range(1, 13):
                record_barrier(self.dana, case, kind="stigma", agency="probation", occurred_on=dt.date(2026, 10, day))
        national = make_user("national@x.test", "צוות ארצי")
        make_membership(national, self.a, Role.NATIONAL)
        login(self.client, national)
        page = self.client.get(reverse("community:roundtable"))
        [row] = page.context["table"].agencies
        self.assertEqual((row.agency, row.barriers), ("שירות המבחן למבוגרים", 12))
