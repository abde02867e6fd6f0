from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SAVINGS


class is_child_savings_eligible(Variable):
    label = "זכאות להפקדה לחיסכון לכל ילד"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SAVINGS,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("child_savings")
