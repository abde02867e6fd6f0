"""A person at the keyboard: log in with a second factor, switch authority and language (system Chromium)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("MIZUI_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"
# Without these, Chromium tries to reach Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls here are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def shoot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


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
