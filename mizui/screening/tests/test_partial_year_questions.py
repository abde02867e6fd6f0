"""The partial-year tax refund (Income Tax Ordinance ss. 33A and 121) is asked only of those it can matter to: an
employee with a gap in the last 18 months is asked on the income step in how many months of last year a salary was
paid; a whole year (12) ends it, while 1 to 11 months bring the average salary of those months on the next step; an
employee who worked all of the last 18 months, an immigrant who arrived this year (not resident last year) and a
pensioner are not asked; the answers reach the household."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from mizui.screening import questionnaire
from mizui.test import make_authority

BACKGROUND = {"new_immigrant": "no", "soldier": "no", "holocaust_survivor": "no", "resident_since_from": "birth"}
INCOME = {"income_kinds": ["income_work"], "income_work": "9000"}


class PartialYearQuestionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        make_authority("ashdod-py", "אשדוד", 70)

    def setUp(self) -> None:
        cache.clear()

    def _to(
        self, step: str, employment: str, background: dict[str, str], birth_date: str = "1981-04-01", worked: str = "10"
    ) -> str:
        """Walk the screener afresh as a single man (45 unless born otherwise) up to ``step``; return its address (to
        be read with the new ``self.client``)."""
        self.client = self.client_class()
        self.client.post(reverse("screening:start"), {"language": "he", "authority": "ashdod-py"})
        household = {"birth_date": birth_date, "sex": "male", "marital_status": "single", "has_partner": "no",
                     "children_count": "0"}  # fmt: skip
        response = self.client.post(reverse("screening:step", args=["household"]), household)
        work = {"employment": employment, "months_worked_last_18": worked, "employment_service_registered": "no",
                "student": "no"}  # fmt: skip
        answers = {"work": work, "health": {"has_disability": "no"}, "background": background, "income": INCOME}
        while f"/{step}/" not in response["Location"]:
            slug = response["Location"].rstrip("/").split("/")[-1]
            response = self.client.post(response["Location"], answers[slug])
            self.assertEqual(response.status_code, 302, response.content.decode()[:1500])
        return str(response["Location"])

    def test_it_asks_an_employee_the_months_of_last_year_on_the_income_step(self) -> None:
        page = self._to("income", "employed", BACKGROUND)
        html = self.client.get(page).content.decode()
        self.assertIn('name="last_year_months_worked"', html)
        self.assertNotIn('name="last_year_monthly_salary"', html)

    def test_a_whole_year_ends_it_and_some_months_bring_the_salary(self) -> None:
        for months, asked in (("12", False), ("6", True)):
            with self.subTest(months=months):
                page = self._to("income", "employed", BACKGROUND)
                response = self.client.post(page, {**INCOME, "last_year_months_worked": months})
                self.assertEqual(response.status_code, 302, response.content.decode()[:1500])
                html = self.client.get(response["Location"]).content.decode()
                self.assertEqual('name="last_year_monthly_salary"' in html, asked, response["Location"])

    def test_it_does_not_ask_a_steady_employee_an_immigrant_who_arrived_this_year_nor_a_pensioner(self) -> None:
        arrived = dt.date(dt.date.today().year, 1, 1).isoformat()  # noqa: DTZ011
        immigrant = {**BACKGROUND, "new_immigrant": "yes", "immigration_date": arrived, "resident_since_from": "date",
                     "resident_since": arrived}  # fmt: skip
        for employment, background, born, worked in (
            ("employed", BACKGROUND, "1981-04-01", "18"),
            ("unemployed", immigrant, "1981-04-01", "10"),
            ("retired", BACKGROUND, "1955-04-01", "0"),
        ):
            with self.subTest(employment=employment):
                page = self._to("income", employment, background, born, worked)
                html = self.client.get(page).content.decode()
                self.assertIn('name="income_kinds"', html)  # the income step itself
                self.assertNotIn('name="last_year_months_worked"', html)

    def test_the_answers_reach_the_household(self) -> None:
        page = self._to("income", "employed", BACKGROUND)
        response = self.client.post(page, {**INCOME, "last_year_months_worked": "6"})
        home = response["Location"]
        self.assertIn("/home/", home)
        answers = {"tenure": "renter", "rent_monthly": "3000", "arnona_area_sqm": "60", "owns_other_property": "no",
                   "ever_owned_home": "no", "car_value": "0", "financial_assets": "0", "debt_enforcement_file": "no",
                   "last_year_monthly_salary": "12000"}  # fmt: skip
        self.client.post(home, answers)
        household = questionnaire.household(self.client.session["screener"]["answers"], authority=None)
        applicant = household["members"][0]
        self.assertEqual(applicant["last_year_months_worked"], 6)
        self.assertEqual(applicant["last_year_monthly_salary"], 12000)
