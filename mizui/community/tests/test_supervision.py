"""Supervision and quality review: sessions, the center's checklist, reviews with feedback the volunteer reads (and
only their own), holding a volunteer back a tier until re-trained, and the coordinator's list of who is due."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from mizui.accounts.models import AccessAction, AccessLog, Role
from mizui.accounts.tenancy import tenant_context
from mizui.community.models import ChecklistItem, QualityReview, ReviewAnswer, SupervisionSession
from mizui.community.tests.factories import (
    make_checklist_item,
    make_review,
    make_session,
    make_volunteer,
)
from mizui.test import MizuiTestCase, login, make_case, make_membership, make_user


class SupervisionSessionTests(MizuiTestCase):
    def test_it_records_a_session_with_volunteers_topics_and_cases(self) -> None:
        yael = make_volunteer(self.a, user=self.yael)
        other = make_volunteer(self.a, email="other@v.test")
        case = make_case(self.a, volunteer=self.yael)
        login(self.client, self.michal)
        response = self.client.post(
            reverse("community:supervision"),
            {
                "held_on": "2026-11-30",
                "supervisor": self.dana.pk,
                "volunteers": [yael.pk, other.pk],
                "topics": ["documents", "privacy"],
                "cases": [case.pk],
                "notes": "מסמכי הבנק של משפחת כהן",
            },
        )
        with tenant_context(self.a):
            session = SupervisionSession.objects.get()
        self.assertRedirects(response, reverse("community:supervision-session", kwargs={"pk": session.pk}))
        page = self.client.get(response["Location"])
        self.assertContains(page, "דנה לוי")
        self.assertContains(page, "מסמכים וטפסים, פרטיות וסודיות")
        self.assertContains(page, f"תיק {case.pk}")
        self.assertContains(page, "מסמכי הבנק של משפחת כהן")
        # The volunteer sees the session on their own page, but not the supervisor's notes.
        login(self.client, self.yael)
        me = self.client.get(reverse("community:me"))
        self.assertContains(me, f'data-session="{session.pk}"')
        self.assertNotContains(me, "מסמכי הבנק")

    def test_it_refuses_a_session_without_volunteers_with_a_summary_and_field_messages(self) -> None:
        make_volunteer(self.a, user=self.yael)
        login(self.client, self.michal)
        page = self.client.post(
            reverse("community:supervision"), {"held_on": "2026-11-30", "supervisor": self.michal.pk}
        )
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "data-error-summary")
        self.assertContains(page, "נא לבחור לפחות מתנדב/ת אחד/ת.", count=2)  # the summary and the field
        self.assertContains(page, "נא לבחור לפחות נושא אחד.", count=2)
        with tenant_context(self.a):
            self.assertFalse(SupervisionSession.objects.exists())

    def test_it_refuses_a_case_of_a_volunteer_not_in_the_session(self) -> None:
        yael = make_volunteer(self.a, user=self.yael)
        other = make_volunteer(self.a, email="other@v.test")
        case = make_case(self.a, volunteer=other.user)
        login(self.client, self.michal)
        page = self.client.post(
            reverse("community:supervision"),
            {
                "held_on": "2026-11-30",
                "supervisor": self.michal.pk,
                "volunteers": [yael.pk],
                "topics": ["documents"],
                "cases": [case.pk],
            },
        )
        self.assertContains(page, "אפשר לדון רק בתיקים ששויכו למתנדבים שבמפגש.")

    def test_another_authoritys_session_is_404_and_logged(self) -> None:
        session = make_session(self.a)
        login(self.client, self.boaz)
        self.assertEqual(
            self.client.get(reverse("community:supervision-session", kwargs={"pk": session.pk})).status_code, 404
        )
        with tenant_context(self.b, self.boaz):
            denial = AccessLog.objects.get(action=AccessAction.DENIED, object_type="supervision")
        self.assertEqual(denial.object_id, str(session.pk))

    def test_a_volunteer_may_not_open_the_supervision_pages(self) -> None:
        session = make_session(self.a)
        login(self.client, self.yael)
        self.assertEqual(self.client.get(reverse("community:supervision")).status_code, 403)
        self.assertEqual(
            self.client.get(reverse("community:supervision-session", kwargs={"pk": session.pk})).status_code, 403
        )


class ChecklistTests(MizuiTestCase):
    def test_the_coordinator_adds_edits_and_retires_items_and_past_reviews_keep_their_words(self) -> None:
        login(self.client, self.michal)
        self.client.post(reverse("community:checklist"), {"suggested": "1"})
        with tenant_context(self.a):
            items = list(ChecklistItem.objects.for_authority(self.a).order_by("position"))
        self.assertGreaterEqual(len(items), 5)
        self.client.post(reverse("community:checklist"), {"text": "התושב/ת קיבל/ה סיכום כתוב"})
        review = make_review(self.a)
        first = items[0]
        old_words = first.text
        url = reverse("community:checklist-item", kwargs={"pk": first.pk})
        self.assertRedirects(
            self.client.post(url, {"text": "נוסח חדש", "retire": "on"}), reverse("community:checklist")
        )
        page = self.client.get(reverse("community:checklist"))
        self.assertContains(page, "<s>נוסח חדש</s>", html=True)
        self.assertContains(page, "התושב/ת קיבל/ה סיכום כתוב")
        self.assertContains(self.client.get(reverse("community:review", kwargs={"pk": review.pk})), old_words)
        # The next review no longer asks the retired item.
        volunteer = make_volunteer(self.a, email="next@v.test")
        make_case(self.a, volunteer=volunteer.user)
        form = self.client.get(reverse("community:volunteer-review", kwargs={"pk": volunteer.pk})).context["form"]
        self.assertNotIn(f"item_{first.pk}", form.fields)
        self.assertIn(f"item_{items[1].pk}", form.fields)

    def test_an_empty_item_is_refused_with_a_message_on_the_field(self) -> None:
        login(self.client, self.michal)
        page = self.client.post(reverse("community:checklist"), {"text": "  "})
        self.assertContains(page, "נא לכתוב את הסעיף.", count=2)

    def test_another_authoritys_checklist_is_invisible(self) -> None:
        item = make_checklist_item(self.a, "סעיף של אשדוד")
        login(self.client, self.boaz)
        self.assertNotContains(self.client.get(reverse("community:checklist")), "סעיף של אשדוד")
        url = reverse("community:checklist-item", kwargs={"pk": item.pk})
        self.assertEqual(self.client.post(url, {"text": "נפרץ"}).status_code, 404)


class QualityReviewTests(MizuiTestCase):
    def _review_form(self, volunteer_pk: int, case_pk: int, items: list[ChecklistItem], **extra: str) -> dict[str, str]:
        data = {"case": str(case_pk), "reviewed_on": "2026-11-30", **{f"item_{i.pk}": "met" for i in items}}
        return {**data, **extra}

    def test_a_review_with_feedback_reaches_the_volunteer_and_only_them(self) -> None:
        yael = make_volunteer(self.a, user=self.yael)
        case = make_case(self.a, volunteer=self.yael)
        items = [make_checklist_item(self.a, "מסמכים"), make_checklist_item(self.a, "הסבר לתושב/ת")]
        login(self.client, self.michal)
        page = self.client.get(reverse("community:volunteer-review", kwargs={"pk": yael.pk}))
        self.assertContains(page, f'data-sample="{case.pk}"')
        response = self.client.post(
            reverse("community:volunteer-review", kwargs={"pk": yael.pk}),
            self._review_form(
                yael.pk,
                case.pk,
                items,
                outcome="improve",
                feedback="כדאי לבקש גם תלוש שכר אחרון",
                **{f"item_{items[1].pk}": "not_met"},
            ),
        )
        with tenant_context(self.a):
            review = QualityReview.objects.get()
            answers = dict(ReviewAnswer.objects.filter(review=review).values_list("item_text", "result"))
        self.assertRedirects(response, reverse("community:review", kwargs={"pk": review.pk}))
        self.assertEqual(answers, {"מסמכים": "met", "הסבר לתושב/ת": "not_met"})
        # Another volunteer's review, with feedback Yael must never see.
        others = make_review(self.a, feedback="משוב פרטי למתנדבת אחרת")
        login(self.client, self.yael)
        me = self.client.get(reverse("community:me"))
        self.assertContains(me, "כדאי לבקש גם תלוש שכר אחרון")
        self.assertNotContains(me, "משוב פרטי למתנדבת אחרת")
        own = self.client.get(reverse("community:review", kwargs={"pk": review.pk}))
        self.assertContains(own, "כדאי לבקש גם תלוש שכר אחרון")
        self.assertEqual(self.client.get(reverse("community:review", kwargs={"pk": others.pk})).status_code, 404)
        with tenant_context(self.a, self.yael):
            self.assertTrue(
                AccessLog.objects.filter(
                    user=self.yael, action=AccessAction.VIEW, object_type="quality_review", object_id=str(review.pk)
                ).exists()
            )

    def test_feedback_is_required_unless_all_is_well(self) -> None:
        yael = make_volunteer(self.a, user=self.yael)
        case = make_case(self.a, volunteer=self.yael)
        items = [make_checklist_item(self.a)]
        login(self.client, self.michal)
        page = self.client.post(
            reverse("community:volunteer-review", kwargs={"pk": yael.pk}),
            self._review_form(yael.pk, case.pk, items, outcome="problem"),
        )
        self.assertContains(page, "נא לכתוב משוב למתנדב/ת: מה לשפר.", count=2)
        page = self.client.post(
            reverse("community:volunteer-review", kwargs={"pk": yael.pk}),
            {"case": case.pk, "reviewed_on": "2026-11-30", "outcome": "good"},
        )
        self.assertContains(page, "נא לענות על הסעיף.", count=2)

    def test_a_problem_holds_the_volunteer_back_a_tier_until_retrained(self) -> None:
        yael = make_volunteer(self.a, user=self.yael, tier="documents")
        case = make_case(self.a, volunteer=self.yael)
        items = [make_checklist_item(self.a)]
        login(self.client, self.michal)
        self.client.post(
            reverse("community:volunteer-review", kwargs={"pk": yael.pk}),
            self._review_form(
                yael.pk, case.pk, items, outcome="problem", feedback="הועלה מסמך של תושב אחר", hold_back="on"
            ),
        )
        self.yael_at_a.refresh_from_db()
        self.assertEqual(self.yael_at_a.volunteer_tier, "screen")
        # Held back: documents are closed to her now (cases reads the tier).
        login(self.client, self.yael)
        self.assertContains(self.client.get(reverse("community:me")), "data-held-back")
        login(self.client, self.michal)
        self.assertContains(self.client.get(reverse("community:supervision")), "הורד/ה בשלב")
        self.client.post(reverse("community:volunteer-retrained", kwargs={"pk": yael.pk}))
        self.yael_at_a.refresh_from_db()
        self.assertEqual(self.yael_at_a.volunteer_tier, "documents")

    def test_only_a_case_of_the_volunteer_can_be_reviewed(self) -> None:
        yael = make_volunteer(self.a, user=self.yael)
        make_case(self.a, volunteer=self.yael)
        stranger_case = make_case(self.a)
        items = [make_checklist_item(self.a)]
        login(self.client, self.michal)
        page = self.client.post(
            reverse("community:volunteer-review", kwargs={"pk": yael.pk}),
            self._review_form(yael.pk, stranger_case.pk, items, outcome="good"),
        )
        self.assertEqual(page.status_code, 200)
        with tenant_context(self.a):
            self.assertFalse(QualityReview.objects.exists())

    def test_another_authority_cannot_open_a_review(self) -> None:
        review = make_review(self.a)
        login(self.client, self.boaz)
        self.assertEqual(self.client.get(reverse("community:review", kwargs={"pk": review.pk})).status_code, 404)


class DueListTests(MizuiTestCase):
    def test_it_lists_who_is_due_for_supervision_or_review(self) -> None:
        with time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC), tick=False):
            supervised = make_volunteer(self.a, email="s@v.test")
            make_session(self.a, supervised)
        with time_machine.travel(dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC), tick=False):
            recent = make_volunteer(self.a, email="r@v.test")
            make_session(self.a, recent)
            make_review(self.a, recent)
            never = make_volunteer(self.a, email="n@v.test")
            make_case(self.a, volunteer=never.user)
        with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), tick=False):
            login(self.client, self.michal)
            page = self.client.get(reverse("community:supervision"))
        rows = {row.volunteer.pk: row for row in page.context["due"]}
        self.assertTrue(rows[supervised.pk].supervision_due)  # last supervised in June
        self.assertFalse(rows[supervised.pk].review_due)  # no cases to review
        self.assertFalse(rows[recent.pk].supervision_due or rows[recent.pk].review_due)
        self.assertTrue(rows[never.pk].supervision_due and rows[never.pk].review_due)
        self.assertContains(page, reverse("community:volunteer-review", kwargs={"pk": never.pk}))
        self.assertEqual([r.volunteer.pk for r in page.context["due"]][-1], recent.pk)

    def test_a_volunteer_of_another_authority_is_not_listed(self) -> None:
        user = make_user("b-vol@b.test", "מתנדב באר שבע")
        make_membership(user, self.b, Role.VOLUNTEER)
        make_session(self.b, make_volunteer(self.b, user=user))
        login(self.client, self.michal)
        page = self.client.get(reverse("community:supervision"))
        self.assertNotContains(page, "מתנדב באר שבע")
