from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import CHILDREN

AMOUNTS = "nii.child_allowance.amounts."


class child_allowance_amount(Variable):
    label = "קצבת ילדים לחודש לכל הילדים"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CHILDREN,)
    defined_for = "is_child_allowance_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        # The law's form: so much for the first child, so much for each of the second to fourth, so much for each
        # from the fifth, and the top-up for the third and fourth where the family receives a benefit that opens it.
        # An amount missing for the year makes the total unknown (null).
        n = f.var("num_children")
        first = n.clip(upper_bound=1) * f.lit(AMOUNTS + "first_child")
        second_to_fourth = (n - 1).clip(0, 3) * f.lit(AMOUNTS + "second_to_fourth_child")
        fifth_on = (n - 4).clip(lower_bound=0) * f.lit(AMOUNTS + "fifth_child_on")
        opens = f.var("child_allowance_top_up")
        third_fourth = (n - 2).clip(0, 2) * f.lit_where(AMOUNTS + "top_up_third_fourth", opens & (n >= 3))
        top_up = pl.when(opens).then(third_fourth).otherwise(0.0)
        return first + second_to_fourth + fifth_on + top_up
