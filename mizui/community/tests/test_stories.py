"""Case stories: the stripping tool, consent, a second person's approval, another authority's story, a forum meeting
showing an approved story, and the monthly report printing the stories staff chose for it."""

from __future__ import annotations

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import AccessAction, AccessLog, Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Case, CaseStatus, ConsentMethod
from mizui.community.models import CaseStory, Kind, StoryFlag, StoryStatus
from mizui.community.services.stories import strip_story, write_story
from mizui.community.services.training import CommunityError
from mizui.community.tests.factories import make_initiative, make_story
from mizui.test import MizuiTestCase, login, make_case, make_membership, make_user

SAMPLE = (
    "מרים בן חיים, ת.ז. 123456782, גרה ברח' הרצל 12 באשדוד. ב-12/03/2024 פנתה למרכז, "
    "וביום 2024-05-01 קיבלה תשובה. הטלפון שלה 052-123 4567. למרים יש שני ילדים והיא עובדת בניקיון."
)


class StripTests(SimpleTestCase):
    def test_it_removes_a_name_an_id_a_phone_an_address_and_a_date_and_keeps_the_rest(self) -> None:
        result = strip_story(SAMPLE, names=["מרים בן חיים"], addresses=["הרצל 12, אשדוד"])
        text = result.text
        for gone in ("מרים", "חיים", "123456782", "052-123 4567", "הרצל 12", "12/03/2024", "2024-05-01"):
            self.assertNotIn(gone, text)
        self.assertIn("[שם]", text)
        self.assertIn("ל[שם] יש", text)
        self.assertIn("[מספר זהות]", text)
        self.assertIn("[טלפון]", text)
        self.assertIn("[כתובת]", text)
        self.assertIn("מרץ 2024", text)
        self.assertIn("מאי 2024", text)
        self.assertIn("פנתה למרכז", text)
        self.assertIn("יש שני ילדים והיא עובדת בניקיון", text)
        self.assertEqual(result.flags, [])

    def test_the_resident_s_own_address_string_and_short_years_are_removed(self) -> None:
        text = strip_story("גרה בשדרות ירושלים 4 דירה 2, עברה ב-3.4.21", addresses=["שדרות ירושלים 4 דירה 2"]).text
        self.assertEqual(text, "גרה ב[כתובת], עברה ב-[תאריך]")

    def test_it_flags_a_rare_combination_of_facts(self) -> None:
        result = strip_story("אישה בת 94 מאריתריאה, אם לשבעה ילדים, גרה במושב נחלים, ולה 7 ילדים.")
        self.assertEqual(
            result.flags,
            [StoryFlag.OLD_AGE, StoryFlag.MANY_CHILDREN, StoryFlag.RARE_ORIGIN, StoryFlag.SMALL_LOCALITY],
        )
        self.assertEqual(strip_story("אישה בת 74 ולה 3 ילדים").flags, [])


class StoryWorkflowTests(MizuiTestCase):
    def test_an_open_case_cannot_get_a_story(self) -> None:
        case = make_case(self.a)
        with tenant_context(self.a), self.assertRaises(CommunityError):
            write_story(self.dana, case, text="סיפור", consent_method=ConsentMethod.SIGNATURE)
        login(self.client, self.dana)
        page = self.client.get(reverse("community:story-new", kwargs={"pk": case.pk}))
        self.assertContains(page, "רק מתיק סגור")
        self.assertNotContains(page, 'name="text"')

    def test_the_author_cannot_approve_their_own_story(self) -> None:
        story = make_story(self.a)  # written by the first manager, Michal
        login(self.client, self.michal)
        self.client.post(reverse("community:story-approve", kwargs={"pk": story.pk}), {"stripped_text": "x"})
        with tenant_context(self.a):
            story.refresh_from_db()
        self.assertEqual(story.status, StoryStatus.DRAFT)
        page = self.client.get(reverse("community:story", kwargs={"pk": story.pk}))
        self.assertContains(page, "צריך אישור של איש/אשת צוות אחר/ת")

    def test_a_volunteer_cannot_approve(self) -> None:
        story = make_story(self.a)
        login(self.client, self.yael)
        response = self.client.post(reverse("community:story-approve", kwargs={"pk": story.pk}), {"stripped_text": "x"})
        self.assertIn(response.status_code, (403, 404))

    def test_another_lawyer_approves_after_ticking_the_flags_and_the_forum_meeting_shows_it(self) -> None:
        story = make_story(self.a, "תושבת בת 95 קיבלה קצבת סיעוד.")
        self.assertEqual(story.flags, [StoryFlag.OLD_AGE])
        meeting = make_initiative(self.a, Kind.FORUM, title="פורום רבעוני")
        login(self.client, self.dana)
        url = reverse("community:story-approve", kwargs={"pk": story.pk})
        page = self.client.post(url, {"stripped_text": "תושבת מבוגרת קיבלה קצבת סיעוד."}, follow=True)
        self.assertContains(page, "יש לסמן שבדקת")
        self.client.post(url, {"stripped_text": "תושבת מבוגרת קיבלה קצבת סיעוד.", "flags": ["old_age"]})
        with tenant_context(self.a):
            story.refresh_from_db()
        self.assertEqual((story.status, story.approved_by), (StoryStatus.APPROVED, self.dana))
        self.client.post(reverse("community:story-meeting", kwargs={"pk": story.pk}), {"meeting": meeting.pk})
        forum = self.client.get(reverse("community:event", kwargs={"pk": meeting.pk}))
        self.assertContains(forum, f'data-story="{story.pk}"')
        self.assertContains(forum, "תושבת מבוגרת קיבלה קצבת סיעוד.")
        self.assertNotContains(forum, "בת 95")

    def test_another_authority_s_story_is_a_404_and_logged(self) -> None:
        story = make_story(self.a)
        login(self.client, self.omar)
        self.assertEqual(self.client.get(reverse("community:story", kwargs={"pk": story.pk})).status_code, 404)
        login(self.client, self.dana)
        self.client.get(reverse("community:story", kwargs={"pk": story.pk}))
        with tenant_context(self.a):
            self.assertTrue(
                AccessLog.objects.filter(
                    action=AccessAction.VIEW, object_type="story", object_id=str(story.pk)
                ).exists()
            )

    def test_a_story_is_written_from_a_closed_case_with_consent_and_stripped(self) -> None:
        coordinator = make_user("coord@a.test", "שירן רכזת")
        make_membership(coordinator, self.a, Role.COORDINATOR)
        case = make_case(self.a, full_name="אסתר מלכה", phone="0541234567")
        with tenant_context(self.a):
            Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_at=timezone.now())
        login(self.client, coordinator)
        url = reverse("community:story-new", kwargs={"pk": case.pk})
        refused = self.client.post(url, {"text": "אסתר קיבלה את הזכות."})
        self.assertContains(refused, "error-summary")
        response = self.client.post(
            url, {"text": "אסתר מלכה (0541234567) קיבלה את הזכות.", "consent_method": "signature", "consent": "on"}
        )
        with tenant_context(self.a):
            story = CaseStory.objects.get()
        self.assertRedirects(response, reverse("community:story", kwargs={"pk": story.pk}))
        self.assertEqual(story.stripped_text, "[שם] ([טלפון]) קיבלה את הזכות.")
        self.assertEqual(story.consent_confirmed_by, coordinator)


