"""Figures computed from the basic amount (הסכום הבסיסי) agree with the official tables they were derived from.

National Insurance's CPI-linked benefits are shares of one basic amount, rounded to the nearest shekel: the
Income Support Law's Second Schedule gives the income support and income-supplement rates as a percentage of it,
and the old-age and survivors' pensions are fixed shares of it too. Where the NII published only one 2026 table
(the old-age income supplement, official), the 2026 basic amount is the one whole number that reproduces every cell
of that table; other 2026 figures are that basic amount times their share (docs/rules-authoring.md §8).

These tests keep the computed values honest: the basic amount must still reproduce the official table, each share
must reproduce the earlier official tables it was read from, and each computed 2026 value must be its share of the
2026 basic amount. The shares and the earlier official figures below are copied from the NII's pages (cited in the
parameter files), never from running the engine.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from eligibility.parameters import get_parameter

# The basic amount in force from 1 January of each year, read off official tables (see the docstring); 2026's is
# the only whole number that reproduces the NII's old-age income-supplement table of 01.01.2026.
BASIC_AMOUNT = {2021: 8804, 2022: 9015, 2023: 9493, 2024: 9806, 2025: 10139, 2026: 10382}

# The Second Schedule's column C (old age, survivors, dependants), in percent: (under 70, 70-80, 80+).
SUPPLEMENT_SHARES = {
    "single": ("42.14", "42.55", "42.96"),
    "couple": ("66.58", "67.24", "67.89"),
    "couple_1_child": ("77.39", "78.04", "78.70"),
    "couple_2_children": ("88.19", "88.87", "89.50"),
}
BANDS = ("under_70", "age_70_79", "age_80_plus")

# (parameter, share of the basic amount in percent, {year: official figure the share reproduces})
SHARES = [
    ("nii.survivors.pension.widow_40_50", "13.3", {2021: 1171, 2022: 1199, 2024: 1304}),
    ("nii.survivors.pension.widow_50_plus", "17.7", {2021: 1558, 2022: 1596, 2024: 1736}),
    ("nii.survivors.pension.widow_80_plus", "18.7", {2021: 1646, 2022: 1686, 2024: 1834}),
    ("nii.survivors.pension.one_child", "26", {2021: 2289, 2022: 2344, 2024: 2550}),
    ("nii.survivors.pension.each_further_child", "8.3", {2021: 731, 2022: 748, 2024: 814}),
    ("nii.survivors.pension.half_with_old_age", "8.85", {2022: 798, 2024: 868}),
    # The Second Schedule's columns A (under 55) and B (55+), read with the NII's 2024 and 2025 tables.
    ("nii.income_support.max_benefit.age_25_54.single", "20", {2024: 1961, 2025: 2028}),
    ("nii.income_support.max_benefit.age_25_54.couple", "27.5", {2024: 2697, 2025: 2788}),
    ("nii.income_support.max_benefit.age_25_54.couple_1_child", "30", {2024: 2942, 2025: 3042}),
    ("nii.income_support.max_benefit.age_25_54.couple_2_children", "33.5", {2024: 3285, 2025: 3397}),
    ("nii.income_support.max_benefit.age_25_54.single_parent_1_child", "33.5", {2024: 3285, 2025: 3397}),
    ("nii.income_support.max_benefit.age_25_54.single_parent_2_children", "39", {2024: 3824, 2025: 3954}),
    ("nii.income_support.max_benefit.age_55_plus.single", "25", {2025: 2535}),
    # The old-age pension's increment for each of the first two children (official 2024; 2021 and 2022 secondary).
    ("nii.old_age.pension.child_increment", "5.6", {2021: 493, 2022: 505, 2024: 549}),
    # The basic old-age pension and its spouse increment, whose 2026 figures came from a news item: the 2026 basic
    # amount gives the same (1,838; 1,941; 924).
    ("nii.old_age.pension.basic_under_80", "17.7", {2021: 1558, 2022: 1596, 2024: 1736, 2025: 1795}),
    ("nii.old_age.pension.basic_80_plus", "18.7", {2021: 1646, 2022: 1686, 2024: 1834}),
    ("nii.old_age.pension.spouse_increment", "8.9", {2021: 784, 2022: 802, 2024: 873, 2025: 902}),
]


# The child basic amount (הסכום הבסיסי לילד, s. 1(3)(ב)(2)(ג) of the National Insurance Law) that the Second
# Schedule's rows for a single person or single parent with children subtract: 153 from 2023 is the NII's own
# figure ("הסכום הבסיסי לחישוב קצבאות"); 2024's is the one whole number that reproduces both official 2024 alimony
# figures below; 2026's is the one whole number that, with the 2026 basic amount, reproduces the six "single + child"
# and "single + 2 children" cells of the official old-age supplement table of 01.01.2026.
CHILD_BASIC_AMOUNT = {2023: 153, 2024: 158, 2026: 162}

# Column C's "single with a child" and "single with two children" rows, in percent, before the child basic amount is
# subtracted: (under 70, 70-80, 80+).
SINGLE_WITH_CHILDREN_SHARES = {
    "single_1_child": ("71.92", "72.59", "73.24"),
    "single_2_children": ("82.72", "83.39", "84.04"),
}

# (parameter, share in percent before the child basic amount is subtracted, {year: official figure}) – column B's
# single-parent rows at 55 and over; the 2024 figures are the NII's alimony page (the alimony regulations pay the
# income-support single-parent rate), reproduced with the 2024 basic amount and child basic amount.
MINUS_CHILD_SHARES = [
    ("nii.nii_alimony.amounts.age_55_plus.one_child", "42.5", {2024: 4010}),
    ("nii.nii_alimony.amounts.age_55_plus.two_children", "52.5", {2024: 4990}),
    ("nii.income_support.max_benefit.age_55_plus.single_parent_1_child", "42.5", {2024: 4010}),
    ("nii.income_support.max_benefit.age_55_plus.single_parent_2_children", "52.5", {2024: 4990}),
]

# Column B's couple rows (s. 5(a)(2)(b): a claimant of 55 and over), in percent. No NII table found gives these rows
# for any year (its 2025 income-support table has only the single row at 55), so each year's figure is its share of
# that year's basic amount; the shares of column A (under 55) beside them reproduce the official 2024 and 2025 tables.
OVER_55_COUPLE_SHARES = {"couple": "37.5", "couple_1_child": "43.5", "couple_2_children": "49.5"}


def share(basic: int, percent: str) -> int:
    """``percent`` of the basic amount, rounded to the nearest shekel (half up, as the NII rounds)."""
    return int((Decimal(basic) * Decimal(percent) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def jan_1(name: str, year: int) -> int:
    return int(get_parameter(name)(dt.date(year, 1, 1)))


@pytest.mark.parametrize(("family", "band"), [(f, b) for f in SUPPLEMENT_SHARES for b in range(3)])
def test_it_reproduces_the_official_supplement_tables_from_the_basic_amount(family, band):
    name = f"nii.income_supplement.guaranteed_total.{BANDS[band]}.{family}"
    dated = {v.start.year for v in get_parameter(name).values if v.start.month == 1 and v.start.day == 1}
    assert 2026 in dated
    for year in sorted(dated & set(BASIC_AMOUNT)):  # 2022 and 2024 have their single and couple rows encoded
        assert share(BASIC_AMOUNT[year], SUPPLEMENT_SHARES[family][band]) == jan_1(name, year), year


def test_no_other_whole_basic_amount_reproduces_that_table():
    fits = [
        basic
        for basic in range(10300, 10500)
        if all(
            share(basic, shares[band]) == jan_1(f"nii.income_supplement.guaranteed_total.{BANDS[band]}.{family}", 2026)
            for family, shares in SUPPLEMENT_SHARES.items()
            for band in range(3)
        )
    ]
    assert fits == [BASIC_AMOUNT[2026]]


@pytest.mark.parametrize(("name", "percent", "official"), SHARES)
def test_each_share_reproduces_the_earlier_official_tables(name, percent, official):
    for year, figure in official.items():
        assert share(BASIC_AMOUNT[year], percent) == figure, year
        assert jan_1(name, year) == figure, year


@pytest.mark.parametrize(("name", "percent", "official"), SHARES)
def test_each_computed_2026_value_is_its_share_of_the_2026_basic_amount(name, percent, official):
    assert jan_1(name, 2026) == share(BASIC_AMOUNT[2026], percent)
    # So are the years no table was found for, where the series has a value (2023 and 2025 of the survivors').
    for year in (2023, 2025):
        if name.startswith("nii.survivors.") and year not in official:
            assert jan_1(name, year) == share(BASIC_AMOUNT[year], percent), year


SURVIVORS_ROW = {"no_children": "single", "one_child": "single_1_child", "two_children": "single_2_children"}


@pytest.mark.parametrize(("row", "band"), [(r, b) for r in SURVIVORS_ROW for b in range(3)])
def test_the_survivors_supplement_totals_are_column_cs_single_rows(row, band):
    # One column of the Second Schedule for old age, survivors and dependants: a widow(er)'s guaranteed total is a
    # single pensioner's, with a child as a single pensioner with a child (the official survivors' table of 2023
    # matches the shares; from 2024 each year has its own figure, none the year before's).
    survivors = f"nii.survivors_income_supplement.guaranteed_total.{BANDS[band]}.{row}"
    old_age = f"nii.income_supplement.guaranteed_total.{BANDS[band]}.{SURVIVORS_ROW[row]}"
    for year in (2023, 2024, 2025, 2026):
        assert jan_1(survivors, year) == jan_1(old_age, year), year
        single = (
            SUPPLEMENT_SHARES["single"] if row == "no_children" else SINGLE_WITH_CHILDREN_SHARES[SURVIVORS_ROW[row]]
        )
        child = 0 if row == "no_children" else CHILD_BASIC_AMOUNT.get(year, BASIC_AMOUNT_2_C[year])
        assert jan_1(survivors, year) == share(BASIC_AMOUNT[year], single[band]) - child, year


def test_the_survivors_two_children_rate_is_one_child_plus_a_further_child():
    # So in every official table (2021: 2,289 + 731 = 3,020; 2022: 2,344 + 748 = 3,092; 2024: 2,550 + 814 = 3,364).
    for year in (2021, 2022, 2024, 2026):
        one, further = (
            jan_1("nii.survivors.pension.one_child", year),
            jan_1("nii.survivors.pension.each_further_child", year),
        )
        assert jan_1("nii.survivors.pension.two_children", year) == one + further, year


def test_the_20_to_24_rates_are_80_percent_of_the_25_to_54_rates_and_equal_them_with_children():
    # The official 2025 table: 1,622 = 0.8 x 2,028 and 2,230 = 0.8 x 2,788; the rows with children are the same.
    band, young = "nii.income_support.max_benefit.age_25_54", "nii.income_support.max_benefit.age_20_24"
    for year in (2025, 2026):
        for family in ("single", "couple"):
            assert jan_1(f"{young}.{family}", year) == share(jan_1(f"{band}.{family}", year), "80"), (year, family)
        for family in ("couple_1_child", "couple_2_children", "single_parent_1_child", "single_parent_2_children"):
            assert jan_1(f"{young}.{family}", year) == jan_1(f"{band}.{family}", year), (year, family)


@pytest.mark.parametrize(("family", "band"), [(f, b) for f in SINGLE_WITH_CHILDREN_SHARES for b in range(3)])
def test_the_child_basic_amount_reproduces_the_official_single_with_children_cells(family, band):
    name = f"nii.income_supplement.guaranteed_total.{BANDS[band]}.{family}"
    shares = SINGLE_WITH_CHILDREN_SHARES[family]
    assert share(BASIC_AMOUNT[2026], shares[band]) - CHILD_BASIC_AMOUNT[2026] == jan_1(name, 2026)
    # The same rows reproduce the NII's survivors' supplement table of 01.01.2023 (basic amount 9,493).
    survivors = {"single_1_child": "one_child", "single_2_children": "two_children"}[family]
    official_2023 = jan_1(f"nii.survivors_income_supplement.guaranteed_total.{BANDS[band]}.{survivors}", 2023)
    assert share(9493, shares[band]) - CHILD_BASIC_AMOUNT[2023] == official_2023


def test_no_other_whole_child_basic_amount_reproduces_those_cells():
    fits = [
        child
        for child in range(100, 250)
        if all(
            share(BASIC_AMOUNT[2026], shares[band]) - child
            == jan_1(f"nii.income_supplement.guaranteed_total.{BANDS[band]}.{family}", 2026)
            for family, shares in SINGLE_WITH_CHILDREN_SHARES.items()
            for band in range(3)
        )
    ]
    assert fits == [CHILD_BASIC_AMOUNT[2026]]


@pytest.mark.parametrize(("name", "percent", "official"), MINUS_CHILD_SHARES)
def test_each_single_parent_row_at_55_reproduces_2024_and_gives_2026(name, percent, official):
    # Subtracting a whole child amount commutes with rounding, so "share minus child" is the rounded exact figure.
    for year, figure in official.items():
        assert share(BASIC_AMOUNT[year], percent) - CHILD_BASIC_AMOUNT[year] == figure == jan_1(name, year), year
    assert jan_1(name, 2026) == share(BASIC_AMOUNT[2026], percent) - CHILD_BASIC_AMOUNT[2026]


@pytest.mark.parametrize("family", OVER_55_COUPLE_SHARES)
def test_each_couple_row_at_55_is_its_share_of_the_years_basic_amount(family):
    name = f"nii.income_support.max_benefit.age_55_plus.{family}"
    for year in (2025, 2026):
        assert jan_1(name, year) == share(BASIC_AMOUNT[year], OVER_55_COUPLE_SHARES[family]), year
    # The raised column pays more than the column under 55 for the same family (s. 5(a)(2)).
    assert jan_1(name, 2026) > jan_1(f"nii.income_support.max_benefit.age_25_54.{family}", 2026)


# The basic amount 1 (סכום בסיסי 1, s. 1(3)(ב)(1) of the National Insurance Law) that the birth grant is a share of:
# the NII's table "הסכום הבסיסי לחישוב קצבאות" gives 8,915 (2020, 2021), 9,129 (2022) and 9,613 (2023); 2024's is the
# official twins' grant (100% of it). 2025's and 2026's are from an editorial note to the law's text (secondary); each
# is the year before updated by the same rate that moves the income-support basic amount of the official tables
# (below), so the birth grant of 2025 and 2026 is that share of them.
BASIC_AMOUNT_1 = {2021: 8915, 2022: 9129, 2023: 9613, 2024: 9930, 2025: 10268, 2026: 10514}

# (birth grant row, share of basic amount 1 in percent, {year: official figure})
BIRTH_GRANT_SHARES = [
    ("first", "20", {2021: 1783, 2023: 1923, 2024: 1986}),
    ("second", "9", {2021: 802, 2023: 865, 2024: 894}),
    ("third_plus", "6", {2021: 535, 2023: 577, 2024: 596}),
    ("twins", "100", {2021: 8915, 2023: 9613, 2024: 9930}),
    ("triplets", "150", {2021: 13373, 2023: 14420, 2024: 14895}),
]


@pytest.mark.parametrize(("row", "percent", "official"), BIRTH_GRANT_SHARES)
def test_each_birth_grant_share_reproduces_the_official_tables_and_gives_2022(row, percent, official):
    name = f"nii.birth_grant.amounts.{row}"
    for year, figure in official.items():
        assert share(BASIC_AMOUNT_1[year], percent) == figure == jan_1(name, year), year
    for year in (2022, 2025, 2026):
        assert jan_1(name, year) == share(BASIC_AMOUNT_1[year], percent), year


@pytest.mark.parametrize(("year", "rate"), [(2025, "3.4"), (2026, "2.4")])
def test_basic_amount_1_moves_with_the_income_support_basic_amount(year, rate):
    # Every basic amount is updated on 1 January by the same CPI rate (the NII's table has one "rate of change"
    # column): one rate takes both series from the year before to the year's figure.
    grow = Decimal(100) + Decimal(rate)
    assert share(BASIC_AMOUNT[year - 1], str(grow)) == BASIC_AMOUNT[year]
    assert share(BASIC_AMOUNT_1[year - 1], str(grow)) == BASIC_AMOUNT_1[year]


# Basic amount 2 (s. 1(3)(ב)(2)), the child allowance: (a) for the first and the fifth and further child, (b) for the
# second to fourth, (c) the amount 70% of which is the top-up for the third and fourth child of a parent on income
# support (s. 68(ג)). Copied from the NII's table "הסכום הבסיסי לחישוב קצבאות" (2025 was not updated).
BASIC_AMOUNT_2 = {
    2020: (152, 192, 142),
    2022: (156, 197, 145),
    2023: (164, 207, 153),
    2024: (169, 214, 158),
    2025: (169, 214, 158),
    2026: (173, 219, 162),
}
BASIC_AMOUNT_2_C = {year: amounts[2] for year, amounts in BASIC_AMOUNT_2.items()}
# The top-up as the NII printed it on its own pages (2020, 2022, 2026; 2025 through an archived copy).
PRINTED_TOP_UP = {2020: 99, 2022: 102, 2025: 111, 2026: 113}


@pytest.mark.parametrize("year", BASIC_AMOUNT_2)
def test_the_child_allowance_is_basic_amount_2_and_its_top_up_70_percent_of_its_third_column(year):
    first, second, child = BASIC_AMOUNT_2[year]
    amounts = "nii.child_allowance.amounts."
    assert jan_1(amounts + "first_child", year) == first == jan_1(amounts + "fifth_child_on", year)
    assert jan_1(amounts + "second_to_fourth_child", year) == second
    assert jan_1(amounts + "top_up_third_fourth", year) == share(child, "70")
    if year in PRINTED_TOP_UP:
        assert share(child, "70") == PRINTED_TOP_UP[year]


def test_the_child_basic_amount_of_the_supplement_tables_is_the_child_allowances_third_column():
    # Derived earlier from the supplement and alimony tables alone, and confirmed by the NII's own table since.
    for year, child in CHILD_BASIC_AMOUNT.items():
        assert BASIC_AMOUNT_2[year][2] == child, year
