"""Community pages in Chromium, on a desktop and a phone: a volunteer's profile, an event with its attribution
code and results, a forum meeting with its decisions and barrier evidence, and a trustee registering a neighbour."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mizui.accounts.models import Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import BarrierKind, Inquiry
from mizui.cases.services import open_case
from mizui.cases.services.barriers import record_barrier
from mizui.community.models import Activity, Kind
from mizui.community.services.initiatives import add_partner, attach_evidence
from mizui.community.services.volunteers import log_hours
from mizui.community.tests.factories import make_commitment, make_initiative, make_trustee, make_volunteer
from mizui.directory.models import Organization
from mizui.test import (
    make_authority,
    make_case,
    make_inquiry,
    make_membership,
    make_resident,
    make_user,
    shoot,
    totp_code,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


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


def _no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_coordinator_sees_volunteers_events_and_the_forum(browser: Any, live_server: Any) -> None:
    city = make_authority("ashdod-c", "אשדוד", 73)
    manager = make_user("manager@c.test", "מיכל אברהמי")
    make_membership(manager, city, Role.MANAGER)
    lawyer = make_user("lawyer@c.test", "דנה לוי")
    make_membership(lawyer, city, Role.LAWYER)
    volunteer = make_volunteer(city, tier="documents", languages=("he", "ru"), email="yael@c.test")
    case = make_case(city, volunteer=volunteer.user, lawyer=lawyer)
    today = timezone.localdate()
    with tenant_context(city):
        log_hours(manager, volunteer, on=today, hours=2, activity=Activity.DOCUMENTS, case=case)  # type: ignore[arg-type]

    fair = make_initiative(
        city,
        Kind.AWARENESS,
        title="ערב זכויות לאזרחים ותיקים",
        place="מתנ״ס רובע ג׳",
        audience="אזרחים ותיקים, דוברי רוסית",
        attendance=64,
        materials="עלון ברוסית ובעברית",
    )
    nii = Organization.objects.create(key="nii", name_he="המוסד לביטוח לאומי")
    arnona = Organization.objects.create(key="municipal-arnona", name_he="מחלקת הארנונה")
    with tenant_context(city):
        add_partner(manager, fair, nii, representative="מנהלת סניף")
    make_inquiry(city, event_code=fair.code, phone="0529990001")
    inquiry = make_inquiry(city, event_code=fair.code, phone="0529990002")
    with tenant_context(city):
        open_case(lawyer, resident=make_resident(city), topic="השלמת הכנסה", inquiry=Inquiry.objects.get(pk=inquiry.pk))

    meeting = make_initiative(city, Kind.FORUM, title="פורום מיצוי זכויות – ישיבה רבעונית", place="בניין העירייה")
    with tenant_context(city):
        add_partner(manager, meeting, nii)
        add_partner(manager, meeting, arnona)
        for kind in (BarrierKind.DELAY, BarrierKind.DELAY, BarrierKind.FORM):
            record_barrier(lawyer, case, kind=kind, agency="nii", occurred_on=today)
        attach_evidence(manager, meeting)
    make_commitment(city, meeting, text="לקבוע איש קשר קבוע לתיקים תקועים", owner=None, owner_organization=nii)
    make_commitment(city, meeting, text="להפיץ טופס מקוצר להנחה בארנונה", due_on=today + dt.timedelta(days=20))

    page = _sign_in(browser, live_server.url, manager, DESKTOP)
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)  # one sign-in: a TOTP code is accepted once
        page.goto(live_server.url + reverse("community:volunteer", kwargs={"pk": volunteer.pk}))
        assert page.locator("[data-tier]").inner_text() == "איסוף מסמכים"
        assert page.locator("[data-hours-month]").inner_text() == "2"
        _no_sideways_scroll(page)
        shoot(page, f"community-volunteer-{name}")

        page.goto(live_server.url + reverse("community:event", kwargs={"pk": fair.pk}))
        assert page.locator("[data-code]").inner_text() == fair.code
        assert page.locator("[data-inquiries]").first.inner_text() == "2"
        assert page.locator("[data-cases]").inner_text() == "1"
        _no_sideways_scroll(page)
        shoot(page, f"community-event-{name}")

        page.goto(live_server.url + reverse("community:event", kwargs={"pk": meeting.pk}))
        assert page.locator("[data-evidence-total]").inner_text() == "3"
        assert page.locator("[data-commitment]").count() == 2
        _no_sideways_scroll(page)
        shoot(page, f"community-forum-meeting-{name}")
    page.context.close()


def test_a_trustee_registers_a_neighbour_on_the_phone(browser: Any, live_server: Any) -> None:
    city = make_authority("ashdod-t", "אשדוד", 74)
    manager = make_user("manager@t.test", "מיכל אברהמי")
    make_membership(manager, city, Role.MANAGER)
    olga = make_user("olga@t.test", "אולגה סמירנובה")
    make_membership(olga, city, Role.TRUSTEE)
    make_trustee(city, user=olga)
    page = _sign_in(browser, live_server.url, olga, PHONE)
    page.goto(live_server.url + reverse("community:leads"))
    page.locator('[name="full_name"]').fill("ולנטינה אורלוב")
    page.locator('[name="phone"]').fill("052-7770001")
    page.locator('[name="preferred_language"]').select_option("ru")
    page.locator('[name="need"]').fill("לא בטוחה שמקבלת השלמת הכנסה")
    page.locator('[name="consent"]').check()
    page.get_by_role("button", name="מסירה למרכז").click()
    page.wait_for_url("**/staff/community/leads/")
    assert page.locator("[data-lead] [data-status]").inner_text() == "התקבלה במרכז"
    _no_sideways_scroll(page)
    shoot(page, "community-trustee-leads-phone")
    with tenant_context(city):
        assert Inquiry.objects.get().channel == "trustee"
    page.context.close()
