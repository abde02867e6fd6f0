"""No silent gaps in a yearly series: between two dated values of a parameter marked ``update: yearly`` there is no
whole calendar year without a value, unless the file says why in ``metadata.gap_reason`` (docs/rules-authoring.md §1).

A gap makes every date of the missing years use the older figure; the reason tells the reader whether that is the law
(the amount did not change) or our gap (no figure was found, so the older one is used and shown as stale).
"""

from __future__ import annotations

import datetime as dt

from eligibility.parameters import DatedValue, Parameter, load_parameters


def missing_years(param: Parameter) -> list[int]:
    """The calendar years inside the series' life (between two non-null values) that have no dated value."""
    years: list[int] = []
    previous: DatedValue | None = None
    for item in param.values:
        if item.value is None:  # "from this date the quantity no longer applies": the life ends here
            previous = None
            continue
        if previous is not None:
            years += range(previous.start.year + 1, item.start.year)
        previous = item
    return years


def unexplained(param: Parameter) -> tuple[list[int], list[int]]:
    """(missing years with no reason, reasons for years that are not missing) of a yearly parameter."""
    if param.update != "yearly":
        return [], []
    reasons = param.metadata.get("gap_reason") or {}
    missing = missing_years(param)
    unexcused = [y for y in missing if not str(reasons.get(y) or "").strip()]
    stray = sorted(int(y) for y in reasons if int(y) not in missing)
    return unexcused, stray


def _param(values: dict[str, int | None], **metadata: object) -> Parameter:
    dated = tuple(DatedValue(dt.date.fromisoformat(d), v) for d, v in values.items())
    return Parameter("x", "", "", (), "official", dated, update="yearly", metadata=dict(metadata))


def test_it_finds_a_year_without_a_value_inside_a_series():
    assert missing_years(_param({"2020-01-01": 1, "2023-01-01": 2, "2024-01-01": 3})) == [2021, 2022]
    assert missing_years(_param({"2024-04-01": 1, "2025-01-01": 2})) == []  # a mid-year date is not a gap
    assert missing_years(_param({"2020-01-01": 1, "2022-01-01": None, "2025-01-01": 2})) == []  # ended, restarted


def test_it_accepts_a_gap_only_with_a_reason_for_each_missing_year():
    bare = _param({"2020-01-01": 1, "2023-01-01": 2})
    assert unexplained(bare) == ([2021, 2022], [])
    half = _param({"2020-01-01": 1, "2023-01-01": 2}, gap_reason={2021: "No 2021 figure was found."})
    assert unexplained(half) == ([2022], [])
    stray = _param({"2020-01-01": 1, "2021-01-01": 2}, gap_reason={2021: "No 2021 figure was found."})
    assert unexplained(stray) == ([], [2021])


def test_it_explains_every_gap_in_a_yearly_series():
    problems = []
    for name, param in sorted(load_parameters().items()):
        unexcused, stray = unexplained(param)
        if unexcused:
            problems.append(f"{name} ({param.file}): no value and no metadata.gap_reason for {unexcused}")
        if stray:
            problems.append(f"{name} ({param.file}): gap_reason for {stray}, which now have a value – remove it")
    assert not problems, "\n".join(problems)
