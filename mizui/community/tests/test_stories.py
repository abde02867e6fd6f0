"""Case stories: the stripping tool, consent, a second person's approval, another authority's story, a forum meeting
showing an approved story."""

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