def _pdf_text(content: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


class StoriesInReportsTests(MizuiTestCase):
    def _approved(self, text: str, stripped: str) -> CaseStory:
        story = make_story(self.a, text)
        login(self.client, self.dana)
        self.client.post(
            reverse("community:story-approve", kwargs={"pk": story.pk}),
            {"stripped_text": stripped, "flags": story.flags},
        )
        with tenant_context(self.a):
            story.refresh_from_db()
        self.assertEqual(story.status, StoryStatus.APPROVED)
        return story

    def test_staff_choose_an_approved_story_and_the_months_pdf_prints_its_stripped_text_only(self) -> None:
        story = self._approved("תושבת בת 95 מרחוב הרצל קיבלה קצבת סיעוד.", "תושבת מבוגרת קיבלה קצבת סיעוד.")
        chosen = self.client.post(
            reverse("community:story-report", kwargs={"pk": story.pk}), {"month": "2026-03"}, follow=True
        )
        self.assertContains(chosen, "יודפס בדוח החודשי של 03/2026")
        self.assertContains(self.client.get(reverse("community:stories")), "בדוח החודשי של")
        other = self._approved("תושב קיבל הנחה בארנונה.", "תושב קיבל הנחה בארנונה אחרי ערר.")  # not chosen
        draft = make_story(self.a, "טיוטה שלא אושרה על דמי אבטלה.")
        with tenant_context(self.a):
            CaseStory.objects.filter(pk=draft.pk).update(report_month="2026-03-01")  # never printed unapproved
        dashboard = self.client.get(reverse("outcomes:dashboard"))
        self.assertContains(dashboard, "data-report-stories")
        pdf = self.client.get(reverse("outcomes:report-pdf"), {"month": "2026-03"})
        text = _pdf_text(pdf.content)
        self.assertIn("תושבת מבוגרת קיבלה קצבת סיעוד", text)
        for hidden in ("בת 95", "הרצל", "ערר", "דמי אבטלה"):
            self.assertNotIn(hidden, text)
        other_month = _pdf_text(self.client.get(reverse("outcomes:report-pdf"), {"month": "2026-04"}).content)
        self.assertNotIn("קצבת סיעוד", other_month)
        with tenant_context(self.a):
            exported = set(
                AccessLog.objects.filter(action=AccessAction.EXPORT, object_type="story").values_list(
                    "object_id", flat=True
                )
            )
        self.assertEqual(exported, {str(story.pk)})
        self.assertNotEqual(other.pk, story.pk)

    def test_a_draft_cannot_be_chosen_and_a_story_can_be_taken_out(self) -> None:
        draft = make_story(self.a)
        login(self.client, self.dana)
        page = self.client.post(
            reverse("community:story-report", kwargs={"pk": draft.pk}), {"month": "2026-03"}, follow=True
        )
        self.assertContains(page, "רק סיפור מאושר")
        story = self._approved("תושבת קיבלה קצבת סיעוד.", "תושבת קיבלה קצבת סיעוד.")
        url = reverse("community:story-report", kwargs={"pk": story.pk})
        self.client.post(url, {"month": "2026-03"})
        self.client.post(url, {"month": ""})
        with tenant_context(self.a):
            draft.refresh_from_db()
            story.refresh_from_db()
        self.assertEqual((draft.report_month, story.report_month), (None, None))

    def test_a_volunteer_or_another_authority_cannot_choose(self) -> None:
        story = self._approved("תושבת קיבלה קצבת סיעוד.", "תושבת קיבלה קצבת סיעוד.")
        url = reverse("community:story-report", kwargs={"pk": story.pk})
        for intruder in (self.yael, self.omar, self.boaz):
            login(self.client, intruder)
            with self.subTest(intruder=intruder.email):
                self.assertIn(self.client.post(url, {"month": "2026-03"}).status_code, (403, 404))
        with tenant_context(self.a):
            story.refresh_from_db()
        self.assertIsNone(story.report_month)
