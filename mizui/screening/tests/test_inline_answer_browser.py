"""A "maybe" right's deciding question answered on the results page, on a phone (390 px, system Chromium), with and
without JavaScript: the error summary takes focus, the answer re-screens, the page says what changed, and axe-core
finds nothing on the way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache

from mizui.screening.tests.test_personas import PERSONAS
from mizui.test import UNMARKED_HEBREW, accessibility_problems, answer_field, make_authority, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _problems(page: Any, where: str, javascript: bool) -> list[str]:
    """axe-core runs as a script in the page: only where the page runs scripts (the markup is the same)."""
    return [f"{where}: {p}" for p in accessibility_problems(page)] if javascript else []


PHONE = {"width": 390, "height": 844}
STUDENT = "person.student"


def _walk_leaving_blank(page: Any, base: str, language: str, blank: set[str]) -> None:
    """The mother of the personas walk, leaving ``blank`` (and any question she has no answer for) unanswered."""
    answers = PERSONAS["mother"]
    page.goto(base + "/")
    page.locator(f'[name="language"][value="{language}"]').check()
    page.locator('[name="authority"]').select_option("ashdod-q")
    page.locator("main form button[type=submit]").first.click()
    for _ in range(12):
        if "/results/" in page.url:
            return
        if "/check/" not in page.url:
            fields = [each.get_attribute("name") or "" for each in page.locator("main form [name]").all()]
            names = list(dict.fromkeys(re.sub(r"_(day|month|year)$", "", name) for name in fields))
            for name in names:
                if name in answers and name not in blank and page.locator(f'[name^="{name}"]').first.is_visible():
                    answer_field(page, name, answers[name])
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
    raise AssertionError(f"the screener did not reach the results: {page.url}")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_deciding_question_is_answered_on_the_results_page(browser: Any, live_server: Any, javascript: bool) -> None:
    cache.clear()
    make_authority("ashdod-q", "אשדוד", 70)
    language = "ar" if javascript else "he"
    page = browser.new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    _walk_leaving_blank(page, live_server.url, language, {"student"})
    form = page.locator(f'form[data-question="{STUDENT}"]')
    assert form.is_visible()
    assert form.locator("xpath=..").locator("#right-income_support").count() == 1  # under the question it decides
    problems = _problems(page, "results", javascript)
    if javascript:
        assert page.evaluate(UNMARKED_HEBREW) == []

    # Sent unanswered: the summary at the question takes focus, "Error:" in the title, the group tied to its error.
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator(f'form[data-question="{STUDENT}"] [data-error-summary]')
    assert summary.is_visible()
    if javascript:  # evaluate() needs scripts; without them autofocus does the same
        assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')"), "focus on the summary"
    assert page.title().startswith("خطأ:" if language == "ar" else "שגיאה:"), page.title()
    described = page.locator(f'form[data-question="{STUDENT}"] fieldset').get_attribute("aria-describedby") or ""
    assert "person-student-student_error" in described
    problems += _problems(page, "results, answer missing", javascript)
    shoot(page, f"inline-answer-error-{language}-phone")

    total_before = page.locator(".total__figure").inner_text()
    page.locator(f'form[data-question="{STUDENT}"] [name="student"][value="no"]').check()
    page.locator(f'form[data-question="{STUDENT}"] button[type=submit]').click()
    page.wait_for_load_state()
    change = page.locator("[data-change]")
    assert change.is_visible()
    if javascript:
        assert page.evaluate("document.activeElement.hasAttribute('data-change')"), "focus is on what changed"
    income_support = page.locator("#right-income_support").inner_text()
    assert income_support in change.inner_text()  # "now probably also: income support"
    assert page.locator(".total__figure").inner_text() != total_before
    assert page.locator(f'form[data-question="{STUDENT}"]').count() == 0  # answered: no longer open
    problems += _problems(page, "results, answered", javascript)
    if javascript:
        assert page.evaluate(UNMARKED_HEBREW) == []
    shoot(page, f"inline-answer-done-{language}-phone")
    assert problems == [], "\n".join(problems)
