"""Case stories in Chromium at 1280 and 390 px: a coordinator writes a story from a closed case (after the error
summary), the stripped text shows with a warning, a lawyer ticks it and approves, attaches the story to a forum
meeting, and the meeting's page shows the stripped story; the lawyer prints it in last month's report, whose PDF has
the stripped text only; axe-core finds nothing on these pages."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mizui.accounts.models import Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import Case, CaseStatus
from mizui.community.models import Kind
from mizui.community.tests.factories import make_initiative
from mizui.community.tests.test_browser import DESKTOP, PHONE, _sign_in
from mizui.community.tests.test_supervision_browser import _check
from mizui.outcomes.refresh import rebuild
from mizui.test import make_authority, make_case, make_membership, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_story_is_written_stripped_approved_and_shown_at_a_forum_meeting(browser: Any, live_server: Any) -> None:
    city = make_authority("ashdod-st", "אשדוד", 75)
    manager = make_user("manager@st.test", "מיכל אברהמי")
    make_membership(manager, city, Role.MANAGER)
    coordinator = make_user("coord@st.test", "שירן רכזת")
    make_membership(coordinator, city, Role.COORDINATOR)
    lawyer = make_user("lawyer@st.test", "דנה לוי")
    make_membership(lawyer, city, Role.LAWYER)
    case = make_case(city, full_name="אסתר מלכה", phone="0541234567")
    with tenant_context(city):
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_at=timezone.now())
    meeting = make_initiative(city, Kind.FORUM, title="פורום זכויות רבעוני")
    with tenant_context(city):
        rebuild(city)  # the dashboard has its tables: no first rebuild to wait for
    base = live_server.url
    problems: list[str] = []

    page = _sign_in(browser, base, coordinator, DESKTOP)
    page.goto(base + reverse("community:stories"))
    page.get_by_label("מספר התיק (תיק סגור)").fill(str(case.pk))
    page.get_by_role("button", name="כתיבת סיפור מהתיק").click()
    page.wait_for_url(f"**/staff/community/cases/{case.pk}/story/")
    page.locator('[name="text"]').fill(
        "אסתר מלכה, בת 93, פנתה ב-12/03/2024 מטלפון 054-1234567. ת.ז. 123456782. אחרי ערעור קיבלה קצבת סיעוד."
    )
    page.get_by_role("button", name="הסרת פרטים מזהים ושמירה").click()  # no consent: the summary takes the focus
    page.locator("[data-error-summary]").wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    _check(page, "community-story-errors-desktop", problems)
    page.get_by_label("איך נתן/ה התושב/ת הסכמה לסיפור").select_option("signature")
    page.get_by_label("התושב/ת הסכימ/ה שסיפור אנונימי מהתיק יוצג בפורום ובדוחות").check()
    page.get_by_role("button", name="הסרת פרטים מזהים ושמירה").click()
    page.wait_for_url("**/staff/community/stories/*/")
    stripped = page.locator("[data-stripped]").inner_text()
    for gone in ("אסתר", "מלכה", "054-1234567", "123456782", "12/03/2024"):
        assert gone not in stripped
    assert "מרץ 2024" in stripped and "קיבלה קצבת סיעוד" in stripped
    assert page.locator('[data-flag="old_age"]').count() == 1
    assert page.locator("form [name=stripped_text]").count() == 0  # the author cannot approve
    _check(page, "community-story-draft-desktop", problems, after_redirect=True)
    story_url = page.url
    page.context.close()

    page = _sign_in(browser, base, lawyer, DESKTOP)
    page.goto(story_url)
    page.locator("[name=stripped_text]").fill("תושבת מבוגרת פנתה במרץ 2024. אחרי ערעור קיבלה קצבת סיעוד.")
    page.get_by_role("button", name="אישור הסיפור").click()  # the warning not ticked
    page.locator(".messages").wait_for()
    assert page.locator("[data-story-status]").inner_text() == "טיוטה"
    page.locator("[name=stripped_text]").fill("תושבת מבוגרת פנתה במרץ 2024. אחרי ערעור קיבלה קצבת סיעוד.")
    page.get_by_label("גיל מעל 90").check()
    page.get_by_role("button", name="אישור הסיפור").click()
    page.locator("[data-story-status]", has_text="מאושר").wait_for()
    _check(page, "community-story-approved-desktop", problems, after_redirect=True)
    page.get_by_label("פגישת פורום", exact=True).select_option(str(meeting.pk))
    page.get_by_role("button", name="הצגה בפגישה").click()
    page.wait_for_url(f"**/staff/community/events/{meeting.pk}/")
    shown = page.locator("[data-story]").inner_text()
    assert "תושבת מבוגרת פנתה במרץ 2024" in shown and "בת 93" not in shown
    _check(page, "community-story-meeting-desktop", problems, after_redirect=True)

    # The lawyer also prints it in last month's report: the dashboard counts it, the PDF has the stripped text only.
    page.goto(story_url)
    month = page.locator('[name="month"]').input_value()
    page.get_by_role("button", name="שמירה", exact=True).click()
    page.locator("[data-story-report]").wait_for()
    _check(page, "community-story-report-desktop", problems, after_redirect=True)
    page.goto(base + reverse("outcomes:dashboard"))
    assert page.locator("[data-report-stories] strong").inner_text() == "1"
    pdf = page.request.get(base + reverse("outcomes:report-pdf") + f"?month={month}")
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf.body())).pages)
    # Runs of one direction: the extractor orders the runs of a mixed line (a year beside Hebrew) its own way.
    assert "תושבת מבוגרת פנתה במרץ" in text and "אחרי ערעור קיבלה קצבת סיעוד" in text
    assert "בת 93" not in text and "אסתר" not in text

    page.set_viewport_size(PHONE)
    for name, url in (
        ("stories", reverse("community:stories")),
        ("story", story_url.removeprefix(base)),
        ("story-meeting", reverse("community:event", kwargs={"pk": meeting.pk})),
        ("story-new", reverse("community:story-new", kwargs={"pk": case.pk})),
    ):
        page.goto(base + url)
        _check(page, f"community-{name}-phone", problems)
    page.context.close()
    assert problems == [], "\n".join(problems)
