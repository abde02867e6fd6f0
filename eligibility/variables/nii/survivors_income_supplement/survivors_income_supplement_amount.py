from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.survivors_income_supplement.references import AMOUNTS_PAGE


class survivors_income_supplement_amount(Variable):
    label = "תוספת השלמת הכנסה לקצבת שאירים לחודש: הסכום המובטח פחות קצבת השאירים והכנסות שנספרות"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (AMOUNTS_PAGE,)
    defined_for = "is_survivors_income_supplement_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        return (f.var("survivors_supplement_room") - f.var("survivors_supplement_income_counted")).clip(lower_bound=0)
