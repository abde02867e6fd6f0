"""A batch run watched in the browser: the bar moves and the page says the run is done, with no reload and no
refresh link; axe-core finds nothing wrong while it runs or once it is done, at 1280 and 390 px."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from mizui.accounts.models import Role
from mizui.accounts.tenancy import tenant_context
from mizui.outreach.models import BatchRun, RunStatus
from mizui.test import accessibility_problems, make_authority, make_membership, make_user, shoot, totp_code

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


def _set(city: Any, run: BatchRun, **fields: Any) -> None:
    with tenant_context(city):
        BatchRun.objects.filter(pk=run.pk).update(**fields)


def test_a_batch_run_shows_its_progress_and_its_end_without_a_reload(browser: Any, live_server: Any) -> None:
    city = make_authority("eilat-p", "אילת", 2600)
    manager = make_user("manager@p.test", "רונית כהן")
    make_membership(manager, city, Role.MANAGER)
    with tenant_context(city):
        run = BatchRun.objects.create(authority=city, as_of="2026-01-15", status=RunStatus.RUNNING, progress=20)
    page = _sign_in(browser, live_server.url, manager)
    page.goto(live_server.url + reverse("outreach:run", args=[run.pk]))
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads
    assert page.locator("#run-bar").get_attribute("value") == "20"
    assert not page.get_by_role("link", name="רענון").is_visible()
    assert accessibility_problems(page) == []
    _set(city, run, progress=60)
    page.locator('#run-bar[value="60"]').wait_for(timeout=8000)
    assert "60%" in page.locator("[data-progress]").inner_text()
    shoot(page, "run-progress-desktop")
    _set(city, run, status=RunStatus.DONE, progress=100, persons=120, households=50, households_owed=9)
    page.locator("#run-status [data-done]").wait_for(timeout=8000)
    assert "ההרצה הסתיימה" in page.get_by_role("status").filter(has=page.locator("[data-done]")).inner_text()
    assert page.evaluate("window.__sameDocument === true"), "no reload"
    assert page.locator("[data-polling]").count() == 0
    assert page.locator("[data-owed]").inner_text() == "9"
    assert accessibility_problems(page) == []
    shoot(page, "run-done-desktop")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "nothing runs off a phone"
    assert accessibility_problems(page) == []
    shoot(page, "run-done-phone")
