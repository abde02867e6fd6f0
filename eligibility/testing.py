"""Run OpenFisca-style YAML cases: a household (contract v1), a legal date, expected column values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from eligibility.api import evaluate
from eligibility.parameters import read_yaml

TESTS_DIR = Path(__file__).parent / "tests"


def load_cases(path: Path) -> list[dict[str, Any]]:
    cases = read_yaml(path) or []
    assert isinstance(cases, list), f"{path}: a YAML test file is a list of cases"
    return cases


def run_case(case: dict[str, Any]) -> list[str]:
    """Evaluate one case; return the mismatches (empty when it passes)."""
    as_of = case["period"]
    if not isinstance(as_of, dt.date):
        as_of = dt.date.fromisoformat(str(as_of))
    household = dict(case["input"])
    household.setdefault("members", [{"role": "applicant"}])
    margin = float(case.get("absolute_error_margin", 0.5))
    row = evaluate([household], as_of, detail=True).to_dicts()[0]
    errors = []
    for name, expected in case["output"].items():
        if name not in row:
            errors.append(f"{name}: no such column")
            continue
        actual = row[name]
        if not _same(actual, expected, margin):
            errors.append(f"{name}: expected {expected!r}, got {actual!r}")
    return errors


def _same(actual: Any, expected: Any, margin: float) -> bool:
    if expected is None or actual is None or isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected or actual == expected and type(actual) is type(expected)
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return abs(float(actual) - float(expected)) <= margin
    return bool(str(actual) == str(expected))
