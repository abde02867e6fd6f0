"""The deadline calendar in the browser, at 1280 and 390 px: overdue first in red, the link made from the page and
shown once, nothing axe-core finds wrong and nothing off a phone's screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Task
from mizui.test import accessibility_problems, make_authority, make_case, make_membership, make_user, shoot, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _sign_in(browser: Any, base: str, user: Any) -> Any:
    page = browser.new_context(viewport=DESKTOP, locale="he-IL").new_page()
    page.goto(base + reverse("accounts:login"))
    page.locator('[name="username"]').fill(user.email)
    page.locator('[name="password"]').fill("correct-horse-battery-staple")
    page.locator("main form button[type=submit]").click()
    page.locator('[name="token"]').fill(totp_code(user))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")
    return page


def test_the_calendar_page_on_a_desktop_and_a_phone(browser: Any, live_server: Any) -> None:
    city = make_authority("haifa-c", "חיפה", 4000)
    lawyer = make_user("lawyer@c.test", "דנה לוי")
    make_membership(lawyer, city, Role.LAWYER)
    case = make_case(city, lawyer=lawyer)
    today = timezone.localdate()
    with tenant_context(city):
        for days, title in ((-4, "להגיש ערר על דחיית הבטחת הכנסה"), (0, "להתקשר לתושבת"), (9, "לאסוף תלושי שכר")):
            Task.objects.create(
                authority=city, case=case, title=title, due_on=today + dt.timedelta(days=days), owner=lawyer
            )
    page = _sign_in(browser, live_server.url, lawyer)
    page.get_by_role("link", name="היומן שלי").click()
    page.wait_for_url("**/staff/calendar/")
    late = page.locator('[data-calendar="overdue"] li.late')
    assert late.count() == 1
    assert "באיחור של 4 ימים" in late.inner_text()
    color = late.locator("strong.late").evaluate("e => getComputedStyle(e).color")
    assert color != page.locator("h1").evaluate("e => getComputedStyle(e).color"), "overdue stands out"
    page.get_by_role("button", name="יצירת קישור ליומן").click()
    page.wait_for_url("**/staff/calendar/")
    link = page.locator("#calendar-link-url").input_value()
    assert "/calendar/" in link
    assert link.endswith(".ics")
    assert accessibility_problems(page) == []
    shoot(page, "calendar-desktop")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "nothing runs off a phone"
    assert accessibility_problems(page) == []
    shoot(page, "calendar-phone")
    feed = page.context.request.get(link)
    assert feed.status == 200
    assert feed.text().count("BEGIN:VEVENT") == 3
