from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import CHILDREN


class child_allowance_amount(Variable):
    label = "קצבת ילדים לחודש לכל הילדים"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CHILDREN,)
    defined_for = "is_child_allowance_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        n = f.var("num_children")
        first = n.clip(upper_bound=1) * f.lit("nii.child_allowance.amounts.first_child")
        middle = (n - 1).clip(0, 3) * f.lit("nii.child_allowance.amounts.second_to_fourth_child")
        later = (n - 4).clip(lower_bound=0) * f.lit("nii.child_allowance.amounts.fifth_child_on")
        top_up = (
            pl.when(f.var("child_allowance_top_up"))
            .then((n - 2).clip(0, 2) * f.lit("nii.child_allowance.amounts.top_up_third_fourth"))
            .otherwise(0.0)
        )
        return first + middle + later + top_up
