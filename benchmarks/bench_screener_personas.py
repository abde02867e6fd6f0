"""Walk the public screener as three residents, in each language, at a phone's width, and print what it asked and
what it answered: questions asked, pages, seconds (a script's, not a person's), the results page's height and how
many rights came out likely and "maybe".

    make run   # in another shell: the demo on http://127.0.0.1:8000
    .venv/bin/python benchmarks/bench_screener_personas.py --url http://127.0.0.1:8000 --languages he,ar,ru,en

The personas are those of mizui/screening/tests/test_personas.py (a single mother of two earning ₪4,000 and
renting; a 72-year-old widow on an old-age pension; a 45-year-old immigrant of eight months, unemployed). The
script also answers an older screener's questions (a date as one box, each income's "none" box), so the same
walk measures a version from before. The public pages allow 120 requests a minute from one address: the script
waits a minute between languages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from typing import Any

from playwright.sync_api import Page, sync_playwright


def _ago(years: int, month: int = 3, day: int = 1) -> str:
    return dt.date(dt.date.today().year - years, month, day).isoformat()  # noqa: DTZ011


def _days(n: int) -> str:
    return (dt.date.today() - dt.timedelta(days=n)).isoformat()  # noqa: DTZ011


NO = "no"
PERSONAS: dict[str, dict[str, Any]] = {
    "mother": {
        **dict.fromkeys(("has_partner", "employment_service_registered", "student", "has_disability"), NO),
        **dict.fromkeys(("new_immigrant", "soldier", "holocaust_survivor", "owns_other_property"), NO),
        **dict.fromkeys(("ever_owned_home", "debt_enforcement_file", "unpaid_alimony_judgment"), NO),
        "birth_date": _ago(36, 5, 10),
        "sex": "female",
        "marital_status": "divorced",
        "children_count": "2",
        "child_1": _ago(10, 2, 1),
        "child_2": _ago(6, 9, 15),
        "employment": "employed",
        "months_worked_last_18": "18",
        "resident_since_from": "birth",
        "resident_since": _ago(36, 5, 10),
        "income_kinds": ["income_work"],
        "income_work": "4000",
        "tenure": "renter",
        "rent_monthly": "3200",
        "arnona_area_sqm": "65",
        "car_value": "0",
        "financial_assets": "2000",
        "receives": [],
    },
    "widow": {
        **dict.fromkeys(("has_partner", "employment_service_registered", "student", "has_disability"), NO),
        **dict.fromkeys(("new_immigrant", "soldier", "holocaust_survivor", "owns_other_property"), NO),
        "debt_enforcement_file": NO,
        "birth_date": _ago(72),
        "sex": "female",
        "marital_status": "widowed",
        "children_count": "0",
        "employment": "retired",
        "months_worked_last_18": "0",
        "resident_since_from": "birth",
        "resident_since": _ago(72),
        "income_kinds": ["income_nii_benefits"],
        "income_nii_benefits": "2100",
        "tenure": "owner",
        "arnona_area_sqm": "70",
        "ever_owned_home": "yes",
        "car_value": "0",
        "financial_assets": "10000",
        "receives": ["old_age_pension"],
    },
    "immigrant": {
        **dict.fromkeys(("has_partner", "student", "has_disability", "soldier", "holocaust_survivor"), NO),
        **dict.fromkeys(("owns_other_property", "ever_owned_home", "debt_enforcement_file"), NO),
        "birth_date": _ago(45, 6, 20),
        "sex": "male",
        "marital_status": "single",
        "children_count": "0",
        "employment": "unemployed",
        "months_worked_last_18": "0",
        "last_year_months_worked": "0",
        "employment_service_registered": "yes",
        "new_immigrant": "yes",
        "immigration_date": _days(240),
        "resident_since_from": "date",
        "resident_since": _days(240),
        "income_kinds": ["none"],
        "tenure": "renter",
        "rent_monthly": "2800",
        "arnona_area_sqm": "45",
        "car_value": "0",
        "financial_assets": "0",
        "receives": [],
    },
}
VISIBLE_NAMES = """() => Array.from(document.querySelectorAll('main form [name]'))
  .filter(e => e.offsetParent !== null && e.type !== 'hidden' && e.name !== 'csrfmiddlewaretoken')
  .map(e => e.name.replace(/_(day|month|year)$/, ''))"""


def _fill(page: Page, name: str, answers: dict[str, Any]) -> None:
    if name.endswith("_none"):  # an older screener's "I have no income of this kind" box
        if not answers.get(name.removesuffix("_none")):
            page.locator(f'[name="{name}"]').check()
        return
    value = answers.get(name)
    if value is None:
        return
    if page.locator(f'[name="{name}_day"]').count():
        year, month, day = value.split("-")
        for part, text in (("day", day), ("month", month), ("year", year)):
            page.fill(f'[name="{name}_{part}"]', str(int(text)))
        return
    field = page.locator(f'[name="{name}"]')
    kind = field.first.get_attribute("type")
    if kind == "date":
        field.fill(value)
    elif kind == "checkbox":
        for each in value if isinstance(value, list) else []:
            page.locator(f'[name="{name}"][value="{each}"]').check()
    elif kind == "radio":
        page.locator(f'[name="{name}"][value="{value}"]').check()
    elif field.first.evaluate("e => e.tagName") == "SELECT":
        field.select_option(value)
    else:
        field.fill(value)


def walk(page: Page, url: str, persona: str, language: str) -> dict[str, Any]:
    answers = PERSONAS[persona]
    started = time.perf_counter()
    page.goto(url + "/")
    page.locator(f'[name="language"][value="{language}"]').check()
    page.locator('[name="authority"]').select_option(index=0)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    asked: list[str] = []
    pages = 0
    while "/results/" not in page.url and pages < 14:
        seen: set[str] = set()
        for _ in range(3):  # an answer may reveal a question
            for name in dict.fromkeys(page.evaluate(VISIBLE_NAMES)):
                if name not in seen:
                    seen.add(name)
                    _fill(page, name, answers)
        asked += [name for name in seen if not name.endswith("_none")]
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        pages += 1
    return {
        "persona": persona,
        "language": language,
        "questions": len(asked),
        "pages": pages,
        "seconds": round(time.perf_counter() - started, 1),
        "results_height_px": page.evaluate("document.documentElement.scrollHeight"),
        "likely": page.locator(".right-card--eligible").count(),
        "maybe": page.locator(".right-card--maybe").count(),
        # Which rights stay "maybe", and what each says is open, to check they are the agency's to decide.
        "maybe_rights": page.eval_on_selector_all(
            ".right-card--maybe", "cards => cards.map(c => c.getAttribute('aria-labelledby').replace('right-', ''))"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--languages", default="he,ar,ru,en")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for i, language in enumerate(args.languages.split(",")):
            if i:
                time.sleep(60)  # the public pages' rate limit
            for persona in PERSONAS:
                context = browser.new_context(viewport={"width": 390, "height": 844})
                print(json.dumps(walk(context.new_page(), args.url, persona, language), ensure_ascii=False))
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
