"""The interactive API docs work in a real browser under the site's CSP, with nothing fetched off-site."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_runs_the_docs_page_under_our_csp(browser: Any, live_server: Any) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(live_server.url + "/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock-summary-path").all_inner_texts() == ["/api/v1/screenings", "/api/v1/rights"]
    # "Try it out" on the catalogue: the page calls the API and shows the answer.
    page.locator(".opblock-summary").nth(1).click()
    page.locator("button.try-out__btn").click()
    page.locator("button.execute").click()
    page.wait_for_selector(".live-responses-table", timeout=15_000)
    assert "income_support" in page.locator(".live-responses-table").inner_text()
    assert problems == []  # a CSP violation would show here as a console error
    assert [u for u in requests if not u.startswith(live_server.url) and not u.startswith("data:")] == []
    page.close()
