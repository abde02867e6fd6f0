"""The public screener, as a resident uses it: adaptive steps, results with reasons, what-if, PDF."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from typing import Any

import time_machine
from django.core.cache import cache
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

import eligibility
from eligibility.inputs import inputs
from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.screening import questionnaire
from mizui.screening.forms import FORMS
from mizui.screening.models import Screening, ScreeningTally
from mizui.screening.services import run_screening
from mizui.test import make_authority

HOUSEHOLD = {
    "birth_date": "1985-03-01",
    "sex": "female",
    "marital_status": "divorced",
    "has_partner": "no",
    "children_count": "2",
}
ANSWERS: dict[str, dict[str, Any]] = {
    "children": {"child_1": "2015-03-01", "child_2": "2019-06-01"},
    "work": {"employment": "employed", "months_worked_last_18": "12", "employment_service_registered": "no"},
    "health": {"has_disability": "no"},
    "background": {"new_immigrant": "no", "soldier": "no", "holocaust_survivor": "no"},
    "income": {"income_kinds": ["income_work"], "income_work": "4200", "last_year_months_worked": "12"},
    "home": {"tenure": "renter", "rent_monthly": "3500", "arnona_area_sqm": "70", "owns_other_property": "no"},
    "benefits": {},
}


class ScreenerTests(TestCase):
    city: Authority

    @classmethod
    def setUpTestData(cls) -> None:
        cls.city = make_authority("ashdod-s", "אשדוד", 70)

    def setUp(self) -> None:
        cache.clear()

    def _walk(self, household=HOUSEHOLD, language="he", authority="ashdod-s", answers=ANSWERS):
        """Answer every step the screener shows; return the slugs shown, in order."""
        self.client.post(reverse("screening:start"), {"language": language, "authority": authority})
        response = self.client.post(reverse("screening:step", args=["household"]), household)
        shown = ["household"]
        while "/check/" not in response["Location"]:
            slug = response["Location"].rstrip("/").split("/")[-1]
            shown.append(slug)
            response = self.client.post(response["Location"], answers[slug])
            self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        self.assertRedirects(self.client.post(reverse("screening:check")), reverse("screening:results"))
        return shown

    def test_it_asks_only_steps_that_can_still_change_an_answer(self) -> None:
        self.client.post(reverse("screening:start"), {"language": "he", "authority": ""})
        response = self.client.post(reverse("screening:step", args=["household"]), HOUSEHOLD)
        while "/check/" not in response["Location"]:
            slug = response["Location"].rstrip("/").split("/")[-1]
            state = self.client.session["screener"]
            result = questionnaire.household(state["answers"], authority=None)
            missing = questionnaire.missing_questions(run_screening(result))
            step = questionnaire.BY_SLUG[slug]
            with self.subTest(step=slug):
                self.assertTrue(
                    slug == "children" or step.asks & missing, f"{slug} asked though nothing it asks is open"
                )
            response = self.client.post(response["Location"], ANSWERS[slug])

    def _section(self, title_id: str) -> str:
        html = self.client.get(reverse("screening:results")).content.decode()
        return html.split(f'id="{title_id}"')[1].split("</section>")[0] if f'id="{title_id}"' in html else ""

    def test_no_disability_in_the_household_decides_every_members_disability_facts(self) -> None:
        # A mother of two answers that nobody in the household has a disability: no right that needs one (the
        # arnona discount for the blind among them) may stay "maybe" because a child's facts were left open.
        self._walk()
        household = questionnaire.household(self.client.session["screener"]["answers"], authority=None)
        none = {"medical_percent": 0, "incapacity_percent": 0, "blind": False, "receives_general_disability": False}
        self.assertEqual([m["role"] for m in household["members"]], ["applicant", "child", "child"])
        for member in household["members"]:
            self.assertEqual(member["disability"], none)
            self.assertIs(member["chronic_illness"], False)
        self.assertNotIn('id="right-arnona_blind"', self._section("maybe-title"))
        missing = questionnaire.missing_questions(run_screening(household))
        self.assertFalse({q for q in missing if q.startswith("disability.")})

    def test_a_couple_who_answers_every_step_leaves_no_fact_of_the_partner_open(self) -> None:
        # A working mother of two and her partner who does not work: a couple's income support also reads the
        # partner's studies, service and employment test, so the steps ask them of the partner; before, no step did,
        # and the right stayed "maybe" on a question the results asked of "you", who had already answered it.
        couple = {
            **HOUSEHOLD,
            "marital_status": "married",
            "has_partner": "yes",
            "partner_birth_date": "1996-05-01",
            "partner_sex": "male",
        }
        steps = {
            **ANSWERS,
            "work": {
                **ANSWERS["work"],
                **{
                    "partner_employment": "not_working",
                    "partner_employment_service_registered": "no",
                    "student": "no",
                    "partner_student": "no",
                },
            },
            "background": {
                **ANSWERS["background"],
                "partner_soldier": "no",
                "resident_since_from": "birth",
                "partner_resident_since": "1996-05-01",
            },
            "income": {**ANSWERS["income"], "partner_income_kinds": ["none"]},
        }
        self._walk(household=couple, answers=steps)
        household = questionnaire.household(self.client.session["screener"]["answers"], authority=None)
        partner = household["members"][1]
        self.assertEqual(
            (partner["role"], partner["sex"], partner["student"], partner["soldier"]), ("partner", "male", False, False)
        )
        result = run_screening(household)
        open_facts = {
            p["id"]: [m["id"] for m in p["missing"] if m["id"].startswith("person.")]
            for p in result["programs"]
            if p["status"] == "maybe"
        }
        self.assertEqual({pid: ids for pid, ids in open_facts.items() if ids}, {})

    def test_no_income_of_a_kind_is_zero_never_unknown(self) -> None:
        # "Which of these do you have?": work only, so every other kind is none (0), not unknown.
        self._walk()
        household = questionnaire.household(self.client.session["screener"]["answers"], authority=None)
        self.assertEqual(
            household["members"][0]["income"],
            {"work": 4200, "pension_occupational": 0, "nii_benefits": 0, "alimony": 0, "capital": 0, "other": 0},
        )
        # Every income known, the arnona income test is decided: 4,200 a month for a mother of two qualifies.
        self.assertIn('id="right-arnona_income_test"', self._section("eligible-title"))
        income = self.client.get(reverse("screening:step", args=["income"]))
        self.assertContains(income, 'value="4200"')
        html = income.content.decode()
        self.assertRegex(html, r'name="income_kinds" value="income_work"[^>]*checked')
        self.assertNotRegex(html, r'name="income_kinds" value="income_alimony"[^>]*checked')

    def test_it_refuses_none_and_an_income_at_once_and_a_ticked_income_without_its_amount(self) -> None:
        self.client.post(reverse("screening:start"), {"language": "he", "authority": ""})
        self.client.post(reverse("screening:step", args=["household"]), {**HOUSEHOLD, "children_count": "0"})
        page = self.client.post(
            reverse("screening:step", args=["income"]), {"income_kinds": ["income_work", "none"], "income_work": "4200"}
        )
        self.assertEqual(page.status_code, 200)
        self.assertEqual(list(page.context["form"].errors), ["income_kinds"])
        page = self.client.post(reverse("screening:step", args=["income"]), {"income_kinds": ["income_alimony"]})
        self.assertEqual(list(page.context["form"].errors), ["income_alimony"])
        self.assertContains(page, "נא לכתוב סכום")
        page = self.client.post(reverse("screening:step", args=["income"]), {})
        self.assertEqual(list(page.context["form"].errors), ["income_kinds"])

    def test_the_answers_are_shown_for_checking_each_with_a_link_to_change_it(self) -> None:
        self.client.post(reverse("screening:start"), {"language": "he", "authority": "ashdod-s"})
        response = self.client.post(reverse("screening:step", args=["household"]), HOUSEHOLD)
        while "/check/" not in response["Location"]:
            slug = response["Location"].rstrip("/").split("/")[-1]
            response = self.client.post(response["Location"], ANSWERS[slug])
        page = self.client.get(reverse("screening:check"))
        html = page.content.decode()
        self.assertIn("01.03.1985", html)  # the birth date as it was typed
        self.assertIn("01.06.2019", html)  # and each child's
        self.assertIn("גרוש/ה", html)  # a choice by its label, not its code
        self.assertIn("₪4,200", html)
        change = reverse("screening:step", args=["income"]) + "?next=check"
        self.assertIn(f'href="{change}', html)
        # A change made from there comes back to the check, then on to the results.
        back = self.client.post(change, {"income_kinds": ["income_work"], "income_work": "3900"})
        self.assertRedirects(back, reverse("screening:check"), fetch_redirect_response=False)
        self.assertContains(self.client.get(reverse("screening:check")), "₪3,900")
        self.assertRedirects(self.client.post(reverse("screening:check")), reverse("screening:results"))
        # Once checked, answering a question from the results goes straight back to them.
        again = self.client.post(reverse("screening:step", args=["income"]), {"income_kinds": ["none"]})
        self.assertRedirects(again, reverse("screening:results"), fetch_redirect_response=False)

    def test_a_phone_that_accepts_gzip_downloads_the_results_compressed(self) -> None:
        self._walk()
        plain = self.client.get(reverse("screening:results"))
        zipped = self.client.get(reverse("screening:results"), HTTP_ACCEPT_ENCODING="gzip")
        self.assertEqual(zipped["Content-Encoding"], "gzip")
        self.assertNotIn("Content-Encoding", plain)
        # The same page, at well under half the bytes (the page-weight aim is measured over the wire).
        self.assertIn(b"</html>", gzip.decompress(zipped.content))
        self.assertLess(len(zipped.content), len(plain.content) / 2)

    def test_it_plans_no_step_whose_questions_are_all_settled(self) -> None:
        answers = {"children_count": 0}
        self.assertEqual(questionnaire.next_step(answers, ["household"], {"income.work"}), "income")
        self.assertEqual(questionnaire.next_step(answers, ["household"], {"disability.blind"}), "health")
        self.assertIsNone(questionnaire.next_step(answers, ["household"], set()))
        self.assertEqual(questionnaire.next_step({"children_count": 2}, ["household"], set()), "children")

    def test_it_keeps_answers_when_going_back(self) -> None:
        self._walk()
        page = self.client.get(reverse("screening:step", args=["household"]))
        html = page.content.decode()
        for part, value in (("day", "1"), ("month", "3"), ("year", "1985")):
            self.assertRegex(html, rf'name="birth_date_{part}" value="{value}"')
        self.assertContains(page, 'value="2"')
        income = self.client.get(reverse("screening:step", args=["income"]))
        self.assertContains(income, 'value="4200"')

    def test_it_ties_a_clear_error_to_its_field(self) -> None:
        self.client.post(reverse("screening:start"), {"language": "he", "authority": ""})
        bad = {**HOUSEHOLD, "birth_date": "2999-01-01"}
        page = self.client.post(reverse("screening:step", args=["household"]), bad)
        # The message names the question, sits at its field, is linked from the summary and described to a
        # screen reader by the date's group; the page title starts with "Error".
        self.assertContains(page, "תאריך הלידה שלך: התאריך צריך להיות היום או לפני היום.", count=2)
        self.assertContains(page, 'aria-invalid="true"')
        html = page.content.decode()
        self.assertRegex(
            html, r'<fieldset class="field date-field field--error"[^>]*aria-describedby="[^"]*id_birth_date_error"'
        )
        self.assertRegex(html, r'class="error-summary"[^>]*autofocus')
        self.assertIn('<a href="#id_birth_date_day">', html)
        self.assertIn("<title>שגיאה:", html)
        self.assertNotIn("screener", self.client.session.keys() - {"screener"})

    def test_it_explains_each_right_with_the_threshold_and_the_law(self) -> None:
        self._walk()
        page = self.client.get(reverse("screening:results"))
        html = page.content.decode()
        self.assertContains(page, "קצבת ילדים")
        self.assertIn("₪", html)
        self.assertRegex(html, r"₪4,200")  # the household's own income appears in a condition's text
        self.assertIn("btl.gov.il", html)  # each condition links its legal source
        self.assertContains(page, "בקשו שיחזרו אליכם")

    def test_it_lists_rights_by_money(self) -> None:
        self._walk()
        html = self.client.get(reverse("screening:results")).content.decode()
        eligible = html.split('id="eligible-title"')[1].split("</section>")[0]
        amounts = [int(a.replace(",", "")) for a in re.findall(r"₪([\d,]+) לחודש", eligible)]
        self.assertGreater(len(amounts), 1)
        self.assertEqual(amounts, sorted(amounts, reverse=True))

    def test_it_updates_results_for_a_what_if(self) -> None:
        self._walk()
        before = self.client.get(reverse("screening:results")).content.decode()
        partial = self.client.post(
            reverse("screening:results"),
            {"income_work": "0", "rent_monthly": "3500", "children_count": "3"},
            HTTP_HX_REQUEST="true",
        )
        self.assertNotContains(partial, "<html")
        after = partial.content.decode()
        self.assertNotEqual(re.findall(r"₪[\d,]+", before), re.findall(r"₪[\d,]+", after))
        # The change is said: the monthly total before and after, and the rights that became likely.
        total = re.compile(r'class="total__figure"><bdi>(₪[\d,]+)</bdi>')
        was, now = total.search(before), total.search(after)
        assert was and now
        # each amount isolated, so a right-to-left sentence never reorders it
        self.assertIn(f"אחרי השינוי: <bdi>{now[1]}</bdi> בחודש (לפני: <bdi>{was[1]}</bdi>).", after)
        likely = re.compile(
            r'<article class="right-card right-card--eligible"[^>]*>\s*<header[^>]*><h3 id="right-(\w+)">([^<]+)<'
        )
        gained = {name for pid, name in likely.findall(after)} - {name for pid, name in likely.findall(before)}
        self.assertTrue(gained)
        for name in gained:
            self.assertRegex(after, rf"עכשיו כנראה מגיע לכם גם: [^<]*{re.escape(name)}")
        self.assertEqual(self.client.session["screener"]["answers"]["children_count"], 3)

    def test_it_counts_anonymous_screenings_once_and_stores_nothing_else(self) -> None:
        self._walk()
        self.client.get(reverse("screening:results"))
        self.client.get(reverse("screening:results"))
        with tenant_context(self.city):
            self.assertEqual(Screening.objects.count(), 0)
            counts = set(ScreeningTally.objects.values_list("count", flat=True))
            programs = ScreeningTally.objects.values("program").distinct().count()
        self.assertEqual(counts, {1})
        self.assertGreater(programs, 10)

    def test_it_speaks_arabic_right_to_left_when_chosen(self) -> None:
        response = self.client.post(reverse("screening:start"), {"language": "ar", "authority": ""}, follow=True)
        self.assertContains(response, '<html lang="ar" dir="rtl">')
        self.assertEqual(self.client.cookies["mizui_language"].value, "ar")

    def test_it_prints_a_pdf_summary(self) -> None:
        self._walk()
        pdf = self.client.get(reverse("screening:summary-pdf"))
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF"))

    # The limit counts in fixed one-minute windows: a flood that crossed a minute boundary while it ran would start
    # a new window and pass (the suite failed that way once), so the clock stands still mid-minute.
    @time_machine.travel(dt.datetime(2026, 6, 15, 9, 0, 30, tzinfo=dt.UTC), tick=False)
    def test_it_slows_down_a_flood_of_requests(self) -> None:
        for _ in range(120):
            self.client.get(reverse("screening:start"))
        response = self.client.get(reverse("screening:start"))
        self.assertEqual(response.status_code, 429)
        self.assertIn("Retry-After", response)

    def test_answers_are_never_cached_and_end_two_hours_after_the_last_step(self) -> None:
        start = dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC)
        with time_machine.travel(start, tick=False):
            self._walk()
            results = self.client.get(reverse("screening:results"))
        self.assertEqual(results.status_code, 200)
        self.assertIn("no-store", results["Cache-Control"])
        self.assertIn("camera=()", results["Permissions-Policy"])
        with time_machine.travel(start + dt.timedelta(hours=1, minutes=50), tick=False):
            self.assertEqual(self.client.get(reverse("screening:results")).status_code, 200)  # still in use
        with time_machine.travel(start + dt.timedelta(hours=3, minutes=40), tick=False):
            self.assertEqual(self.client.get(reverse("screening:results")).status_code, 200)  # two hours since then
        with time_machine.travel(start + dt.timedelta(hours=5, minutes=41), tick=False):
            self.assertRedirects(self.client.get(reverse("screening:results")), reverse("screening:start"))

    def test_dates_that_cannot_all_be_true_stay_on_their_step_at_their_field_in_the_residents_language(self) -> None:
        self.client.post(reverse("screening:start"), {"language": "ru", "authority": "ashdod-s"})
        self.client.post(reverse("screening:step", args=["household"]), HOUSEHOLD)
        children = reverse("screening:step", args=["children"])
        refused = self.client.post(children, {"child_1": "2015-03-01", "child_2": "1980-06-01"})
        self.assertEqual(refused.status_code, 200)
        self.assertEqual(list(refused.context["form"].errors), ["child_2"])
        self.assertContains(refused, "Ребёнок родился раньше родителей")
        self.assertEqual(self.client.post(children, ANSWERS["children"]).status_code, 302)
        young = {**HOUSEHOLD, "has_partner": "yes", "partner_birth_date": "2015-01-01"}
        refused = self.client.post(reverse("screening:step", args=["household"]), young)
        self.assertEqual(list(refused.context["form"].errors), ["partner_birth_date"])

    def test_the_step_counter_never_grows_as_the_resident_goes_on(self) -> None:
        self.client.post(reverse("screening:start"), {"language": "he", "authority": "ashdod-s"})
        totals = [self.client.get(reverse("screening:step", args=["household"])).context["total"]]
        response = self.client.post(reverse("screening:step", args=["household"]), HOUSEHOLD)
        while "/check/" not in response["Location"]:
            page = self.client.get(response["Location"])
            totals.append(page.context["total"])
            slug = response["Location"].rstrip("/").split("/")[-1]
            response = self.client.post(response["Location"], ANSWERS[slug])
        self.assertEqual(totals, sorted(totals, reverse=True), totals)
        self.assertGreater(totals[0], 2)

    def test_it_sends_a_resident_without_answers_to_the_start(self) -> None:
        self.assertRedirects(self.client.get(reverse("screening:results")), reverse("screening:start"))
        self.assertRedirects(
            self.client.get(reverse("screening:step", args=["income"])), reverse("screening:step", args=["household"])
        )
        self.assertEqual(self.client.get("/screener/nonsense/").status_code, 404)


class WhereToApplyTests(TestCase):
    """The results say where to go: the city's own office, or the agency's branch in that city."""

    def test_it_names_the_local_office_and_branch_for_each_right(self) -> None:
        from mizui.directory import demo as directory_demo

        cache.clear()
        ashdod = make_authority("ashdod-demo", "אשדוד (הדגמה)", 70)
        directory_demo.load([ashdod])
        self.client.post(reverse("screening:start"), {"language": "he", "authority": "ashdod-demo"})
        self.client.post(reverse("screening:step", args=["household"]), HOUSEHOLD)
        self.client.post(reverse("screening:step", args=["children"]), ANSWERS["children"])
        html = self.client.get(reverse("screening:results")).content.decode()
        child_allowance = html.split('id="right-child_allowance"')[1].split("</article>")[0]
        self.assertIn("לאן פונים", child_allowance)
        self.assertIn("המוסד לביטוח לאומי", child_allowance)
        self.assertIn("אשדוד", child_allowance)  # the Ashdod branch, not another city's
        single_parent = html.split('id="right-arnona_single_parent"')[1].split("</article>")[0]
        self.assertIn("ארנונה", single_parent.split("לאן פונים")[1])  # the city's own arnona department

    def test_where_to_go_is_in_the_residents_language_on_the_results_and_in_what_to_do_now(self) -> None:
        from mizui.directory import demo as directory_demo

        cache.clear()
        ashdod = make_authority("ashdod-demo", "אשדוד (הדגמה)", 70)
        directory_demo.load([ashdod])
        self.client.post(reverse("screening:start"), {"language": "ru", "authority": "ashdod-demo"})
        self.client.post(reverse("screening:step", args=["household"]), HOUSEHOLD)
        self.client.post(reverse("screening:step", args=["children"]), ANSWERS["children"])
        html = self.client.get(reverse("screening:results")).content.decode()
        todo = html.split('id="todo-title"')[1].split("</section>")[0]
        self.assertIn("Битуах леуми – отделение в Ашдоде", todo)
        child_allowance = html.split('id="right-child_allowance"')[1].split("</article>")[0]
        self.assertIn("<strong>Битуах леуми (Институт национального страхования)</strong>", child_allowance)
        self.assertIn("Приём в отделении по предварительной записи", child_allowance)
        single_parent = html.split('id="right-arnona_single_parent"')[1].split("</article>")[0]
        self.assertIn("Муниципалитет Ашдода – отдел арноны", single_parent)
        self.assertNotIn("סניף אשדוד", html)


class DeclaredStepsTests(SimpleTestCase):
    """The screener asks what the declaration (eligibility/inputs.yaml) says it asks, and maps it to its place."""

    SAMPLE = {"date": "2000-01-01", "bool": True, "integer": 1, "number": 50, "money": 100, "programs": []}

    def test_each_step_asks_the_inputs_declared_for_it(self) -> None:
        for spec in (s for s in inputs() if s.screener):
            assert spec.screener is not None
            step = questionnaire.BY_SLUG[spec.screener.step]
            form = FORMS[step.slug](answers={"has_partner": True, "children_count": 0})
            keys = [spec.column]
            if spec.screener.partner_label:
                keys.append(questionnaire.PARTNER + spec.column)
            for key in keys:
                self.assertIn(key, form.fields, spec.path)
                if spec.group.none_label:  # "which of these incomes do you have?", then each one's amount
                    kinds = key.removesuffix(spec.column) + spec.group.name + "_kinds"
                    self.assertIn(key, dict(getattr(form.fields[kinds], "choices", [])), spec.path)
                    self.assertEqual(getattr(form.fields[key], "reveal_when", None), (kinds, key))
            if spec.question_id:
                self.assertIn(spec.question_id, step.asks, f"{step.slug} would be skipped when {spec.path} is open")

    def test_every_answer_lands_at_its_place_in_a_valid_household(self) -> None:
        asked = [s for s in inputs() if s.screener]
        answers = {s.column: s.values[0] if s.type == "enum" else self.SAMPLE[s.type] for s in asked}
        answers |= {"partner_" + s.column: answers[s.column] for s in asked if s.screener and s.screener.partner_label}
        answers["has_partner"] = True
        household = questionnaire.household(answers, authority=None)
        eligibility.validate_household(household)
        for spec in asked:
            members = household["members"] if spec.entity == "person" else [household]
            place = members[0].get(spec.group.key, {}) if spec.group.key else members[0]
            self.assertEqual(place.get(spec.name), answers[spec.column], spec.path)


class DelayTextTests(SimpleTestCase):
    def test_the_retroactivity_cap_reads_as_each_language_counts(self) -> None:
        from django.utils import translation

        from mizui.screening.presenters import _delay_text

        right = {"status": "eligible", "monthly_amount": 1000, "retroactive_months": 24}
        expected = {"he": "עד שנתיים אחורה", "ru": "за 2 года назад", "ar": "حتى سنتان", "en": "up to 2 years back"}
        for lang, phrase in expected.items():
            with translation.override(lang):
                self.assertIn(phrase, _delay_text(right), lang)
        with translation.override("ru"):
            self.assertIn("за 1 год 1 месяц назад", _delay_text({**right, "retroactive_months": 13}))


class StaleFiguresTests(SimpleTestCase):
    def test_a_stale_amount_says_the_year_of_its_figures_in_the_residents_language(self) -> None:
        from django.utils import translation

        from mizui.screening.presenters import card

        right = {"id": "child_allowance", "status": "eligible", "confidence": "stale", "figures_from": 2024}
        for lang, phrase in {"he": "משנת 2024", "ru": "к 2024 году", "en": "are from 2024"}.items():
            with translation.override(lang):
                self.assertIn(phrase, card(right).confidence_note, lang)

    def test_an_amount_of_this_years_figures_says_only_the_entitlement_test_may_be_older(self) -> None:
        from django.utils import translation

        from mizui.screening.presenters import card

        # The old-age pension's amounts are this year's; its income test is older: not "the amounts may have changed".
        right = {"id": "old_age_pension", "status": "eligible", "confidence": "stale", "figures_from": None}
        with translation.override("en"):
            note = card(right).confidence_note
        self.assertIn("entitlement is checked against", note)
        self.assertNotIn("amounts", note)

    def test_a_card_says_only_the_gateways_the_household_can_use(self) -> None:
        from django.utils import translation

        from eligibility import screen
        from mizui.screening.presenters import card

        # A widow of 75 on the old-age pension alone, no children: her income supplement opens the electricity
        # discount, and the child allowance's top-up only for a parent.
        widow = {
            "as_of": "2026-03-01",
            "authority": "ashdod",
            "members": [
                {
                    "role": "applicant",
                    "birth_date": "1951-01-01",
                    "sex": "female",
                    "marital_status": "widowed",
                    "income": dict.fromkeys(
                        ("work", "pension_occupational", "nii_benefits", "alimony", "capital", "other"), 0
                    ),
                    "receives": ["old_age_pension"],
                }
            ],
            "housing": {"tenure": "owner"},
            "assets": {"car_value": 0},
        }
        with translation.override("en"):
            result = screen(widow, lang="en")
            supplement = next(p for p in result["programs"] if p["id"] == "old_age_income_supplement")
            self.assertEqual(supplement["status"], "eligible")
            said = " ".join(card(supplement).gateways)
        self.assertIn("Electricity", said)
        self.assertNotIn("Child allowance", said)


class QuestionsWorthAskingTests(TestCase):
    """A step asks only what can still change an answer for this household, and lists only benefits it could get."""

    WIDOW = {"birth_date": "1954-03-01", "sex": "female", "marital_status": "widowed", "has_partner": "no"}

    def setUp(self) -> None:
        cache.clear()
        self.client.post(reverse("screening:start"), {"language": "he", "authority": ""})

    def test_a_72_year_old_is_not_asked_about_months_of_work_for_unemployment(self) -> None:
        self.client.post(reverse("screening:step", args=["household"]), {**self.WIDOW, "children_count": "0"})
        work = self.client.get(reverse("screening:step", args=["work"]))
        self.assertNotIn("months_worked_last_18", work.context["form"].fields)
        # A 34-year-old mother is: unemployment benefit may still be hers.
        cache.clear()
        self.client.post(reverse("screening:start"), {"language": "he", "authority": ""})
        self.client.post(reverse("screening:step", args=["household"]), HOUSEHOLD)
        work = self.client.get(reverse("screening:step", args=["work"]))
        self.assertIn("months_worked_last_18", work.context["form"].fields)

    def test_what_do_you_already_get_lists_only_benefits_this_household_could_get(self) -> None:
        self.client.post(reverse("screening:step", args=["household"]), {**HOUSEHOLD, "children_count": "0"})
        page = self.client.get(reverse("screening:step", args=["benefits"]))
        offered = dict(page.context["form"].fields["receives"].choices)
        self.assertNotIn("old_age_pension", offered)  # a 41-year-old
        self.assertIn("income_support", offered)

    def test_a_question_answered_before_stays_on_its_step_so_it_can_be_changed(self) -> None:
        self.client.post(reverse("screening:step", args=["household"]), {**self.WIDOW, "children_count": "0"})
        session = self.client.session
        session["screener"]["answers"]["months_worked_last_18"] = 3
        session.save()
        work = self.client.get(reverse("screening:step", args=["work"]))
        self.assertIn("months_worked_last_18", work.context["form"].fields)


class ResultsPageTests(TestCase):
    """The results lead with the total and what to do now, count an arnona discount once, and group "maybe"
    rights under the one question that decides each."""

    WIDOW = {"birth_date": "1954-03-01", "sex": "female", "marital_status": "widowed", "has_partner": "no"}
    WIDOW_STEPS = {
        "work": {"employment": "retired"},
        "health": {"has_disability": "no"},
        "background": {"new_immigrant": "no", "resident_since_from": "birth", "holocaust_survivor": "no"},
        "income": {"income_kinds": ["income_nii_benefits"], "income_nii_benefits": "2100"},
        "home": {
            "tenure": "owner",
            "arnona_area_sqm": "70",
            "owns_other_property": "no",
            "car_value": "0",
            "financial_assets": "10000",
            "debt_enforcement_file": "no",
        },
        "benefits": {"receives": ["old_age_pension"]},
    }

    @classmethod
    def setUpTestData(cls) -> None:
        make_authority("ashdod-r", "אשדוד", 70)

    def setUp(self) -> None:
        cache.clear()
        self.client.post(reverse("screening:start"), {"language": "he", "authority": "ashdod-r"})
        response = self.client.post(
            reverse("screening:step", args=["household"]), {**self.WIDOW, "children_count": "0"}
        )
        while "/check/" not in response["Location"]:
            slug = response["Location"].rstrip("/").split("/")[-1]
            response = self.client.post(response["Location"], self.WIDOW_STEPS.get(slug, {}))
        self.client.post(reverse("screening:check"))
        self.page = self.client.get(reverse("screening:results"))
        self.html = self.page.content.decode()

    def test_the_total_and_what_to_do_come_before_the_rights(self) -> None:
        total, todo, likely = (self.html.index(f'id="{i}"') for i in ("total-title", "todo-title", "eligible-title"))
        self.assertLess(total, todo)
        self.assertLess(todo, likely)
        help_box = self.html.index('class="help-box"')
        self.assertGreater(help_box, likely)  # the offer of help comes after the results
        steps = self.html.split('<ol class="todo">')[1].split("</ol>")[0]
        self.assertLessEqual(steps.count("<li>"), 3)

    def test_a_monthly_total_adds_the_likely_payments_once(self) -> None:
        groups = self.page.context["groups"]
        expected = sum(card.monthly_max for card in groups["eligible"])
        self.assertGreater(expected, 0)
        self.assertIn(f'<p class="total__figure"><bdi>₪{expected:,.0f}</bdi>', self.html)
        self.assertIn(f"₪{expected * 12:,.0f}", self.html)  # and a year

    def test_only_the_highest_arnona_discount_is_shown_and_the_others_are_named_under_it(self) -> None:
        result = self.page.context["result"]
        arnona = [p for p in result["programs"] if p["id"].startswith("arnona_") and p["status"] == "eligible"]
        self.assertGreater(len(arnona), 1, "the widow qualifies for several arnona discounts")
        best = max(arnona, key=lambda p: p["discount_percent"])
        likely = self.html.split('id="eligible-title"')[1].split("</section>")[0]
        shown = re.findall(r'id="right-(arnona_\w+)"', likely)
        self.assertEqual(shown, [best["id"]])
        also = likely.split(f'id="right-{best["id"]}"')[1].split("</article>")[0]
        for other in arnona:
            if other is not best:
                self.assertIn(other["name"], also)
        self.assertEqual(self.html.split('id="total-title"')[1].split("</section>")[0].count("ארנונה"), 1)


class MaybeGroupsTests(SimpleTestCase):
    def test_maybe_rights_are_grouped_under_the_question_that_decides_each(self) -> None:
        from mizui.screening.presenters import by_question, card

        def maybe(pid: str, question: str, amount: float = 0) -> dict[str, object]:
            return {
                "id": pid,
                "status": "maybe",
                "monthly_amount_max": amount,
                "missing": [{"id": question, "label": question}] if question else [],
            }

        cards = [
            card(maybe("a", "person.student", 100)),
            card(maybe("b", "agency.check")),
            card(maybe("c", "person.student")),
        ]
        cards.append(card(maybe("d", "income.work", 900)))
        groups = by_question(cards, questionnaire.step_asking())
        self.assertEqual([g.id for g in groups], ["income.work", "person.student", "agency.check"])
        self.assertEqual([c.id for c in groups[1].cards], ["a", "c"])
        self.assertEqual(groups[0].step, "income")  # answerable: a link to the step that asks it
        self.assertIsNone(groups[2].step)  # only the agency can tell


class LanguageNamesTests(TestCase):
    def test_each_language_is_named_in_itself_on_every_page(self) -> None:
        page = self.client.get(reverse("screening:start"), HTTP_ACCEPT_LANGUAGE="he").content.decode()
        switch = page.split('id="language-select"')[1].split("</select>")[0]
        for name in ("עברית", "العربية", "Русский", "English"):
            self.assertIn(f">{name}</option>", switch)
        self.assertNotIn("אנגלית", switch)

    def test_each_language_to_choose_is_marked_as_that_language(self) -> None:
        page = self.client.get(reverse("screening:start"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
        start = page.split("<main")[1]
        self.assertIn('<span lang="he" dir="rtl">עברית</span>', start)  # on a Russian page: read as Hebrew
        self.assertIn('<span lang="ar" dir="rtl">العربية</span>', start)
        help_form = self.client.get(reverse("cases:help"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        self.assertRegex(help_form.split("<main")[1], r'<option value="he" lang="he" dir="rtl"[^>]*>עברית</option>')


class WhoAndPartnerIncomeTests(SimpleTestCase):
    def test_a_disability_of_the_applicant_only_settles_the_partners_and_the_childrens(self) -> None:
        answers: dict[str, object] = {"has_partner": True, "children_count": 1}
        form = FORMS["health"](
            {"has_disability": "yes", "has_disability_who": ["applicant"], "medical_percent": "50"}, answers=answers
        )
        self.assertTrue(form.is_valid(), form.errors)
        answers |= {"birth_date": "1986-03-01", "partner_birth_date": "1988-03-01"}
        answers |= {"children_birth_dates": ["2014-03-01"], **form.to_answers()}
        members = questionnaire.household(answers, authority=None)["members"]
        self.assertEqual(members[0]["disability"]["medical_percent"], 50)
        for other in members[1:]:
            self.assertEqual(other["disability"]["medical_percent"], 0)
            self.assertIs(other["chronic_illness"], False)
        unsure = FORMS["health"]({"has_disability": "yes"}, answers={"has_partner": True, "children_count": 0})
        self.assertEqual(list(unsure.errors), ["has_disability_who"])
        # The partner's own facts, once "my partner" is ticked.
        theirs = FORMS["health"](
            {"has_disability": "yes", "has_disability_who": ["partner"], "partner_medical_percent": "60"},
            answers={"has_partner": True, "children_count": 0},
        )
        self.assertTrue(theirs.is_valid(), theirs.errors)
        couple = {
            "birth_date": "1980-01-01",
            "has_partner": True,
            "partner_birth_date": "1981-01-01",
            **theirs.to_answers(),
        }
        applicant, partner = questionnaire.household(couple, authority=None)["members"]
        self.assertEqual(
            (applicant["disability"]["medical_percent"], partner["disability"]["medical_percent"]), (0, 60)
        )
        alone = FORMS["health"](answers={"has_partner": False, "children_count": 0})
        self.assertNotIn("has_disability_who", alone.fields)  # living alone, it can only be "me"

    def test_the_partners_other_income_covers_the_kinds_the_partner_is_not_asked(self) -> None:
        form = FORMS["income"](
            {
                "income_kinds": ["none"],
                "partner_income_kinds": ["partner_income_other"],
                "partner_income_other": "1200",
            },
            answers={"has_partner": True},
        )
        self.assertTrue(form.is_valid(), form.errors)
        out = form.to_answers()
        self.assertEqual(out["partner_income_other"], 1200)
        for kind in ("pension_occupational", "nii_benefits", "alimony", "capital"):
            self.assertEqual(out[f"partner_income_{kind}"], 0)


class ShareTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        make_authority("ashdod-sh", "אשדוד", 70)

    def test_a_shared_link_shows_the_same_results_to_someone_else_for_30_days_then_expires(self) -> None:
        cache.clear()
        self.client.post(reverse("screening:start"), {"language": "he", "authority": "ashdod-sh"})
        response = self.client.post(reverse("screening:step", args=["household"]), HOUSEHOLD)
        while "/check/" not in response["Location"]:
            slug = response["Location"].rstrip("/").split("/")[-1]
            response = self.client.post(response["Location"], ANSWERS[slug])
        self.client.post(reverse("screening:check"))
        mine = self.client.get(reverse("screening:results")).content.decode()
        page = self.client.post(reverse("screening:share"))
        link = re.search(r'id="share-link"[^>]*value="([^"]+)"', page.content.decode())
        assert link is not None
        self.assertNotIn("4200", link[1])  # the answers are encrypted into the link, not readable in it
        total = re.compile(r'class="total__figure"><bdi>(₪[\d,]+)</bdi>')
        someone_else = self.client_class()
        start = dt.datetime.now(tz=dt.UTC)
        with time_machine.travel(start + dt.timedelta(days=29), tick=False):
            theirs = someone_else.get(link[1])
            self.assertEqual(theirs.status_code, 200)
            self.assertEqual(total.search(theirs.content.decode())[1], total.search(mine)[1])  # type: ignore[index]
            self.assertNotContains(theirs, 'class="what-if')  # read-only
        with time_machine.travel(start + dt.timedelta(days=31), tick=False):
            self.assertEqual(someone_else.get(link[1]).status_code, 410)
        self.assertEqual(someone_else.get(link[1][:-6] + "AAAAAA/").status_code, 410)
