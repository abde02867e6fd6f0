"""A "maybe" right's deciding question answered on the results page itself: one small form per question (the step's
own fields for it, asked alone), posted without JavaScript; the household is screened again and the page says
what changed. A wrong answer comes back with its message at the question, GOV.UK style."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from mizui.screening.forms import question_form
from mizui.test import make_authority

MOTHER = {"birth_date": "1988-05-10", "sex": "female", "marital_status": "divorced", "has_partner": "no"}
# Every step answered as the resident would, but "are you studying?" left blank: income support hangs on it.
STEPS: dict[str, dict[str, Any]] = {
    "children": {"child_1": "2016-02-01", "child_2": "2020-09-15"},
    "work": {"employment": "employed", "months_worked_last_18": "18", "employment_service_registered": "no"},
    "health": {"has_disability": "no"},
    "background": {"new_immigrant": "no", "resident_since_from": "birth", "soldier": "no", "holocaust_survivor": "no"},
    "income": {"income_kinds": ["income_work"], "income_work": "4000", "unpaid_alimony_judgment": "no"},
    "home": {
        "tenure": "renter",
        "rent_monthly": "3200",
        "arnona_area_sqm": "65",
        "owns_other_property": "no",
        "ever_owned_home": "no",
        "car_value": "0",
        "financial_assets": "2000",
        "debt_enforcement_file": "no",
    },
    "benefits": {},
}
STUDENT = "person.student"


class QuestionFormTests(SimpleTestCase):
    def test_a_question_asked_alone_has_only_its_own_fields_and_needs_an_answer(self) -> None:
        answers = {"employment": "employed", "months_worked_last_18": 18}
        form = question_form(STUDENT, "work", answers=answers, missing={STUDENT, "person.employment_service"})
        assert form is not None
        self.assertEqual(list(form.fields), ["student"])
        self.assertTrue(form.fields["student"].required)
        self.assertFalse(form.is_bound)
        blank = question_form(STUDENT, "work", {}, answers=answers, missing={STUDENT})
        assert blank is not None
        self.assertFalse(blank.is_valid())
        # The message names its question ("Select an answer: are you studying…"), not "this field is required".
        self.assertEqual(str(blank.errors["student"][0]), f"נא לבחור תשובה: {blank.fields['student'].label}")

    def test_a_gate_brings_the_facts_it_opens_and_a_fact_brings_its_gate(self) -> None:
        question = "disability.medical_percent"
        form = question_form(question, "health", answers={}, missing={question})
        assert form is not None
        self.assertIn("has_disability", form.fields)
        self.assertTrue(form.fields["has_disability"].required)
        revealed = [name for name, field in form.fields.items() if getattr(field, "reveal_when", None)]
        self.assertTrue(revealed)
        self.assertTrue(all(not form.fields[name].required for name in revealed))

    def test_ids_are_the_questions_own_so_two_forms_on_one_page_never_share_one(self) -> None:
        form = question_form(STUDENT, "work", answers={}, missing={STUDENT})
        assert form is not None
        self.assertEqual(form["student"].auto_id, "person-student-student")


class InlineAnswerTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        make_authority("ashdod-i", "אשדוד", 70)

    def setUp(self) -> None:
        cache.clear()
        self.client.post(reverse("screening:start"), {"language": "he", "authority": "ashdod-i"})
        response = self.client.post(reverse("screening:step", args=["household"]), {**MOTHER, "children_count": "2"})
        while "/check/" not in response["Location"]:
            slug = response["Location"].rstrip("/").split("/")[-1]
            response = self.client.post(response["Location"], STEPS.get(slug, {}))
        self.client.post(reverse("screening:check"))

    def _group(self, html: str, question: str) -> str:
        return html.split(f'data-question="{question}"')[1].split('class="question-group"')[0]

    def test_a_deciding_question_is_answered_in_place_and_the_page_says_what_changed(self) -> None:
        html = self.client.get(reverse("screening:results")).content.decode()
        self.assertIn(f'action="{reverse("screening:answer", args=[STUDENT])}"', html)
        self.assertIn('id="right-income_support"', self._group(html, STUDENT))  # under the question it hangs on
        answered = self.client.post(reverse("screening:answer", args=[STUDENT]), {"student": "no"})
        self.assertRedirects(answered, reverse("screening:results"), fetch_redirect_response=False)
        answers = self.client.session["screener"]["answers"]
        self.assertIs(answers["student"], False)
        self.assertEqual(answers["employment"], "employed")  # the step's other answers are as they were
        self.assertEqual(answers["months_worked_last_18"], 18)
        page = self.client.get(reverse("screening:results")).content.decode()
        change = page.split("data-change")[1].split("</div>")[0]
        self.assertRegex(change, r"אחרי השינוי: <bdi>₪[\d,]+</bdi> בחודש \(לפני: <bdi>₪[\d,]+</bdi>\)")
        self.assertIn("עכשיו כנראה מגיע לכם גם: גמלת הבטחת הכנסה", change)
        self.assertNotIn(f'data-question="{STUDENT}"', page)  # answered: no longer open
        again = self.client.get(reverse("screening:results")).content.decode()
        self.assertNotIn("data-change", again)  # said once

    def test_an_unanswered_question_comes_back_with_its_message_and_the_error_in_the_title(self) -> None:
        before = dict(self.client.session["screener"]["answers"])
        page = self.client.post(reverse("screening:answer", args=[STUDENT]), {})
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        self.assertIn("<title>שגיאה:", html)
        group = self._group(html, STUDENT)
        self.assertIn("data-error-summary", group)
        self.assertIn('href="#person-student-student_0"', group)  # the summary links to the first radio
        self.assertIn('aria-describedby=" person-student-student_error"', group)  # the group tied to its error
        self.assertEqual(html.count("data-error-summary"), 1)
        self.assertEqual(self.client.session["screener"]["answers"], before)

    def test_a_question_no_step_asks_is_not_found(self) -> None:
        self.assertEqual(self.client.post(reverse("screening:answer", args=["agency.check"]), {}).status_code, 404)

    def test_a_shared_copy_shows_no_form(self) -> None:
        shared = self.client.post(reverse("screening:share")).content.decode()
        link = shared.split('id="share-link"')[1].split('value="')[1].split('"')[0]
        html = self.client.get(link).content.decode()
        self.assertNotIn("question-form", html)
        self.assertIn("תשובה על השאלה הזאת תכריע", html)
