from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.survivors_income_supplement.references import AMOUNTS_PAGE


class survivors_supplement_room(Variable):
    label = "הסכום המובטח פחות קצבת השאירים – ההכנסה שעד אליה משולמת תוספת"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (AMOUNTS_PAGE,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("survivors_supplement_guaranteed_total") - f.var("survivors_pension_amount")
