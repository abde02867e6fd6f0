"""A resident on a phone: the screener in Hebrew and in Arabic, a what-if, and a help request (system Chromium)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Inquiry
from mizui.test import answer_field, make_authority, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _answer(page: Any, answers: dict[str, Any]) -> None:
    """Fill whatever step is on screen from a map of field name → value, then continue."""
    for name, value in answers.items():
        date = page.locator(f'[name="{name}_day"]').count()
        field = page.locator(f'[name="{name}"]')
        if date or (field.count() and field.first.is_visible()):
            answer_field(page, name, value)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


ANSWERS: dict[str, Any] = {
    "birth_date": "1985-03-01",
    "sex": "female",
    "marital_status": "divorced",
    "has_partner": "no",
    "children_count": "2",
    "child_1": "2015-03-01",
    "child_2": "2019-06-01",
    "employment": "employed",
    "months_worked_last_18": "12",
    "has_disability": "no",
    "new_immigrant": "no",
    "income_kinds": ["income_work"],
    "income_work": "4200",
    "tenure": "renter",
    "rent_monthly": "3500",
    "arnona_area_sqm": "70",
}


def _complete(page: Any, base: str, language: str, city: str) -> None:
    page.goto(base + "/")
    page.locator(f'[name="language"][value="{language}"]').check()
    page.locator('[name="authority"]').select_option(city)
    page.locator("main form button[type=submit]").first.click()
    for _ in range(10):
        if "/results/" in page.url:
            return
        _answer(page, ANSWERS)
    raise AssertionError(f"the screener did not reach the results: {page.url}")


def test_it_takes_a_resident_from_questions_to_a_help_request_in_hebrew(browser: Any, live_server: Any) -> None:
    cache.clear()
    city = make_authority("ashdod-b", "אשדוד", 70)
    page = browser.new_context(viewport=PHONE, locale="he-IL").new_page()
    page.goto(live_server.url + "/")
    shoot(page, "screener-start-he-phone")
    _complete(page, live_server.url, "he", "ashdod-b")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#eligible-title").is_visible()
    shoot(page, "screener-results-he-phone")
    # The page fits the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    before = page.locator("#results-list").inner_text()
    page.locator(".what-if summary").click()  # "what if…?" is folded under the results
    page.locator('.what-if [name="income_work"]').fill("0")
    page.locator(".what-if button[type=submit]").click()
    page.wait_for_selector("text=אחרי השינוי")
    assert page.locator("#results-list").inner_text() != before
    shoot(page, "screener-what-if-he-phone")

    page.get_by_role("link", name="בקשו שיחזרו אליכם").click()
    page.locator('[name="full_name"]').fill("מרים בן חיים")
    page.locator('[name="phone"]').fill("052-1234567")
    page.locator('[name="consent_contact"]').check()
    page.locator('[name="consent_keep_answers"]').check()
    shoot(page, "screener-help-he-phone")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/help/thanks/")
    with tenant_context(city):
        inquiry = Inquiry.objects.for_authority(city).get()
        assert inquiry.phone == "0521234567"
        assert inquiry.screening is not None
    page.context.close()


def test_it_completes_the_screener_in_arabic(browser: Any, live_server: Any) -> None:
    cache.clear()
    make_authority("ashdod-c", "אשדוד", 70)
    page = browser.new_context(viewport=PHONE, locale="ar").new_page()
    _complete(page, live_server.url, "ar", "ashdod-c")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".right-card").count() > 5
    shoot(page, "screener-results-ar-phone")
    page.context.close()


def test_it_works_at_320_px_and_without_javascript(browser: Any, live_server: Any) -> None:
    """WCAG reflow (320 CSS px, i.e. 1280 px at 400% zoom) and progressive enhancement: no JS needed."""
    cache.clear()
    make_authority("ashdod-d", "אשדוד", 70)
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False, locale="he-IL")
    page = context.new_page()
    _complete(page, live_server.url, "he", "ashdod-d")
    assert page.locator("#eligible-title").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # The what-if form posts and reloads without htmx.
    page.locator(".what-if summary").click()  # "what if…?" is folded under the results
    page.locator('.what-if [name="income_work"]').fill("0")
    page.locator(".what-if button[type=submit]").click()
    page.wait_for_load_state()
    assert "אחרי השינוי" in page.content()
    shoot(page, "screener-results-he-320-nojs")
    context.close()


def test_the_employment_service_question_opens_only_for_someone_not_working(browser: Any, live_server: Any) -> None:
    # Registration with the Employment Service decides the employment test of whoever does not work, the partner's
    # too; someone who works passes it by working and is not asked.
    cache.clear()
    make_authority("ashdod-e", "אשדוד", 70)
    page = browser.new_context(viewport=PHONE, locale="he-IL").new_page()
    page.goto(live_server.url + "/")
    page.locator('[name="language"][value="he"]').check()
    page.locator('[name="authority"]').select_option("ashdod-e")
    page.locator("main form button[type=submit]").first.click()
    couple = {**ANSWERS, "marital_status": "married", "has_partner": "yes", "partner_birth_date": "1983-02-01"}
    for _ in range(5):
        if page.locator('[name="employment"]').count():
            break
        _answer(page, couple)
    registered, partner_registered = (
        page.locator("#id_employment_service_registered_conditional"),
        page.locator("#id_partner_employment_service_registered_conditional"),
    )
    assert registered.is_hidden() and partner_registered.is_hidden()
    answer_field(page, "employment", "employed")
    answer_field(page, "partner_employment", "not_working")
    assert registered.is_hidden() and partner_registered.is_visible()
    answer_field(page, "employment", "unemployed")
    assert registered.is_visible()
    answer_field(page, "employment", "retired")
    assert registered.is_visible()
    answer_field(page, "employment", "self_employed")
    assert registered.is_hidden()
    # The partner's months of work are asked only of a partner looking for work (unemployment benefit, owed first);
    # the applicant's are asked whatever the answer.
    partner_months = page.locator("#id_partner_months_worked_last_18_conditional")
    assert partner_months.is_hidden() and page.locator('[name="months_worked_last_18"]').is_visible()
    answer_field(page, "partner_employment", "unemployed")
    assert partner_months.is_visible()
    shoot(page, "screener-work-registration-he-phone")
    answer_field(page, "partner_employment", "employed")
    assert partner_months.is_hidden()
    page.context.close()
