"""The public API as the Django app, the JSON API and the CLI use it."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from eligibility import (
    LANGUAGES,
    RULES_VERSION,
    HouseholdError,
    evaluate,
    explain,
    programs,
    screen,
    validate_household,
)
from eligibility.cli import main
from eligibility.docs import rights_markdown
from eligibility.parameters import get_parameter

ROOT = Path(__file__).resolve().parents[2]
DANA = {
    "as_of": "2026-01-15",
    "authority": "ashdod",
    "members": [
        {
            "id": "p1",
            "role": "applicant",
            "birth_date": "1968-05-01",
            "sex": "female",
            "marital_status": "divorced",
            "resident_since": "1990-01-01",
            "immigration_date": None,
            "disability": {
                "medical_percent": 0,
                "incapacity_percent": 0,
                "blind": False,
                "receives_general_disability": False,
            },
            "employment": "employed",
            "income": {
                "work": 4200,
                "pension_occupational": 0,
                "nii_benefits": 0,
                "alimony": 0,
                "capital": 0,
                "other": 0,
            },
            "receives": ["child_allowance"],
            "months_worked_last_18": 12,
            "employment_service_registered": False,
            "student": False,
            "soldier": False,
            "holocaust_survivor": False,
        },
        {"id": "c1", "role": "child", "birth_date": "2015-03-01"},
    ],
    "housing": {"tenure": "renter", "rent_monthly": 3500, "arnona_area_sqm": 70, "owns_other_property": False},
    "assets": {"car_value": 0, "financial_assets": 5000},
}


def errors_of(data):
    with pytest.raises(HouseholdError) as exc:
        validate_household(data)
    return {e["field"]: e["message"] for e in exc.value.errors}


def test_it_rejects_a_birth_date_in_the_future_in_hebrew_and_english():
    bad = {"members": [{"role": "applicant", "birth_date": "2999-01-01"}]}
    errors = errors_of(bad)
    assert set(errors) == {"members[0].birth_date"}
    assert (
        errors["members[0].birth_date"]["he"] and errors["members[0].birth_date"]["en"] == "the date is in the future"
    )


def test_it_gives_one_error_per_field():
    bad = {
        "members": [
            {"role": "applicant", "income": {"work": -5, "other": -1}, "birth_date": "1990-13-01"},
            {"role": "cousin"},
        ]
    }
    errors = errors_of(bad)
    assert set(errors) == {
        "members[0].income.work",
        "members[0].income.other",
        "members[0].birth_date",
        "members[1].role",
    }
    assert errors["members[0].income.work"]["en"] == "cannot be negative"


def test_it_rejects_a_partner_without_an_applicant():
    assert set(errors_of({"members": [{"role": "partner"}]})) == {"members"}


def test_it_rejects_two_applicants():
    assert errors_of({"members": [{"role": "applicant"}, {"role": "applicant"}]})["members"]["en"].startswith(
        "there must be"
    )


def test_it_rejects_unknown_fields_and_programs():
    errors = errors_of({"members": [{"role": "applicant", "receives": ["moon_grant"], "shoe_size": 44}]})
    assert "members[0].shoe_size" in errors and "members[0].receives" in errors


def test_it_screens_dana_by_contract_v1():
    result = screen(DANA, lang="en")
    assert result["as_of"] == "2026-01-15" and result["rules_version"] == RULES_VERSION
    keys = {
        "id",
        "agency",
        "status",
        "monthly_amount",
        "one_off_amount",
        "discount_percent",
        "value_note",
        "retroactive_months",
        "confidence",
        "conditions",
        "missing",
        "documents",
        "how_to_apply",
        "explanation",
        "gateways",
    }
    for item in result["programs"]:
        assert keys <= set(item)
        assert item["status"] in ("eligible", "maybe", "not_eligible", "already_receiving")
        assert item["confidence"] in ("official", "secondary", "stale")
        for cond in item["conditions"]:
            assert cond["met"] in (True, False, None) and cond["reference"]["title"] and cond["text"]
        if item["status"] != "maybe":
            assert item["missing"] == []
    by_id = {p["id"]: p for p in result["programs"]}
    assert by_id["child_allowance"]["status"] == "already_receiving"
    assert by_id["arnona_single_parent"]["status"] == "eligible"
    money = [(p["monthly_amount"] or 0) for p in result["programs"] if p["status"] != "not_eligible"]
    assert money == sorted(money, reverse=True)


def test_it_says_the_numbers_in_condition_texts():
    one = {
        "as_of": "2025-03-01",
        "members": [
            {
                "role": "applicant",
                "birth_date": "1990-01-01",
                "sex": "male",
                "marital_status": "single",
                "resident_since": "1990-01-01",
                "employment": "employed",
                "student": False,
                "soldier": False,
                "income": {
                    "work": 4200,
                    "pension_occupational": 0,
                    "nii_benefits": 0,
                    "alimony": 0,
                    "capital": 0,
                    "other": 0,
                },
            }
        ],
        "assets": {"car_value": 0},
    }
    result = screen(one, lang="en")
    support = next(p for p in result["programs"] if p["id"] == "income_support")
    text = next(c["text"] for c in support["conditions"] if c["id"] == "income_below_ceiling")
    assert "₪3,563" in text and "₪4,200" in text
    assert support["status"] == "not_eligible"


def test_it_names_the_question_that_would_decide():
    one = {"as_of": "2025-03-01", "members": [{"role": "applicant", "birth_date": "1990-01-01", "sex": "male"}]}
    support = next(p for p in screen(one, lang="en")["programs"] if p["id"] == "income_support")
    assert support["status"] == "maybe"
    ids = {m["id"] for m in support["missing"]}
    assert {"income.work", "person.resident_since", "assets.car_value"} <= ids


def test_it_speaks_every_language():
    for lang in LANGUAGES:
        result = screen(DANA, lang=lang)
        assert result["programs"][0]["explanation"]


def test_it_evaluates_a_batch_exactly_as_one_by_one():
    as_of = dt.date(2026, 1, 15)
    other = json.loads(json.dumps(DANA))
    other["members"][0]["income"]["work"] = 0
    batch = evaluate([DANA, other, DANA], as_of)
    singles = pl.concat([evaluate([h], as_of) for h in (DANA, other, DANA)])
    assert batch.drop("household_id").equals(singles.drop("household_id"))
    assert batch.height == 3 and "income_support__status" in batch.columns


def test_it_explains_with_parameters_and_references():
    trace = explain(DANA, lang="he")["programs"]["income_support"]
    names = {p["name"] for p in trace["parameters"]}
    assert "nii.income_support.work_disregard.single_parent_tier_limit" in names
    assert all(p["reference"] for p in trace["parameters"])
    assert any(v["name"] == "income_support_max_benefit" for v in trace["variables"])


def test_it_lists_the_catalogue():
    items = programs("en")
    assert {"income_support", "old_age_pension", "arnona_income_test"} <= {p["id"] for p in items}
    for item in items:
        assert set(item["name"]) == set(LANGUAGES) and item["legal_basis"] and item["kolzchut"]


def test_it_versions_the_rules():
    assert re.fullmatch(r"0\.1\.0\+([0-9a-f]{7,40}|dev)", RULES_VERSION)


def test_it_keeps_docs_rights_md_fresh():
    path = ROOT / "docs" / "rights.md"
    text = path.read_text(encoding="utf-8")
    found = re.search(r"--as-of (\d{4}-\d{2}-\d{2})", text)
    assert found, "docs/rights.md lacks its generation command"
    as_of = dt.date.fromisoformat(found.group(1))
    assert text == rights_markdown(as_of), (
        "docs/rights.md is stale: run `mizui rights-doc --as-of <date> > docs/rights.md`"
    )


def test_it_screens_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "dana.json"
    path.write_text(json.dumps(DANA), encoding="utf-8")
    assert main(["screen", str(path), "--lang", "en"]) == 0
    assert json.loads(capsys.readouterr().out)["programs"]


def persons_table(n):
    rows = []
    for i in range(n):
        rows.append(
            {
                "household_id": f"h{i}",
                "role": "applicant",
                "birth_date": "1980-01-01",
                "sex": "female",
                "marital_status": "divorced",
                "resident_since": "1990-01-01",
                "employment": "employed",
                "income_work": 1000.0 * (i % 7),
                "income_pension_occupational": 0.0,
                "income_nii_benefits": 0.0,
                "income_alimony": 0.0,
                "income_capital": 0.0,
                "income_other": 0.0,
                "receives": "",
                "employment_service_registered": True,
                "student": False,
                "soldier": False,
                "car_value": 0.0,
                "tenure": "renter",
                "arnona_area_sqm": 70.0,
                "authority": "netanya",
            }
        )
        rows.append({"household_id": f"h{i}", "role": "child", "birth_date": "2015-01-01"})
    return pl.DataFrame(rows)


def test_it_screens_a_batch_file_with_the_same_results(tmp_path):
    table = persons_table(40)
    table.write_csv(tmp_path / "in.csv")
    assert (
        main(
            [
                "screen-batch",
                str(tmp_path / "in.csv"),
                "--out",
                str(tmp_path / "out.parquet"),
                "--as-of",
                "2025-03-01",
                "--chunk",
                "15",
            ]
        )
        == 0
    )
    out = pl.read_parquet(tmp_path / "out.parquet")
    assert out.height == 40 and out["household_id"].to_list()[:2] == ["h0", "h1"]
    direct = evaluate(table, dt.date(2025, 3, 1))
    assert out.equals(direct)


def test_it_caches_plans_and_texts_per_legal_date_and_language():
    from eligibility.api import _authorities
    from eligibility.engine import compile_plan
    from eligibility.frames import to_frames

    _, households = to_frames([validate_household(DANA)])
    authorities = _authorities(households)
    old, new = dt.date(2025, 6, 1), dt.date(2026, 1, 15)
    assert compile_plan(old, authorities, True) is not compile_plan(new, authorities, True)
    assert compile_plan(old, authorities, True).as_of == old

    def allowance(as_of: dt.date, lang: str = "en") -> dict[str, Any]:
        result = screen(DANA, as_of=as_of, lang=lang)
        return next(p for p in result["programs"] if p["id"] == "child_allowance")

    first = allowance(old)
    assert allowance(new)["monthly_amount"] != first["monthly_amount"]  # the 2026 rate, not the cached 2025 one
    assert allowance(old) == first  # and back again
    assert allowance(old, "he")["name"] != first["name"]  # texts are cached per language


def test_it_gives_the_same_results_for_small_and_large_batches():
    # Small batches run as one sequential query, large ones stage by stage in parallel: same plan, same results.
    from eligibility.engine import SMALL

    as_of = dt.date(2026, 1, 15)
    households = []
    for i in range(SMALL + 6):
        other = json.loads(json.dumps(DANA))
        other["members"][0]["income"]["work"] = 300 * i
        other["members"][0]["birth_date"] = f"{1920 + i}-05-01"  # ages 36 to 106
        households.append(other)
    for detail in (False, True):
        batch = evaluate(households, as_of, detail=detail)
        singles = pl.concat([evaluate([h], as_of, detail=detail) for h in households])
        assert batch.drop("household_id").equals(singles.drop("household_id"))


def test_it_screens_households_in_threads_at_once_each_by_its_own_facts():
    # A small query is built once per thread and reads the household of the call at hand: threads screening at
    # the same time (dask workers, a threaded server) must each get their own household's answer.
    from concurrent.futures import ThreadPoolExecutor

    as_of = dt.date(2026, 1, 15)
    households = []
    for i in range(12):
        other = json.loads(json.dumps(DANA))
        other["members"][0]["income"]["work"] = 1500 * i  # up to 16,500: past the ceiling of either family
        if i % 3 == 0:
            other["members"].append({"id": f"c{i}", "role": "child", "birth_date": "2020-01-01"})
        households.append(other)
    expected = [evaluate([h], as_of, detail=True) for h in households]
    assert len({e["income_support__status"][0] for e in expected}) > 1  # the households differ in their answers
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda h: evaluate([h], as_of, detail=True), households * 8))
    for i, frame in enumerate(got):
        assert frame.equals(expected[i % len(households)]), f"household {i % len(households)} in call {i}"


def test_it_orders_detail_columns_the_same_in_every_process():
    # A detail frame (explain, screen-batch exports) must not reorder its columns with Python's string hashing.
    import subprocess
    import sys

    script = (
        "import datetime as dt, json, sys; from eligibility import evaluate; "
        "print(json.dumps(evaluate([json.loads(sys.argv[1])], dt.date(2026, 1, 15), detail=True).columns))"
    )
    orders = [
        subprocess.run(  # noqa: S603  # this interpreter, a fixed script, no shell
            [sys.executable, "-c", script, json.dumps(DANA)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        for seed in ("1", "2")
    ]
    assert orders[0] == orders[1]


def test_a_stale_amount_names_the_year_of_its_figures():
    # In a year no child-allowance figure is dated yet, the amount rests on the newest dated one: its year is shown.
    import yaml

    amounts = yaml.safe_load((ROOT / "eligibility/parameters/nii/child_allowance/amounts.yaml").read_text())
    newest = max(
        dt.date.fromisoformat(str(day)).year
        for table in amounts.values()
        if isinstance(table, dict) and "values" in table
        for day in table["values"]
    )
    household = {
        "as_of": f"{newest + 1}-03-01",
        "members": [{"role": "applicant", "birth_date": "1985-01-01"}, {"role": "child", "birth_date": "2015-01-01"}],
    }
    program = next(p for p in screen(household, lang="he")["programs"] if p["id"] == "child_allowance")
    assert program["confidence"] == "stale"
    assert program["figures_from"] is not None and program["figures_from"] <= newest


def _income_support(age: int, car_value: int = 0) -> dict[str, Any]:
    """Income support of an unemployed single parent of two on 1 March 2026 (the 2026 maximums are dated)."""
    parent = {
        "role": "applicant",
        "birth_date": f"{2026 - age}-01-01",
        "sex": "female",
        "marital_status": "divorced",
        "employment": "unemployed",
        "income": dict.fromkeys(("work", "pension_occupational", "nii_benefits", "alimony", "capital", "other"), 0),
    }
    children = [{"role": "child", "birth_date": "2014-01-01"}, {"role": "child", "birth_date": "2016-01-01"}]
    # By default no car: a car's deduction reads older figures (income_support_car_income), and only for a car owner.
    household = {
        "as_of": "2026-03-01",
        "authority": "ashdod",
        "members": [parent, *children],
        "assets": {"car_value": car_value},
    }
    return next(p for p in screen(household, lang="en")["programs"] if p["id"] == "income_support")


def _child_allowance(children: int, *, on_income_support: bool) -> dict[str, Any]:
    """The child allowance of a working single mother on 1 March 2026."""
    parent = {
        "role": "applicant",
        "birth_date": "1990-01-01",
        "sex": "female",
        "marital_status": "divorced",
        "employment": "employed",
        "receives": ["income_support"] if on_income_support else [],
    }
    kids = [{"role": "child", "birth_date": f"{2012 + i}-01-01"} for i in range(children)]
    household = {"as_of": "2026-03-01", "members": [parent, *kids]}
    return next(p for p in screen(household, lang="en")["programs"] if p["id"] == "child_allowance")


def test_an_amount_names_the_year_of_the_figures_this_household_used_not_of_another_row_of_its_table():
    # The 36-year-old's maximum is the 2026 row: no "figures from" an older row beside it.
    assert _income_support(36)["figures_from"] is None
    # The deduction for a car below the limit reads figures of 2020–2021 (no newer ones found): their year is named
    # beside a car owner's income support, never beside the same family without a car.
    latest = [
        get_parameter(f"nii.income_support.car_income.{name}").latest(dt.date(2026, 3, 1))
        for name in ("credit_not_working", "credit_working", "working_threshold")
    ]
    newest = max(value.start.year for value in latest if value is not None)
    assert newest < 2026, "the test needs the car deduction's figures to be older ones"
    with_car = _income_support(36, car_value=20_000)
    assert with_car["figures_from"] is not None and with_car["figures_from"] <= newest
    assert _income_support(36, car_value=0)["figures_from"] is None
    # The child allowance and its top-up for the third child of a family on income support are 2026's own (173 +
    # 219 + 219 and 113, the NII's rate page): an amount, with no older year beside it.
    allowance = _child_allowance(3, on_income_support=True)
    assert allowance["monthly_amount"] == 173 + 219 + 219 + 113 and allowance["figures_from"] is None


def test_the_figures_that_only_decide_who_is_entitled_are_not_the_amounts_year():
    # The old-age pension's 2026 amounts are dated; its income test (who is paid, not how much) is from 2023.
    widow = {
        "as_of": "2026-03-01",
        "members": [
            {
                "role": "applicant",
                "birth_date": "1950-01-01",
                "sex": "female",
                "marital_status": "widowed",
                "income": dict.fromkeys(
                    ("work", "pension_occupational", "nii_benefits", "alimony", "capital", "other"), 0
                ),
            }
        ],
    }
    pension = next(p for p in screen(widow, lang="en")["programs"] if p["id"] == "old_age_pension")
    assert pension["monthly_amount"] and pension["figures_from"] is None


def test_a_maybe_no_question_can_settle_says_what_is_open_instead_of_an_empty_list_of_questions():
    # A single parent of two earning 10,000 a month: above the newest ceiling for one or two children we hold (2020)
    # and below the one for three, so this year's ceiling decides it; it is not in our tables, and no answer of hers
    # can settle it.
    parent = {
        "role": "applicant",
        "birth_date": "1990-05-10",
        "sex": "female",
        "marital_status": "divorced",
        "employment": "employed",
        "income": dict.fromkeys(("pension_occupational", "nii_benefits", "alimony", "capital", "other"), 0)
        | {"work": 10000},
    }
    children = [{"role": "child", "birth_date": "2016-02-01"}, {"role": "child", "birth_date": "2020-09-15"}]
    household = {"as_of": "2026-03-01", "members": [parent, *children], "housing": {"owns_other_property": False}}
    grant = next(p for p in screen(household, lang="en")["programs"] if p["id"] == "work_grant")
    assert (grant["status"], grant["missing"]) == ("maybe", [])
    assert "no question here can settle it" in grant["explanation"]
    assert "not in our tables" in grant["explanation"]
    assert "answer: ." not in grant["explanation"]


def test_it_screens_a_date_before_a_bound_s_first_value():
    # The Holocaust-survivor birth bound starts in 2007: a screening dated earlier leaves the question open
    # instead of failing (the API's fuzz test found a 500 on such a date).
    household = {"members": [{"role": "applicant", "birth_date": "1990-01-01"}]}
    result = screen(household, as_of=dt.date(2005, 1, 1), lang="en")
    assert {p["id"] for p in result["programs"]} == {p["id"] for p in programs("en")}


def test_a_table_key_that_cannot_be_worked_out_counts_every_row_of_its_table():
    # The figures' year is a courtesy: a key that cannot be read back from a household's row never fails a
    # screening, it counts every row of the table (as before rows were told apart).
    from eligibility.api import _detail_row
    from eligibility.engine import row_picker
    from eligibility.household import validate_household

    household = {
        "as_of": "2026-03-01",
        "members": [{"role": "applicant", "birth_date": "1990-01-01", "marital_status": "single"}],
    }
    valid = validate_household(household)
    row, plan = _detail_row(valid, dt.date(2026, 3, 1))
    leaf = "nii.income_support.max_benefit.age_25_54.couple"
    assert row_picker(plan, row)(leaf) is False  # a single person's row is not the couple's
    key = plan.table_leaves[leaf][0]
    unreadable = dict(row) | {plan.names.get(c, c): object() for c in key.meta.root_names()}
    assert row_picker(plan, unreadable)(leaf) is True


def test_a_right_open_only_on_the_old_age_pensions_qualifying_period_names_it():
    # A widow who came to Israel at 60, before her retirement age (62), so insured: only National Insurance can say
    # whether her eight years here make a qualifying period for the old-age pension, and every right that rests on
    # that pension waits on the same check. Each must name it, not leave the resident with a "maybe" and nothing to
    # ask.
    member = {
        "id": "a",
        "role": "applicant",
        "birth_date": "1958-03-01",
        "sex": "female",
        "marital_status": "widowed",
        "resident_since": "2018-05-01",
        "immigration_date": "2018-05-01",
        "employment": "retired",
        "student": False,
        "soldier": False,
        "chronic_illness": False,
        "income": {"work": 0, "pension_occupational": 0, "nii_benefits": 0, "alimony": 0, "capital": 0, "other": 0},
        "receives": [],
        "disability": {"medical_percent": 0, "incapacity_percent": 0, "blind": False},
    }
    household = {
        "as_of": "2026-12-01",
        "members": [member],
        "housing": {"tenure": "renter", "rent_monthly": 2800, "arnona_area_sqm": 45},
        "assets": {"car_value": 0, "financial_assets": 0},
    }
    programs = {p["id"]: p for p in screen(household, lang="en")["programs"]}
    for pid in ("old_age_pension", "old_age_income_supplement", "arnona_senior_supplement", "health_exemptions"):
        assert programs[pid]["status"] == "maybe", pid
        assert "insurance.qualifying_period" in [q["id"] for q in programs[pid]["missing"]], pid


def test_a_childs_blank_chronic_illness_is_the_question_a_disabled_child_maybe_names():
    # The rules read a child's chronic illness (disabled child benefit, health fund exemptions). Left blank, the
    # "maybe" named only the medical committee, so the family could not tell which answer of theirs would close it.
    no_disability = {
        "medical_percent": 0,
        "incapacity_percent": 0,
        "blind": False,
        "receives_general_disability": False,
    }
    child = {"role": "child", "birth_date": "2019-01-01", "disability": no_disability}
    mother = {
        "role": "applicant",
        "birth_date": "1990-01-01",
        "sex": "female",
        "chronic_illness": False,
        "receives": [],
    }
    household = {"as_of": "2026-12-07", "members": [mother, child]}
    benefit = next(p for p in screen(household, lang="en")["programs"] if p["id"] == "disabled_child_benefit")
    assert benefit["status"] == "maybe"
    assert "person.chronic_illness" in [q["id"] for q in benefit["missing"]]
    household["members"] = [mother, {**child, "chronic_illness": False}]
    benefit = next(p for p in screen(household, lang="en")["programs"] if p["id"] == "disabled_child_benefit")
    assert benefit["status"] == "not_eligible"


def test_someone_who_said_they_are_not_an_immigrant_is_not_asked_their_immigration_date():
    # immigration_date null is the answer "not an immigrant" (the screener's "no"). A right left open by other facts
    # (last year's months of work) still listed the immigration date among the questions to answer.
    incomes = dict.fromkeys(("work", "pension_occupational", "nii_benefits", "alimony", "capital", "other"), 0)
    woman = {
        "role": "applicant",
        "birth_date": "1964-08-01",
        "sex": "female",
        "marital_status": "divorced",
        "employment": "unemployed",
        "income": incomes,
    }

    def asked(member: dict[str, Any]) -> list[str]:
        household = {"as_of": "2026-12-07", "members": [member]}
        refund = next(p for p in screen(household, lang="en")["programs"] if p["id"] == "tax_credit_refund")
        assert refund["status"] == "maybe"
        return [q["id"] for q in refund["missing"]]

    assert "person.immigration_date" in asked(woman)  # not said: it can change the credit points
    said_no = asked({**woman, "immigration_date": None})
    assert "person.immigration_date" not in said_no
    assert "person.last_year_months_worked" in said_no


def test_a_disability_card_owed_through_a_pension_not_yet_granted_names_the_medical_committee():
    # 75% incapacity and no general disability pension yet: the card follows the pension, which the medical committee
    # grants. The "maybe" named nothing and blamed a figure missing from our tables.
    applicant = {
        "role": "applicant",
        "birth_date": "1995-10-04",
        "sex": "male",
        "employment": "not_working",
        # No answer on a disability pension beside the list of benefits: the list, which leaves it out, says it.
        "disability": {"medical_percent": 100, "incapacity_percent": 75, "blind": False},
        "income": dict.fromkeys(("work", "pension_occupational", "nii_benefits", "alimony", "capital", "other"), 0),
        "receives": [],
    }
    household = {"as_of": "2026-12-07", "members": [applicant]}
    card = next(p for p in screen(household, lang="en")["programs"] if p["id"] == "public_transport_disability")
    assert card["status"] == "maybe"
    assert [q["id"] for q in card["missing"]] == ["agency.medical_committee"]
    assert "not in our tables" not in card["explanation"]


def test_a_maybe_left_open_by_a_benefit_counted_first_names_that_benefit_s_question():
    # A divorced mother of two earning 3,500 who has not said whether the father pays his maintenance judgment:
    # National Insurance alimony, paid first, may take the place of her income support. Her answers to the income
    # support's own questions are all given, so the question that settles it is the judgment's, not "a figure missing
    # from our tables".
    mother = {
        "role": "applicant",
        "birth_date": "1985-03-01",
        "sex": "female",
        "marital_status": "divorced",
        "resident_since": "1990-01-01",
        "immigration_date": None,
        "employment": "employed",
        "income": dict.fromkeys(("pension_occupational", "nii_benefits", "alimony", "capital", "other"), 0)
        | {"work": 3500},
        "receives": ["child_allowance"],
        "student": False,
        "soldier": False,
    }
    children = [{"role": "child", "birth_date": "2016-05-01"}, {"role": "child", "birth_date": "2019-07-01"}]
    household = {"as_of": "2026-12-07", "members": [mother, *children], "assets": {"car_value": 0}}

    def income_support(member: dict[str, Any]) -> dict[str, Any]:
        result = screen({**household, "members": [member, *children]}, lang="en")
        return next(p for p in result["programs"] if p["id"] == "income_support")

    open_ = income_support(mother)
    assert open_["status"] == "maybe"
    assert "person.unpaid_alimony_judgment" in [q["id"] for q in open_["missing"]]
    assert "not in our tables" not in open_["explanation"]
    assert income_support({**mother, "unpaid_alimony_judgment": False})["status"] == "eligible"
