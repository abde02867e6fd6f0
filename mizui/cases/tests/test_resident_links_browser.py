"""The resident's own view in Chromium at 1280 and 390 px: a lawyer issues the link as a QR code in Arabic; the
resident opens it on a phone, sees one approved and one waiting right, uploads a missing document (a disguised file
first, refused at the field), and the caseworker's case page and own queue show it; a revoked link is refused in
Arabic. axe-core
finds nothing on these pages, and no Hebrew text on the Arabic page is left unmarked."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Decision, Entitlement, Stage
from mizui.cases.services import Step, add_task, advance
from mizui.cases.tests.factories import EXE, PDF
from mizui.cases.tests.test_browser import DESKTOP, PHONE, _sign_in
from mizui.test import (
    UNMARKED_HEBREW,
    accessibility_problems,
    make_authority,
    make_case,
    make_membership,
    make_user,
    shoot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page: Any, name: str, problems: list[str]) -> None:
    problems += [f"{name}: {p}" for p in accessibility_problems(page)]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name
    shoot(page, name)


def test_a_resident_follows_their_rights_in_arabic_and_uploads_a_missing_document(
    browser: Any, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    city = make_authority("ashdod-r", "אשדוד", 78)
    city.center_phone = "08-1234567"
    city.save()
    lawyer = make_user("lawyer@r.test", "דנה לוי")
    make_membership(lawyer, city, Role.LAWYER)
    case = make_case(city, lawyer=lawyer, full_name="סמירה חורי", phone="0521234567", preferred_language="ar")
    today = timezone.localdate()
    with tenant_context(city):
        waiting = case.entitlements.get()
        advance(lawyer, waiting, Step(stage=Stage.DOCUMENTS, on=today))
        Entitlement.objects.create(
            authority=city,
            household=case.household,
            case=case,
            program="rent_assistance",
            agency="housing",
            stage=Stage.DECIDED,
            decision=Decision.APPROVED,
            monthly_amount=Decimal(1234),
            identified_on=today,
            decided_on=today,
        )
        add_task(lawyer, case, title="פגישה במרכז", due_on=today + dt.timedelta(days=5), owner=lawyer)
    base = live_server.url
    problems: list[str] = []

    staff = _sign_in(browser, base, lawyer, DESKTOP)
    staff.goto(base + reverse("cases:case", kwargs={"pk": case.pk}))
    staff.locator("[data-resident-links] summary").click()
    _check(staff, "resident-link-card-desktop", problems)
    staff.locator('[name="channel"][value="print"]').check()
    staff.locator('[name="page_language"]').select_option("ar")
    staff.get_by_role("button", name="יצירת הקישור").click()
    staff.locator("[data-resident-link-issued] svg").wait_for()
    link = staff.locator("#resident-link-url").input_value()
    assert re.search(r"/my/[^/]+/$", link)
    _check(staff, "resident-link-issued-desktop", problems)

    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        resident = browser.new_context(viewport=viewport, locale="ar").new_page()
        resident.goto(link)
        assert resident.evaluate("document.documentElement.lang") == "ar"
        assert resident.evaluate("document.documentElement.dir") == "rtl"
        assert resident.locator("[data-right]").count() == 2
        assert "1,234" in resident.locator('[data-right="rent_assistance"] [data-monthly]').inner_text()
        assert "2,000" in resident.locator('[data-right="income_support"] [data-monthly]').inner_text()
        assert resident.locator("[data-caseworker-phone]").inner_text() == "08-1234567"
        assert resident.evaluate(UNMARKED_HEBREW) == []
        _check(resident, f"resident-page-{name}", problems)
        if name == "phone":
            choice = f"{waiting.pk}:0"
            resident.locator('[name="document"]').select_option(choice)
            resident.locator('[name="file"]').set_input_files(
                {"name": "id.pdf", "mimeType": "application/pdf", "buffer": EXE}
            )
            resident.get_by_role("button", name="إرسال المستند").click()
            resident.locator("#id_file_error").wait_for()
            _check(resident, "resident-upload-refused-phone", problems)
            resident.locator('[name="document"]').select_option(choice)
            resident.locator('[name="file"]').set_input_files(
                {"name": "id.pdf", "mimeType": "application/pdf", "buffer": PDF}
            )
            resident.get_by_role("button", name="إرسال المستند").click()
            resident.locator("[data-upload-saved]").wait_for()
            _check(resident, "resident-upload-saved-phone", problems)
        resident.context.close()

    staff.goto(base + reverse("cases:case", kwargs={"pk": case.pk}))
    assert "תעודת זהות וספח" in staff.locator("main").inner_text()
    # The caseworker's own queue has a task for today to look at what the resident sent.
    staff.goto(base + reverse("cases:queue", kwargs={"name": "mine"}))
    assert "תעודת זהות וספח" in staff.locator("main").inner_text()
    _check(staff, "resident-upload-in-queue-desktop", problems)
    staff.goto(base + reverse("cases:case", kwargs={"pk": case.pk}))
    staff.locator("[data-resident-link] button").click()
    staff.wait_for_load_state()
    refused = browser.new_context(viewport=PHONE, locale="he-IL").new_page()
    refused.goto(link)
    assert refused.evaluate("document.documentElement.lang") == "ar"
    assert refused.locator("[data-resident-refused]").is_visible()
    _check(refused, "resident-link-refused-phone", problems)
    refused.context.close()
    staff.context.close()
    assert problems == [], "\n".join(problems)
