from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_INCOME

C = "nii.income_support.car_income."


class income_support_car_income(Variable):
    """A car worth no more than the limit does not refuse income support, but 3% of its value above a credit is
    deducted from the benefit every month, like income other than work: a family with a car worth 30,000 ₪ and no
    work income has 621 ₪ less a month (3% of 30,000 − 9,309)."""

    label = "הסכום שמנוכה מהגמלה בשל רכב: 3% משווי הרכב אחרי הזיכוי"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        car = f.var("car_value")
        # The figures count (for a household's confidence and "figures from YYYY") only where there is a car.
        has_car = car > 0
        working = f.var("couple_work_income") > f.lit_where(C + "working_threshold", has_car)
        credit = f.either(
            working, f.lit_where(C + "credit_working", has_car), f.lit_where(C + "credit_not_working", has_car)
        )
        deducted = f.lit_where(C + "rate", has_car) * (car - credit).clip(lower_bound=0)
        return pl.when(car <= 0).then(0.0).otherwise(deducted)
