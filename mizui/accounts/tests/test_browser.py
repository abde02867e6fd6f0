"""A person at the keyboard: log in with a second factor, switch authority and language (system Chromium)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.core.management import call_command

from mizui.test import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_logs_in_with_mfa_switches_authority_and_language(browser: Any, live_server: Any, settings: Any) -> None:
    settings.MIZUI_DEMO = True
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # A code works once, so each viewport signs in as a different demo user.
    for width, height, label, email in (
        (1280, 900, "desktop", "admin@mizui.demo"),
        (390, 844, "phone", "manager@ashdod.demo"),
    ):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="he-IL")
        page = context.new_page()
        page.goto(f"{live_server.url}/staff/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("html").get_attribute("lang") == "he"
        shoot(page, f"login-{label}")

        row = page.locator("tr", has_text=email)
        code = row.locator("[data-demo-code]").inner_text().strip()
        page.get_by_label("דוא״ל").first.fill(email)
        page.get_by_label("סיסמה").fill("mizui-demo-2026")
        page.get_by_role("button", name="המשך").click()
        page.wait_for_url("**/accounts/mfa/**")
        shoot(page, f"mfa-{label}")
        page.get_by_label("קוד אימות").fill(code)
        page.get_by_role("button", name="כניסה").click()
        page.wait_for_url("**/staff/")
        assert page.get_by_role("heading", level=1).inner_text().startswith("שלום")
        shoot(page, f"staff-home-{label}")

        if label == "desktop":
            page.get_by_label("רשות", exact=True).select_option("beersheva-demo")
            page.get_by_role("button", name="מעבר רשות").click()
            assert "באר שבע (הדגמה)" in page.locator(".lead").inner_text()
            page.get_by_label("שפה").select_option("ar")
            page.get_by_role("button", name="החלפת שפה").click()
            page.wait_for_load_state()
            assert page.locator("html").get_attribute("lang") == "ar"
            assert page.locator("html").get_attribute("dir") == "rtl"
            shoot(page, "staff-home-ar-desktop")
            page.locator("#language-select").select_option("en")
            page.locator(".language-switch button").click()
            page.wait_for_load_state()
            assert page.locator("html").get_attribute("dir") == "ltr"
        context.close()
