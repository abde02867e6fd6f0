"""In the browser: a manager uploads a file with bad rows, previews it, imports it and reads the reconciliation;
then a launched phone campaign with its funnel and uplift. Screenshots at 1280 px and 390 px."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from mizui.accounts.models import Role
from mizui.accounts.tenancy import tenant_context
from mizui.outreach import synthetic
from mizui.outreach.models import Group
from mizui.outreach.services import batch, campaigns
from mizui.outreach.tests.factories import make_campaign, make_source
from mizui.test import make_authority, make_membership, make_user, shoot, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


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


def test_an_import_with_bad_rows_and_a_campaign(browser: Any, live_server: Any, settings: Any, tmp_path: Path) -> None:
    settings.TASKS = IMMEDIATE
    city = make_authority("ashdod-o", "אשדוד", 70)
    manager = make_user("manager@o.test", "מיכל אברהמי")
    make_membership(manager, city, Role.MANAGER)
    make_source(city)
    rows = list(synthetic.rows(120, seed=8))
    rows[3][0] = synthetic.bad_id(4)
    rows[10][synthetic.COLUMNS.index("birth_date")] = "32/13/1990"
    rows[20] = list(rows[19])
    path = tmp_path / "arnona-2026.csv"
    path.write_bytes(synthetic.csv_bytes(rows))

    page = _sign_in(browser, live_server.url, manager, DESKTOP)
    page.goto(live_server.url + reverse("outreach:index"))
    page.locator('[name="file"]').set_input_files(str(path))
    page.get_by_role("button", name="העלאה ותצוגה מקדימה").click()
    page.wait_for_selector("text=10 השורות הראשונות")
    assert "מספר זהות שגוי" in page.content()
    page.get_by_role("button", name="ייבוא כל הקובץ").click()
    page.wait_for_selector("[data-balanced]")
    assert page.locator("[data-rows]").inner_text() == str(len(rows))
    assert page.locator("[data-quarantined]").inner_text() == "2"
    assert page.locator("[data-duplicates]").inner_text() == "1"
    shoot(page, "outreach-import-desktop")
    # The same signed-in session on a phone-sized page: signing in again within the same 30-second TOTP step
    # would replay the code, which the second factor rightly refuses.
    phone = page.context.new_page()
    phone.set_viewport_size(PHONE)
    phone.goto(page.url)
    shoot(phone, "outreach-import-phone")

    with tenant_context(city):
        run = batch.start_run(None, authority=city, as_of=dt.date(2026, 1, 15))
    batch.execute_run(run)
    campaign = make_campaign(None, city, name="טלפונים: זכויות שלא מומשו", holdout_percent=20, seed=5)
    with tenant_context(city):
        campaigns.launch(manager, campaign)
        treated = list(campaign.targets.filter(group=Group.TREATMENT).order_by("-annual", "pk")[:5])
        campaigns.log_contact(manager, treated[0], outcome="reached")
        campaigns.log_contact(manager, treated[1], outcome="no_answer")
        campaigns.record_response(manager, treated[2])
    page.goto(live_server.url + reverse("outreach:campaign", kwargs={"pk": campaign.pk}))
    page.wait_for_selector("text=משפך")
    assert page.locator('[data-step="responded"]').inner_text().split()[-2] == "1"
    shoot(page, "outreach-campaign-desktop")
    phone.goto(page.url)
    shoot(phone, "outreach-campaign-phone")


def test_a_call_records_two_answers_and_a_confirmed_right_lands_on_the_ledger(
    browser: Any, live_server: Any, settings: Any
) -> None:
    """A coordinator calls a mother of three from a phone campaign, in Arabic: she earns ₪5,000 and owns no other
    home. The household is screened again at once, the work grant turns eligible, and confirming it opens an
    inquiry from outreach and a case with the work grant on its ledger."""
    from mizui.cases.models import Entitlement, Inquiry, InquiryChannel
    from mizui.outreach.tests.test_calls import family, import_and_target
    from mizui.test import accessibility_problems

    settings.TASKS = IMMEDIATE
    city = make_authority("ashdod-c", "אשדוד", 70)
    coordinator = make_user("coordinator@c.test", "שירה מזרחי")
    make_membership(coordinator, city, Role.COORDINATOR)

    class Cast:
        michal = coordinator

    target = import_and_target(Cast, city, family())
    page = _sign_in(browser, live_server.url, coordinator, DESKTOP)
    page.goto(live_server.url + reverse("outreach:campaign", args=[target.campaign_id]))
    page.get_by_role("link", name="לשיחה: שאלות שיכריעו").click()
    assert page.locator("[data-script]").get_attribute("lang") == "ar"
    assert page.locator('[data-program="work_grant"]').count() == 0
    assert accessibility_problems(page) == []
    shoot(page, "outreach-call-desktop")
    phone = page.context.new_page()
    phone.set_viewport_size(PHONE)
    phone.goto(page.url)
    shoot(phone, "outreach-call-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.locator(f'[name="{target.member_id}__income_work"]').fill("5000")
    page.locator('[name="household__owns_other_property"][value="no"]').check()
    page.get_by_role("button", name="רישום התשובות ובדיקה מחדש").click()
    page.wait_for_selector('[data-program="work_grant"]')
    assert "מענק עבודה" in page.locator(".messages").inner_text()
    assert accessibility_problems(page) == []  # the flash message too
    page.get_by_role("button", name="התושב/ת מאשר/ת: פתיחת פנייה ותיק עם הזכויות האלה").click()
    page.wait_for_url("**/staff/cases/*/")
    assert "מענק עבודה" in page.locator("main").inner_text()
    with tenant_context(city):
        inquiry = Inquiry.objects.for_authority(city).get()
        assert inquiry.channel == InquiryChannel.OUTREACH
        assert Entitlement.objects.for_authority(city).filter(case=inquiry.case, program="work_grant").exists()
