"""axe-core (bundled with its Python package, offline) on the public pages and on staff pages, in Hebrew, in
system Chromium: no rule broken. The screener's steps and results are checked on the persona walks
(mizui/screening/tests/test_personas.py); here the pages around them, a form showing its errors, and the staff's
daily pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from mizui.accounts.models import Role
from mizui.test import (
    accessibility_problems,
    answer_field,
    make_authority,
    make_case,
    make_inquiry,
    make_membership,
    make_user,
    totp_code,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _problems(page: Any, url: str) -> list[str]:
    page.goto(url)
    return [f"{url}: {problem}" for problem in accessibility_problems(page)]


def test_public_pages_break_no_accessibility_rule(browser: Any, live_server: Any) -> None:
    cache.clear()
    make_authority("ashdod-x", "אשדוד", 70)
    base = live_server.url
    problems: list[str] = []
    for viewport in (PHONE, DESKTOP):
        page = browser.new_context(viewport=viewport).new_page()
        for path in ("/", reverse("cases:help"), reverse("accounts:login"), "/no-such-page/"):
            problems += _problems(page, base + path)
        # A form with its errors: the summary, the messages tied to their fields.
        page.goto(base + "/")
        page.locator('[name="authority"]').select_option("ashdod-x")
        page.locator("main form button[type=submit]").first.click()
        page.locator("main form button[type=submit]").first.click()  # the household step, unanswered
        assert page.locator("[data-error-summary]").is_visible()
        assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')"), "focus is on the summary"
        problems += [f"step with errors: {p}" for p in accessibility_problems(page)]
        page.goto(base + reverse("cases:help"))
        page.locator("main form button[type=submit]").first.click()
        problems += [f"help form with errors: {p}" for p in accessibility_problems(page)]
        # The pages around a result: sharing it, the shared copy, an expired link.
        page.goto(base + reverse("screening:step", args=["household"]))
        for name, value in (("birth_date", "1954-03-01"), ("has_partner", "no"), ("children_count", "0")):
            answer_field(page, name, value)
        page.locator("main form button[type=submit]").first.click()
        page.goto(base + reverse("screening:results"))
        page.locator("form[action$='/screener/share/'] button").click()
        problems += [f"share: {p}" for p in accessibility_problems(page)]
        link = page.locator("#share-link").input_value()
        problems += _problems(page, link)
        problems += _problems(page, base + reverse("screening:shared", kwargs={"token": "expired"}))
        page.context.close()
    assert problems == [], "\n".join(problems)


def test_staff_pages_break_no_accessibility_rule(browser: Any, live_server: Any) -> None:
    city = make_authority("ashdod-y", "אשדוד", 70)
    manager = make_user("manager@y.test", "מיכל אברהמי")
    make_membership(manager, city, Role.MANAGER)
    inquiry = make_inquiry(city)
    case = make_case(city)
    page = browser.new_context(viewport=DESKTOP, locale="he-IL").new_page()
    page.goto(live_server.url + reverse("accounts:login"))
    page.locator('[name="username"]').fill(manager.email)
    page.locator('[name="password"]').fill("correct-horse-battery-staple")
    page.locator("main form button[type=submit]").click()
    page.locator('[name="token"]').fill(totp_code(manager))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")
    problems: list[str] = []
    for url in (
        reverse("accounts:home"),
        reverse("cases:inquiries"),
        reverse("cases:inquiry", kwargs={"pk": inquiry.pk}),
        reverse("cases:case", kwargs={"pk": case.pk}),
        reverse("outreach:index"),
        reverse("outcomes:dashboard"),
        reverse("directory:index"),
    ):
        problems += _problems(page, live_server.url + url)
    assert problems == [], "\n".join(problems)
