"""Figures computed from the average wage (השכר הממוצע לפי סעיף 2) agree with the official figures they were read from.

Some National Insurance income limits follow the average wage, not the CPI-linked basic amount: each is a fixed share
of the year's average wage, rounded to the nearest shekel (half up). Where the NII's page for 2025 or 2026 was not
found, the year's figure is that share of the year's average wage (``nii.general.average_wage``, secondary), entered
as ``secondary`` with the share and the average wage in its reference title (docs/rules-authoring.md §8).

These tests keep the computed values honest: each share must reproduce every official figure it was read from, each
computed value must be its share of that year's average wage, and the average wages used must reproduce the NII's
own official income-support disregards of 2025 and 2026, which are shares of the same average wage. The official
figures below are copied from the NII's pages (cited in the parameter files), never from running the engine.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from eligibility.parameters import get_parameter

# The average wage by section 2 of the National Insurance Law in force from 1 January (2020: the NII's own figure;
# 2024-2026: nii.general.average_wage).
AVERAGE_WAGE = {2020: 10551, 2024: 12536, 2025: 13316, 2026: 13769}

# (parameter, share of the average wage in percent, {year: official figure the share reproduces})
SHARES = [
    # The widower's income test: bdikatHachnasot.aspx / alman.aspx (6,014 and 1,604 from 2020, 7,146 and 1,905 from
    # 2024); the NII's own page on grants "for reasons of justice" gives 6,014 as "57% of the average wage".
    ("nii.survivors.eligibility.widower_income_limit", "57", {2020: 6014, 2024: 7146}),
    ("nii.survivors.eligibility.widower_income_deduction", "15.2", {2024: 1905}),
    # The income limits that still allow the income supplement (the NII's conditions pages, 01.01.2024).
    ("nii.income_supplement.limits.occupational_pension_single", "13", {2024: 1630}),
    ("nii.income_supplement.limits.occupational_pension_couple", "20.5", {2024: 2570}),
    ("nii.survivors_income_supplement.limits.pension_single", "13", {2024: 1630}),
    ("nii.survivors_income_supplement.limits.pension_with_child", "20.5", {2024: 2570}),
    ("nii.survivors_income_supplement.limits.work_single", "23.5", {2024: 2946}),
    ("nii.survivors_income_supplement.limits.work_with_child", "27.5", {2024: 3447}),
]

# The widower's deduction from 01.01.2020 (1,604) is on the NII's page but not encoded (the series starts in 2024).
WIDOWER_DEDUCTION_2020 = 1604

# The NII's official income-support work disregards (work_disregard.yaml, 2025 and 2026) and their shares.
DISREGARDS = [
    ("nii.income_support.work_disregard.credit.under_55.single", "5", {2025: 666, 2026: 688}),
    ("nii.income_support.work_disregard.credit.under_55.couple", "7", {2025: 932, 2026: 964}),
    ("nii.income_support.work_disregard.credit.age_55_plus.single", "13", {2025: 1731, 2026: 1790}),
    ("nii.income_support.work_disregard.credit.age_55_plus.couple", "17", {2025: 2264, 2026: 2341}),
]


def share(base: int, percent: str) -> int:
    """``percent`` of ``base``, rounded to the nearest shekel (half up, as the NII rounds)."""
    return int((Decimal(base) * Decimal(percent) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def jan_1(name: str, year: int) -> int:
    return int(get_parameter(name)(dt.date(year, 1, 1)))


def test_the_average_wages_are_the_encoded_ones():
    for year in (2024, 2025, 2026):
        assert jan_1("nii.general.average_wage", year) == AVERAGE_WAGE[year], year


@pytest.mark.parametrize(("name", "percent", "official"), DISREGARDS)
def test_the_average_wages_reproduce_the_official_income_support_disregards(name, percent, official):
    for year, figure in official.items():
        assert share(AVERAGE_WAGE[year], percent) == figure == jan_1(name, year), year


@pytest.mark.parametrize(("name", "percent", "official"), SHARES)
def test_each_share_reproduces_the_official_figures(name, percent, official):
    for year, figure in official.items():
        assert share(AVERAGE_WAGE[year], percent) == figure, year
        assert jan_1(name, year) == figure, year


def test_the_widower_deduction_share_reproduces_the_2020_figure_too():
    assert share(AVERAGE_WAGE[2020], "15.2") == WIDOWER_DEDUCTION_2020


@pytest.mark.parametrize(("name", "percent", "official"), SHARES)
def test_each_computed_value_is_its_share_of_the_years_average_wage(name, percent, official):
    for year in (2025, 2026):
        assert jan_1(name, year) == share(AVERAGE_WAGE[year], percent), year
        value = get_parameter(name).latest(dt.date(year, 12, 31))
        assert value is not None
        assert value.confidence == "secondary", year
