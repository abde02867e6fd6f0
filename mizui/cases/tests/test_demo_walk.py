"""Issue 21's walk, in Chromium on `make run`'s demo: a coordinator records consent for a partner picked from the
directory, sends a referral by e-mail, the partner opens the link and sees the resident's ID number and the
caseworker's phone, answers "approved, ₪1,870", and the ledger, the coordinator's home and the dashboard show it
with no command typed (the worker `make run` starts runs the queued jobs); the case page on a 390 px phone."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.demo import DEMO_PASSWORD
from mizui.accounts.models import Authority, User
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Case, Entitlement
from mizui.directory.models import Service
from mizui.test import accessibility_problems, answer_field, shoot, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _sign_in(browser: Any, base: str, email: str) -> Any:
    page = browser.new_context(viewport=DESKTOP, locale="he-IL").new_page()
    page.goto(base + reverse("accounts:login"))
    page.locator('[name="username"]').fill(email)
    page.locator('[name="password"]').fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator('[name="token"]').fill(totp_code(User.objects.get(email=email)))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")
    return page


def test_a_referral_from_the_demo_comes_back_approved_and_every_page_shows_it(
    browser: Any, live_server: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MIZUI_DEMO = True
    settings.MEDIA_ROOT = str(tmp_path)
    settings.OUTCOMES_REFRESH_DELAY = 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    city = Authority.objects.get(slug="ashdod-demo")
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)  # what the demo queued on loading
    with tenant_context(city):
        case = (
            Case.objects.for_authority(city)
            .filter(entitlements__program="income_support", entitlements__stage="identified")
            .exclude(resident__id_number="")
            .select_related("resident")
            .first()
        )
        assert case is not None
        right = case.entitlements.get(program="income_support")
        id_number = case.resident.id_number
    nii = Service.objects.get(key="nii-income-support")

    page = _sign_in(browser, live_server.url, "coordinator@ashdod.demo")
    page.goto(live_server.url + reverse("cases:resident", kwargs={"pk": case.resident_id}))
    page.locator("summary", has_text="רישום הסכמה").click()
    answer_field(page, "purpose", "share_partner")
    answer_field(page, "organization", str(nii.organization_id))
    answer_field(page, "identifiers", ["id_number"])
    page.locator('[name="reason"]').fill("בדיקת זכאות להבטחת הכנסה")
    page.get_by_role("button", name="שמירה").click()
    page.wait_for_selector("text=ההסכמה נרשמה")

    case_url = live_server.url + reverse("cases:case", kwargs={"pk": case.pk})
    page.goto(case_url)
    # The claim was filed: its stage moves in the dialog of its card.
    page.locator('li[data-program="income_support"]').get_by_role("link", name="עדכון שלב").click()
    form = page.locator(f'form[action$="/ledger/{right.pk}/advance/"]')
    form.locator(f'[name="e{right.pk}-stage"]').select_option("submitted")
    form.locator(f'[name="e{right.pk}-on"]').fill(timezone.localdate().isoformat())
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=יומן הזכויות עודכן")
    panel = page.locator('section[aria-labelledby="referrals-title"]')
    panel.locator("summary").first.click()
    panel.locator('[name="service"]').select_option(str(nii.pk))
    panel.locator('[name="entitlement"]').select_option(str(right.pk))
    panel.locator('[name="reason"]').fill("בקשה לבדיקת זכאות להבטחת הכנסה")
    panel.locator('[name="channel"][value="email"]').check()
    panel.locator('[name="contact_phone"]').fill("08-6543210")
    panel.get_by_role("button", name="שליחת ההפניה").click()
    page.wait_for_selector("text=ההפניה נשלחה לגוף השותף")
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    sent = [m for m in mail.outbox if "nii@example.org" in m.to]
    assert len(sent) == 1
    match = re.search(r"https?://\S+/partner/r/\S+/", str(sent[0].body))
    assert match is not None

    partner = browser.new_context(viewport=PHONE, locale="he-IL").new_page()
    partner.goto(match.group(0))
    assert id_number in partner.content()
    assert "086543210" in partner.content()
    answer_field(partner, "status", "approved")
    partner.locator('[name="monthly_amount"]').fill("1870")
    partner.get_by_role("button", name="שמירת העדכון").click()
    partner.wait_for_selector("text=העדכון נשמר")
    partner.context.close()

    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)  # the rebuild the approval scheduled
    page.goto(case_url)
    card = page.locator('li[data-program="income_support"]')
    assert "אושרה" in card.inner_text() and "₪1,870" in card.inner_text()
    page.goto(live_server.url + reverse("accounts:home"))
    answers = page.locator('[data-worklist="partner-answers"]').inner_text()
    assert "המוסד לביטוח לאומי" in answers and "₪1,870" in answers
    page.goto(live_server.url + reverse("outcomes:dashboard"))
    assert "data-updating" not in page.content()
    with tenant_context(city):
        approved = Entitlement.objects.for_authority(city).filter(decision="approved").count()
    figure = page.locator('tr[data-kpi="rights_approved"] bdi').inner_text().strip()
    assert figure.replace(",", "").isdigit() and int(figure.replace(",", "")) >= 1
    assert int(figure.replace(",", "")) <= approved

    page.set_viewport_size(PHONE)
    page.goto(case_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert accessibility_problems(page) == []
    shoot(page, "demo-walk-case-phone")
    page.context.close()
