from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SAVINGS


class child_savings_amount(Variable):
    label = "הפקדת המדינה לחיסכון לכל ילד, לחודש, לכל הילדים"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SAVINGS,)
    defined_for = "is_child_savings_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("num_children") * f.lit("nii.child_allowance.savings.monthly_deposit")
