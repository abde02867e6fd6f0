from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.survivors_income_supplement.references import AMOUNTS_PAGE


class survivors_income_supplement_amount(Variable):
    label = (
        "תוספת השלמת הכנסה לקצבת שאירים לחודש, לכל היותר: הסכום המובטח פחות קצבת השאירים (הכנסות נוספות מקטינות אותה)"
    )
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (AMOUNTS_PAGE,)
    defined_for = "is_survivors_income_supplement_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        total, survivors = f.var("survivors_supplement_guaranteed_total"), f.var("survivors_pension_amount")
        return (total - survivors).clip(lower_bound=0)
