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
        n = f.var("num_children")
        names = ("first_child", "second_to_fourth_child", "fifth_child_on", "top_up_third_fourth")
        first, middle, later, top = (f.p(AMOUNTS + name) for name in names)
        if all(isinstance(v, (int, float)) for v in (first, middle, later, top)):
            # Totals for 0..4 children gathered from a typed literal Series: far fewer nodes to plan than the
            # sum of clipped terms below, with the same float arithmetic in the same order.
            base = [0.0, first, first + middle, first + 2 * middle, first + 3 * middle]
            up = [0.0, 0.0, 0.0, top, 2 * top]
            small = n.clip(upper_bound=4)
            total = f.choose(small, base) + (n - 4).clip(lower_bound=0) * f.lit(AMOUNTS + "fifth_child_on")
            return total + pl.when(f.var("child_allowance_top_up")).then(f.choose(small, up)).otherwise(0.0)
        # The law's form: the first child, the second to fourth, the fifth on, and the third-fourth top-up.
        first_term = n.clip(upper_bound=1) * f.lit(AMOUNTS + "first_child")
        middle_term = (n - 1).clip(0, 3) * f.lit(AMOUNTS + "second_to_fourth_child")
        later_term = (n - 4).clip(lower_bound=0) * f.lit(AMOUNTS + "fifth_child_on")
        top_up = (
            pl.when(f.var("child_allowance_top_up"))
            .then((n - 2).clip(0, 2) * f.lit(AMOUNTS + "top_up_third_fourth"))
            .otherwise(0.0)
        )
        return first_term + middle_term + later_term + top_up  # an amount missing for the year: null
