"""The outcomes dashboard in Chromium: charts run right to left, figures drill down to their rows, dependence and
mobility from the households' own screenings, and the home's list of households to screen again leading to the case
page's screening form; desktop and phone, axe-core on the last two."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Entitlement, Inquiry
from mizui.outcomes.refresh import rebuild
from mizui.outcomes.summary import add_months
from mizui.test import (
    SCREENSHOTS,
    accessibility_problems,
    make_authority,
    make_case,
    make_inquiry,
    make_membership,
    make_user,
    shoot,
    totp_code,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PROGRAMS = [("income_support", "nii"), ("rent_assistance", "housing"), ("arnona_senior", "municipality")]


def _sign_in(browser: Any, base: str, user: Any, viewport: dict[str, int]) -> Any:
    page = browser.new_context(viewport=viewport, locale="he-IL").new_page()
    page.goto(base + reverse("accounts:login"))
    page.locator('[name="username"]').fill(user.email)
    page.locator('[name="password"]').fill("correct-horse-battery-staple")
    page.locator("main form button[type=submit]").click()
    page.locator('[name="token"]').fill(totp_code(user))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")
    return page


def _center(city: Any, lawyer: Any) -> None:
    """A year of synthetic work: 36 households, inquiries by channel, rights at every stage."""
    rng = random.Random(8)  # noqa: S311 (synthetic data)
    this_month = timezone.localdate().replace(day=1)
    for n in range(36):
        month = add_months(this_month, -rng.randrange(12))
        day = month + dt.timedelta(days=rng.randrange(25))
        case = make_case(city, lawyer=lawyer, full_name=f"תושבת {n}")
        inquiry = make_inquiry(
            city, channel=rng.choice(["walk_in", "phone", "screener", "outreach"]), phone=f"05200000{n:02d}"
        )
        program, agency = PROGRAMS[n % 3]
        stage = rng.choice(["identified", "submitted", "decided", "paid"])
        decided = stage in ("decided", "paid")
        denied = decided and rng.random() < 0.25
        stage = "decided" if denied else stage
        with tenant_context(city):
            Inquiry.objects.filter(pk=inquiry.pk).update(
                created_at=dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC), case=case, resident=case.resident
            )
            Entitlement.objects.filter(case=case).update(
                program=program, agency=agency, stage=stage, identified_on=day,
                submitted_on=day + dt.timedelta(days=20) if stage != "identified" else None,
                decided_on=day + dt.timedelta(days=45) if decided else None,
                paid_on=day + dt.timedelta(days=60) if stage == "paid" and not denied else None,
                decision=("denied" if denied else "approved") if decided else "",
                denial_reason="income" if denied else "",
                basis="confirmed" if decided and not denied and n % 2 else "estimated",
                evidence="מכתב" if decided and not denied and n % 2 else "",
                monthly_amount=Decimal(rng.randrange(300, 3000)), retroactive_amount=Decimal(rng.randrange(0, 6000)),
            )  # fmt: skip
    _followed(city)
    with tenant_context(city):
        rebuild(city)


def _followed(city: Any) -> None:
    """Twelve households screened 400 days ago and again 200 days later: four earn more from work, three of the
    twelve on income support no longer get it."""
    from mizui.outcomes.tests.test_followup import household, screened

    first = timezone.localdate() - dt.timedelta(days=400)
    for n in range(12):
        case = make_case(city, full_name=f"משפחה {n}")
        with tenant_context(city):
            Entitlement.objects.filter(case=case).delete()  # their ledgers are not this test's year of rights
        screened(case, first, household(2000, ["income_support"]))
        screened(
            case,
            first + dt.timedelta(days=200),
            household(2600 if n < 4 else 2000, [] if n < 3 else ["income_support"]),
        )
    waiting = make_case(city, full_name="משפחה ממתינה")  # screened 200 days ago only: due to be screened again
    with tenant_context(city):
        Entitlement.objects.filter(case=waiting).delete()
    screened(waiting, timezone.localdate() - dt.timedelta(days=200), household(1800, ["income_support"]))


def test_it_shows_a_year_of_outcomes_right_to_left(browser: Any, live_server: Any) -> None:
    city = make_authority("ashdod-o", "אשדוד", 70)
    manager = make_user("manager@o.test", "מיכל אברהמי")
    make_membership(manager, city, Role.MANAGER)
    _center(city, manager)

    page = _sign_in(browser, live_server.url, manager, {"width": 1280, "height": 900})
    page.get_by_role("navigation").get_by_role("link", name="מדדים", exact=True).click()
    page.wait_for_url("**/staff/outcomes/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    charts = page.locator("svg.chart")
    assert charts.count() == 4
    # Time runs right to left: the first month's label sits to the right of the last one's.
    labels = charts.first.locator("text[direction=ltr][y='190']")
    first, last = labels.first.bounding_box(), labels.last.bounding_box()
    assert first is not None and last is not None and first["x"] > last["x"]
    assert "₪" in page.locator("table[data-money]").inner_text()
    # Dependence and mobility, from the households' own screenings (issue 22).
    assert page.locator('tr[data-kpi="work_income_rose"] td').inner_text() == "33.3%"
    assert page.locator('tr[data-kpi="income_support_ended"] td').inner_text() == "25.0%"
    shoot(page, "outcomes-dashboard-desktop")
    dependence = page.locator("section", has=page.locator('tr[data-kpi="income_support_ended"]'))
    dependence.screenshot(path=str(SCREENSHOTS / "outcomes-dependence-desktop.png"))

    page.locator('tr[data-kpi="rights_identified"] a').click()
    page.wait_for_url("**/staff/outcomes/figures/rights_identified/**")
    assert page.locator("tbody tr").count() == 36
    shoot(page, "outcomes-drilldown-desktop")

    phone = page  # the same session on a phone-sized screen (a second sign-in would reuse the one-time code)
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(live_server.url + reverse("outcomes:dashboard"))
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width  # no sideways scrolling on a phone: charts shrink, tables scroll in their box
    shoot(phone, "outcomes-dashboard-phone")
    dependence = phone.locator("section", has=phone.locator('tr[data-kpi="income_support_ended"]'))
    dependence.screenshot(path=str(SCREENSHOTS / "outcomes-dependence-phone.png"))

    # The home lists the household due to be screened again; its case page asks what the household receives.
    problems: list[str] = []
    for name, viewport in (("phone", {"width": 390, "height": 844}), ("desktop", {"width": 1280, "height": 900})):
        page.set_viewport_size(viewport)
        page.goto(live_server.url + reverse("accounts:home"))
        due = page.locator('[data-worklist="follow-ups"]')
        assert "משפחה ממתינה" in due.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name
        problems += [f"home-{name}: {p}" for p in accessibility_problems(page)]
        shoot(page, f"home-follow-ups-{name}")
        due.get_by_role("link", name="משפחה ממתינה").click()
        page.locator("#screen-title").click()
        page.get_by_label("אף אחת מאלה").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name
        problems += [f"case-screening-{name}: {p}" for p in accessibility_problems(page)]
        shoot(page, f"case-screening-receives-{name}")
    assert problems == [], "\n".join(problems)
