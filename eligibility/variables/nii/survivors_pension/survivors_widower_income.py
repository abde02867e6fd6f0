from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.survivors_pension.references import WIDOWER

E = "nii.survivors.eligibility."


class survivors_widower_income(Variable):
    label = "הכנסת האלמן בבדיקת ההכנסות לקצבת שאירים: כל ההכנסות, בהפחתת סכום קבוע מהכנסה מעבודה או מפנסיה"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (WIDOWER,)

    def formula(self, f: Formula) -> pl.Expr:
        earned = f.var("applicant_income_work") + f.var("applicant_income_pension_occupational")
        deduction = f.p(E + "widower_income_deduction")
        if deduction is None:
            # Before the first figure found (2024) the deduction is not known: no figure is computed.
            return pl.lit(None, dtype=pl.Float64)
        return f.var("applicant_total_income") - pl.min_horizontal(earned, pl.lit(deduction, dtype=pl.Float64))
