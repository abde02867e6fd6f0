"""The credit points of a discharged soldier (Income Tax Ordinance s. 39A) are asked only of those they can matter
to: a young employee is asked whether they finished regular service in the last three years, and once they say
yes, when and for how long; an employee of 45 is not asked; the answers reach the result."""

from __future__ import annotations

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from mizui.screening import questionnaire
from mizui.test import make_authority

WORK = {"employment": "employed", "months_worked_last_18": "18", "employment_service_registered": "no", "student": "no"}


class DischargedSoldierQuestionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        make_authority("ashdod-c", "אשדוד", 70)

    def setUp(self) -> None:
        cache.clear()

    def _to_background(self, birth_date: str) -> str:
        """Answer the household and work steps as a single man who works; return the page the screener goes to."""
        self.client.post(reverse("screening:start"), {"language": "he", "authority": "ashdod-c"})
        household = {"birth_date": birth_date, "sex": "male", "marital_status": "single", "has_partner": "no",
                     "children_count": "0"}  # fmt: skip
        response = self.client.post(reverse("screening:step", args=["household"]), household)
        while "/background/" not in response["Location"]:
            slug = response["Location"].rstrip("/").split("/")[-1]
            answers = WORK if slug == "work" else {"has_disability": "no"}
            response = self.client.post(response["Location"], answers)
        return str(response["Location"])

    def test_it_asks_a_young_employee_whether_and_when_they_finished_service(self) -> None:
        html = self.client.get(self._to_background("2002-04-01")).content.decode()
        self.assertIn('name="recently_discharged"', html)
        self.assertIn('data-reveal-when="recently_discharged"', html)  # the date and the months, after a "yes"
        self.assertIn('name="service_months"', html)

    def test_it_does_not_ask_an_employee_of_45(self) -> None:
        html = self.client.get(self._to_background("1981-04-01")).content.decode()
        self.assertNotIn('name="recently_discharged"', html)

    def test_the_answers_reach_the_household(self) -> None:
        page = self._to_background("2002-04-01")
        answers = {"new_immigrant": "no", "soldier": "no", "holocaust_survivor": "no", "resident_since_from": "birth",
                   "recently_discharged": "yes", "service_end_date": "2025-03-10", "service_months": "32"}  # fmt: skip
        response = self.client.post(page, answers)
        self.assertEqual(response.status_code, 302, response.content.decode()[:1500])
        household = questionnaire.household(self.client.session["screener"]["answers"], authority=None)
        applicant = household["members"][0]
        self.assertIs(applicant["recently_discharged"], True)
        self.assertEqual(str(applicant["service_end_date"]), "2025-03-10")
        self.assertEqual(applicant["service_months"], 32)
