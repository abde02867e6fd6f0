from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.survivors_income_supplement.references import CONDITIONS_PAGE

L = "nii.survivors_income_supplement.limits."


class survivors_supplement_limit(Variable):
    label = "הכנסה מעבודה ומפנסיה יחד שאינה נספרת לתוספת השלמת הכנסה לקצבת שאירים (בלי ילד או עם ילד)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CONDITIONS_PAGE,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.either(f.var("num_children") > 0, f.lit(L + "work_with_child"), f.lit(L + "work_single"))
