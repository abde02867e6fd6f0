from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_INCOME

# National Insurance benefits income support counts in full and tops up, never adds to: a survivors' pension, a
# partner's old-age pension (or the special benefit in its place), the income supplement of an old-age or a survivors'
# pension (the same law's top-up, at the pensioners' rates: a family gets one) and the alimony National Insurance pays
# in place of an unpaid judgment.
OWED_FIRST = (
    "survivors_pension",
    "old_age_pension",
    "special_old_age_benefit",
    "survivors_income_supplement",
    "old_age_income_supplement",
    "nii_alimony",
)


def owed_and_unpaid(f: Formula, program: str) -> pl.Expr:
    """The monthly amount of ``program`` the rules find owed and no source says is paid (0 when not owed; unknown
    while either is); once paid, it is among the declared incomes."""
    pending = f.var(f"is_{program}_eligible") & f.var(f"hh_receives__{program}").not_()
    return f.either(pending, f.var(f"{program}_amount"), 0.0)


def other_income_at_least(f: Formula) -> pl.Expr:
    """The least the other income can be: the declared incomes and what is surely owed first (a benefit that may or
    may not be owed adds nothing here). At the family's maximum or above it income support is refused whatever the
    rest turns out to be."""
    total = f.var("couple_other_income") + f.var("income_support_car_income").fill_null(0.0)
    for program in OWED_FIRST:
        total = total + owed_and_unpaid(f, program).fill_null(0.0)
    return total


class income_support_other_income(Variable):
    label = (
        "הכנסה שלא מעבודה לעניין הבטחת הכנסה: של בני הזוג, וקצבת שאירים, השלמת הכנסה לשאירים ודמי מזונות מהביטוח"
        " הלאומי שמגיעים להם ועוד אינם משולמים"
    )
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        # Income support is the last of the NII's benefits: what it counts in full and the household is owed is paid
        # first. Counting it only once it is paid would tell them of an income support that claiming it takes away.
        # A car below the limit counts as income too: 3% of its value above a credit (income_support_car_income).
        total = f.var("couple_other_income") + f.var("income_support_car_income")
        for program in OWED_FIRST:
            total = total + owed_and_unpaid(f, program)
        return total
