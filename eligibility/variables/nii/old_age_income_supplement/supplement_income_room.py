from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT


class supplement_income_room(Variable):
    label = "הסכום המובטח פחות קצבת הזקנה (ומחצית קצבת השאירים) – ההכנסה שעד אליה משולמת תוספת"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return (
            f.var("supplement_guaranteed_total") - f.var("old_age_pension_full") - f.var("supplement_survivors_share")
        )
