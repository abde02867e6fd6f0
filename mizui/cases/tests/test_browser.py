"""A lawyer's day in the browser: intake → screening → ledger → approval with money; a volunteer's limits;
a referral the partner answers through the e-mailed link (downloading what was shared, uploading the decision
letter), and an expired link."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Case, ConsentMethod, ConsentPurpose, MessageStatus, OutgoingMessage, Referral, Stage
from mizui.cases.services import Step, add_note, advance, give_consent, outbox
from mizui.cases.services.documents import upload_document
from mizui.cases.tests.factories import EXE, PDF
from mizui.directory.models import Organization, Service
from mizui.test import (
    accessibility_problems,
    answer_field,
    make_authority,
    make_case,
    make_inquiry,
    make_membership,
    make_user,
    shoot,
    totp_code,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _run_outbox(authority: Any) -> None:
    """What `manage.py worker` does with the queued messages: send each (services/outbox.py)."""
    with tenant_context(authority):
        queued = OutgoingMessage.objects.for_authority(authority).filter(status=MessageStatus.QUEUED)
        for item in queued.select_related("authority"):
            outbox.deliver(item)


def _sign_in(browser: Any, base: str, user: Any, viewport: dict[str, int] = DESKTOP) -> Any:
    page = browser.new_context(viewport=viewport, locale="he-IL").new_page()
    page.goto(base + reverse("accounts:login"))
    page.locator('[name="username"]').fill(user.email)
    page.locator('[name="password"]').fill("correct-horse-battery-staple")
    page.locator("main form button[type=submit]").click()
    page.locator('[name="token"]').fill(totp_code(user))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")
    return page


def test_it_takes_an_inquiry_to_confirmed_money(browser: Any, live_server: Any) -> None:
    city = make_authority("ashdod-e", "אשדוד", 70)
    lawyer = make_user("lawyer@e.test", "דנה לוי")
    make_membership(lawyer, city, Role.LAWYER)
    inquiry = make_inquiry(city)
    page = _sign_in(browser, live_server.url, lawyer)

    page.goto(live_server.url + reverse("cases:inquiry", kwargs={"pk": inquiry.pk}))
    page.locator('[name="topic"]').fill("קצבאות ודיור")
    page.locator('[name="id_number"]').fill("039337423")
    answer_field(page, "birth_date", "1984-05-01")
    page.get_by_role("button", name="פתיחת תיק").click()
    page.wait_for_url("**/staff/cases/*/")

    page.locator("#screen-title").click()
    answer_field(page, "birth_date", "1984-05-01")
    page.locator('[name="marital_status"]').select_option("divorced")
    page.locator('[name="children_birth_dates"]').fill("2015-03-01, 2019-06-01")
    page.locator('[name="employment"]').select_option("employed")
    page.locator('[name="income_work"]').fill("2500")
    page.get_by_role("button", name="בדיקה והוספה ליומן").click()
    page.wait_for_selector("text=נוספו ליומן הזכויות")
    row = page.locator('li[data-program="child_allowance"]')
    assert "זוהתה" in row.inner_text()
    shoot(page, "case-ledger-identified-desktop")

    with tenant_context(city):
        entitlement = Case.objects.for_authority(city).get().entitlements.get(program="child_allowance")
    prefix = f"e{entitlement.pk}"
    # The stage changes in a dialog opened from the right's card, not in a row under every right.
    row.get_by_role("link", name="עדכון שלב").click()
    dialog = page.locator(f"dialog#stage-{entitlement.pk}")
    assert dialog.is_visible()
    assert page.evaluate(f"document.getElementById('stage-{entitlement.pk}').matches(':modal')")
    assert accessibility_problems(page) == []
    action = page.locator(f'form[action$="/ledger/{entitlement.pk}/advance/"]')
    action.locator(f'[name="{prefix}-stage"]').select_option("submitted")
    action.locator(f'[name="{prefix}-on"]').fill(timezone.localdate().isoformat())
    action.locator("button[type=submit]").click()
    page.wait_for_selector("text=יומן הזכויות עודכן")
    assert "הוגשה" in page.locator('li[data-program="child_allowance"]').inner_text()

    page.locator('li[data-program="child_allowance"]').get_by_role("link", name="עדכון שלב").click()
    action = page.locator(f'form[action$="/ledger/{entitlement.pk}/advance/"]')
    action.locator(f'[name="{prefix}-stage"]').select_option("decided")
    action.locator(f'[name="{prefix}-decision"]').select_option("approved")
    action.locator(f'[name="{prefix}-monthly_amount"]').fill("360")
    action.locator(f'[name="{prefix}-evidence"]').fill("מכתב ביטוח לאומי")
    action.locator("button[type=submit]").click()
    page.wait_for_selector("text=יומן הזכויות עודכן")
    row = page.locator('li[data-program="child_allowance"]')
    assert "מאושר" in row.locator("[data-basis]").inner_text()
    assert "₪360" in page.locator("[data-case-realized]").inner_text()
    shoot(page, "case-ledger-approved-desktop")
    # On a phone nothing runs off the screen, and the summary comes first.
    phone = page.context.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(page.url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.locator("[data-case-summary]").bounding_box()["y"] < phone.locator("#ledger-title").bounding_box()["y"]
    assert accessibility_problems(phone) == []
    shoot(phone, "case-phone")
    phone.close()

    page.locator(".page-head a").first.click()
    assert "₪360" in page.locator("[data-realized-monthly]").inner_text()
    shoot(page, "resident-realized-desktop")
    page.context.close()


def test_it_keeps_a_volunteer_to_their_own_cases(browser: Any, live_server: Any) -> None:
    city = make_authority("ashdod-f", "אשדוד", 71)
    volunteer = make_user("volunteer@f.test", "יעל כהן")
    lawyer = make_user("lawyer@f.test", "דנה לוי")
    make_membership(volunteer, city, Role.VOLUNTEER)
    make_membership(lawyer, city, Role.LAWYER)
    mine = make_case(city, volunteer=volunteer, lawyer=lawyer)
    other = make_case(city, lawyer=lawyer)
    with tenant_context(city):
        add_note(lawyer, mine, body="מידע חסוי על התיק", privileged=True)
        add_note(lawyer, mine, body="לאסוף אישור לימודים", privileged=False)
    page = _sign_in(browser, live_server.url, volunteer, {"width": 390, "height": 844})
    page.goto(live_server.url + reverse("cases:case", kwargs={"pk": mine.pk}))
    assert "לאסוף אישור לימודים" in page.content()
    assert "מידע חסוי" not in page.content()
    shoot(page, "case-volunteer-phone")
    response = page.goto(live_server.url + reverse("cases:case", kwargs={"pk": other.pk}))
    assert response is not None and response.status == 404
    page.context.close()


def test_a_partner_answers_a_referral_from_the_emailed_link(
    browser: Any, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    settings.OUTCOMES_REFRESH_DELAY = 0
    city = make_authority("ashdod-g", "אשדוד", 72)
    lawyer = make_user("lawyer@g.test", "דנה לוי")
    make_membership(lawyer, city, Role.LAWYER)
    org = Organization.objects.create(key="nii-e2e", name_he="המוסד לביטוח לאומי", email="branch@nii.test")
    Service.objects.create(key="nii-e2e-income", organization=org, name_he="הבטחת הכנסה", programs=["income_support"])
    case = make_case(city, lawyer=lawyer)
    with tenant_context(city):
        entitlement = case.entitlements.get(program="income_support")
        advance(lawyer, entitlement, Step(stage=Stage.SUBMITTED, on=timezone.localdate()))
        give_consent(
            lawyer,
            resident=case.resident,
            purpose=ConsentPurpose.SHARE_PARTNER,
            method=ConsentMethod.SIGNATURE,
            partner=org.name_he,
        )
        payslip = upload_document(
            lawyer, case, upload=SimpleUploadedFile("payslip.pdf", PDF), label="תלוש שכר", entitlement=entitlement
        )
    page = _sign_in(browser, live_server.url, lawyer)
    case_url = live_server.url + reverse("cases:case", kwargs={"pk": case.pk})
    page.goto(case_url)
    panel = page.locator('section[aria-labelledby="referrals-title"]')
    panel.locator("summary").click()
    panel.locator('[name="service"]').select_option(label="המוסד לביטוח לאומי · הבטחת הכנסה (מקבל: דוא״ל)")
    panel.locator('[name="entitlement"]').select_option(str(entitlement.pk))
    panel.locator('[name="reason"]').fill("בקשה לבדיקת זכאות להבטחת הכנסה")
    panel.get_by_label("תלוש שכר").check()
    # By SMS first: the directory has no mobile number for this partner, and the form says so.
    panel.locator('[name="channel"][value="sms"]').check()
    panel.get_by_role("button", name="שליחת ההפניה").click()
    page.wait_for_selector("[data-referral-error]")
    assert "אין בספרייה טלפון נייד" in panel.locator("[data-referral-error]").inner_text()
    assert panel.locator('[name="documents"]').first.is_checked()  # the choices were kept
    shoot(page, "referral-send-no-phone-desktop")
    panel.locator('[name="channel"][value="email"]').check()
    panel.locator('[name="reason"]').fill("בקשה לבדיקת זכאות להבטחת הכנסה")
    panel.get_by_role("button", name="שליחת ההפניה").click()
    page.wait_for_selector("text=ההפניה נשלחה לגוף השותף")
    shoot(page, "referral-sent-desktop")
    assert mail.outbox == []  # queued: the page did not wait on the mail server
    _run_outbox(city)

    assert [m.to for m in mail.outbox] == [["branch@nii.test"]]
    match = re.search(r"https?://\S+/partner/r/\S+/", str(mail.outbox[0].body))
    assert match is not None
    link = match.group(0)
    partner = browser.new_context(viewport={"width": 390, "height": 844}, locale="he-IL").new_page()
    partner.goto(link)
    assert "בקשה לבדיקת זכאות" in partner.content()
    assert "בן חיים" not in partner.content()  # first name only
    shoot(partner, "referral-partner-phone")
    # No status is chosen beforehand: an empty submit is refused, and the amount waits for "approved".
    partner.get_by_role("button", name="שמירת העדכון").click()
    partner.wait_for_selector("[data-error-summary]")
    assert "נא לבחור את מצב ההפניה" in partner.locator("[data-error-summary]").inner_text()
    assert accessibility_problems(partner) == []
    assert partner.locator("#id_monthly_amount_conditional").is_hidden()
    assert partner.locator("#id_denial_reason_conditional").is_hidden()
    shoot(partner, "referral-partner-empty-submit-phone")
    with partner.expect_download() as download:
        partner.get_by_role("link", name="תלוש שכר").click()
    assert Path(download.value.path()).read_bytes() == PDF
    assert download.value.suggested_filename == f"mizui-case{case.pk}-document{payslip.pk}.pdf"

    def answer(letter: dict[str, Any]) -> None:
        answer_field(partner, "status", "approved")
        assert partner.locator("#id_monthly_amount_conditional").is_visible()
        partner.locator('[name="monthly_amount"]').fill("2150")
        partner.locator('[name="note"]').fill("אושר מחודש הבא")
        partner.locator('[name="document"]').set_input_files(letter)
        partner.get_by_role("button", name="שמירת העדכון").click()

    # A program dressed as a PDF is refused on the page, and the referral is left as it was.
    answer({"name": "approval.pdf", "mimeType": "application/pdf", "buffer": EXE})
    partner.wait_for_selector("text=תוכן הקובץ אינו PDF")
    assert "נשלחה" in partner.locator("[data-referral-status]").inner_text()
    shoot(partner, "referral-partner-refused-upload-phone")
    answer({"name": "approval.pdf", "mimeType": "application/pdf", "buffer": PDF})
    partner.wait_for_selector("text=העדכון נשמר")
    assert partner.locator("[data-referral-closed]").is_visible()  # the referral again, closed by the approval
    assert accessibility_problems(partner) == []
    shoot(partner, "referral-partner-answered-phone")

    page.goto(case_url)
    row = page.locator('li[data-program="income_support"]')
    assert "מאושר" in row.locator("[data-basis]").inner_text()
    assert "אושרה" in page.locator("[data-referral-status]").first.inner_text()
    letter = page.locator('section[aria-labelledby="documents-title"] [data-document]').filter(
        has_text="מכתב החלטה מאת המוסד לביטוח לאומי"
    )
    assert letter.count() == 1
    assert page.locator("[data-partner-document]").inner_text() == "מכתב החלטה מאת המוסד לביטוח לאומי"
    shoot(page, "referral-ledger-confirmed-desktop")
    # Without any command: the lawyer's home lists the partner's answer with its amount, and once the worker has
    # taken the rebuild the approval scheduled, the dashboard counts it.
    page.goto(live_server.url + reverse("accounts:home"))
    answers = page.locator('[data-worklist="partner-answers"]')
    assert "המוסד לביטוח לאומי" in answers.inner_text()
    assert "₪2,150" in answers.inner_text()
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    page.goto(live_server.url + reverse("outcomes:dashboard"))
    assert page.locator('tr[data-kpi="rights_approved"] bdi').inner_text().strip() == "1"
    page.goto(case_url)
    with page.expect_download() as download:
        page.locator("[data-partner-document]").click()
    assert Path(download.value.path()).read_bytes() == PDF

    with tenant_context(city):
        Referral.objects.filter(case=case).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = partner.goto(link)
    assert response is not None and response.status == 410
    assert "תוקף הקישור פג" in partner.content()
    shoot(partner, "referral-link-expired-phone")
    partner.context.close()
    page.context.close()


def test_consent_from_the_directory_and_a_printed_letter_for_a_partner_without_email(
    browser: Any, live_server: Any, settings: Any
) -> None:
    """A coordinator records consent for the Ministry picked from the directory (with the ID number), and the
    Ministry has no e-mail in the directory: the form names the letter, and the letter prints with a QR code."""
    city = make_authority("ashdod-h", "אשדוד", 73)
    coordinator = make_user("coordinator@h.test", "רונית כהן")
    make_membership(coordinator, city, Role.COORDINATOR)
    moch = Organization.objects.create(key="moch-e2e", name_he="משרד הבינוי והשיכון", channels=["email", "letter"])
    Service.objects.create(
        key="moch-e2e-rent", organization=moch, name_he="סיוע בשכר דירה", taxonomy_terms=["human_services:housing"]
    )
    case = make_case(city, id_number="039337423")
    problems: list[str] = []
    page = _sign_in(browser, live_server.url, coordinator)
    for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(viewport)
        page.goto(live_server.url + reverse("cases:resident", kwargs={"pk": case.resident_id}))
        page.locator("summary", has_text="רישום הסכמה").click()
        answer_field(page, "purpose", "share_partner")
        page.get_by_role("button", name="שמירה").click()  # no partner yet: refused, with the summary first
        page.wait_for_selector("[data-error-summary]")
        problems += [f"consent errors {name}: {p}" for p in accessibility_problems(page)]
        shoot(page, f"consent-errors-{name}")
        answer_field(page, "organization", str(moch.pk))
        answer_field(page, "identifiers", ["id_number"])
        page.locator('[name="reason"]').fill("בקשה לסיוע בשכר דירה")
        page.get_by_role("button", name="שמירה").click()
        page.wait_for_selector("text=ההסכמה נרשמה")
        assert "משרד הבינוי והשיכון" in page.locator("[data-consent]").first.inner_text()
        shoot(page, f"consent-recorded-{name}")

    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("cases:case", kwargs={"pk": case.pk}))
    panel = page.locator('section[aria-labelledby="referrals-title"]')
    panel.locator("summary").first.click()
    panel.locator('[name="service"]').select_option(label="משרד הבינוי והשיכון · סיוע בשכר דירה (מכתב או קישור בלבד)")
    panel.locator('[name="reason"]').fill("סיוע בשכר דירה")
    panel.locator('[name="channel"][value="email"]').check()
    panel.get_by_role("button", name="שליחת ההפניה").click()
    page.wait_for_selector("[data-referral-error]")
    error = panel.locator("[data-referral-error]").inner_text()
    assert "אין כתובת דוא״ל" in error and "SMS" not in error
    panel.locator('[name="channel"][value="letter"]').check()
    panel.locator('[name="reason"]').fill("סיוע בשכר דירה")
    panel.locator('[name="contact_phone"]').fill("08-6543210")
    panel.get_by_role("button", name="שליחת ההפניה").click()
    page.wait_for_selector("text=אפשר להעתיק את הקישור")
    page.reload()  # axe on the page itself: base.html's flash list (ul role=status) is another matter
    page.locator("[data-referral-handover] summary").click()
    problems += [f"case page: {p}" for p in accessibility_problems(page)]
    shoot(page, "referral-letter-fallback-desktop")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "nothing runs off a phone"
    shoot(page, "referral-letter-fallback-phone")
    page.set_viewport_size(DESKTOP)
    link = page.locator("[data-referral-handover] input").input_value()
    assert "/partner/r/" in link
    page.locator("[data-referral-handover] a[lang=ar]").click()
    page.wait_for_selector("[data-referral-letter] svg")
    assert "039337423" in page.content()
    problems += [f"letter: {p}" for p in accessibility_problems(page)]
    shoot(page, "referral-letter-ar-desktop")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the letter fits a phone"
    shoot(page, "referral-letter-ar-phone")
    phone = browser.new_context(viewport=PHONE, locale="he-IL").new_page()
    phone.goto(link)
    assert "039337423" in phone.content() and "086543210" in phone.content()
    problems += [f"partner page: {p}" for p in accessibility_problems(phone)]
    shoot(phone, "referral-partner-identifiers-phone")
    phone.context.close()
    page.context.close()
    assert problems == [], "\n".join(problems)
