"""Agencies answer, in Chromium at 1280 and 390 px: a coordinator issues Amigur's link; Amigur's contact opens it
on a phone, answers one barrier with a commitment (after the error summary), and the next forum meeting shows the
answer; an expired link is refused. axe-core finds nothing on these pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.services.barriers import record_barrier
from mizui.community.models import Kind
from mizui.community.tests.factories import make_initiative
from mizui.community.tests.test_browser import DESKTOP, PHONE, _no_sideways_scroll, _sign_in
from mizui.directory.models import Organization
from mizui.test import accessibility_problems, make_authority, make_case, make_membership, make_user, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page: Any, name: str, problems: list[str]) -> None:
    problems += [f"{name}: {p}" for p in accessibility_problems(page)]
    _no_sideways_scroll(page)
    shoot(page, name)


def test_an_agency_answers_a_barrier_and_the_next_forum_meeting_shows_it(browser: Any, live_server: Any) -> None:
    city = make_authority("ashdod-g", "אשדוד", 76)
    manager = make_user("manager@g.test", "מיכל אברהמי")
    make_membership(manager, city, Role.MANAGER)
    amigur = Organization.objects.create(key="amigur", name_he="עמיגור")
    case = make_case(city, lawyer=manager)
    today = timezone.localdate()
    with tenant_context(city):
        barrier = record_barrier(manager, case, kind="stigma", agency="amigur", occurred_on=today)
        record_barrier(manager, case, kind="delay", agency="amigur", occurred_on=today)
    meeting = make_initiative(city, Kind.FORUM, title="פורום רבעוני", held_on=today + dt.timedelta(days=30))
    base = live_server.url
    problems: list[str] = []

    staff = _sign_in(browser, base, manager, DESKTOP)
    staff.goto(base + reverse("community:agency-links"))
    staff.locator('[name="organization"]').select_option(str(amigur.pk))
    staff.locator('[name="contact"]').fill("רותי, מנהלת אזור דרום")
    staff.get_by_role("button", name="יצירת קישור").click()
    link = staff.locator("[data-agency-link]").input_value()
    _check(staff, "community-agency-links-desktop", problems)
    staff.set_viewport_size(PHONE)
    _check(staff, "community-agency-links-phone", problems)
    staff.set_viewport_size(DESKTOP)

    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        agency = browser.new_context(viewport=viewport, locale="he-IL").new_page()
        agency.goto(link)
        assert agency.locator("[data-barrier]").count() == 2
        assert agency.locator("[data-national-total]").inner_text() == "—"  # two barriers: fewer than k
        _check(agency, f"community-agency-barriers-{name}", problems)
        if name == "phone":
            agency.locator('[name="barrier"]').select_option(str(barrier.pk))
            agency.locator('[name="commitment"]').fill("איש קשר קבוע למרכז")
            agency.get_by_role("button", name="שליחת התשובה").click()
            agency.locator("[data-error-summary]").wait_for()
            assert agency.evaluate("document.activeElement.hasAttribute('data-error-summary')")
            _check(agency, "community-agency-answer-errors-phone", problems)
            agency.locator('[name="response"]').fill("בדקנו: הפנייה תטופל בסניף הדרום, בלי תור")
            agency.locator('[name="commit_by"]').fill((today + dt.timedelta(days=20)).isoformat())
            agency.get_by_role("button", name="שליחת התשובה").click()
            agency.get_by_role("heading", name="התשובה נשמרה").wait_for()
            _check(agency, "community-agency-answered-phone", problems)
        agency.context.close()

    staff.goto(base + reverse("community:event", kwargs={"pk": meeting.pk}))
    answer = staff.locator("[data-agency-answer]")
    assert "בדקנו: הפנייה תטופל בסניף הדרום" in answer.inner_text()
    assert "איש קשר קבוע למרכז" in staff.locator("[data-agency-commitment]").inner_text()
    _check(staff, "community-forum-answers-desktop", problems)
    staff.set_viewport_size(PHONE)
    _check(staff, "community-forum-answers-phone", problems)
    staff.context.close()

    national = make_user("national@g.test", "צוות התוכנית")
    make_membership(national, city, Role.NATIONAL)
    table = _sign_in(browser, base, national, DESKTOP)
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        table.set_viewport_size(viewport)
        table.goto(base + reverse("community:roundtable"))
        assert table.locator("[data-ministry] [data-answered]").inner_text() == "פחות מ-10"  # one answer
        _check(table, f"community-roundtable-answers-{name}", problems)
    table.context.close()

    refused = browser.new_context(viewport=PHONE, locale="he-IL").new_page()
    refused.goto(link[:-3] + "x/")  # tampered
    assert refused.get_by_role("heading", name="הקישור אינו תקין").is_visible()
    _check(refused, "community-agency-link-refused-phone", problems)
    refused.context.close()
    assert problems == [], "\n".join(problems)
