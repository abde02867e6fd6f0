from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.general.benefit_groups.logic import receives_or_entitled
from eligibility.variables.general.benefit_groups.refs import SUPPLEMENT_GROUP


class pension_age_income_supplement(Variable):
    label = "קצבת זקנה או שאירים עם תוספת השלמת הכנסה בגיל הפרישה (מקבלים או זכאים)"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SUPPLEMENT_GROUP,)

    def formula(self, f: Formula) -> pl.Expr:
        # A column rather than a helper inlined in each right that it opens: planning an expression costs in
        # proportion to its size and depth, far more than the column (it adds no stage).
        survivors = receives_or_entitled(f, "survivors_income_supplement") & f.var("applicant_reached_retirement_age")
        return receives_or_entitled(f, "old_age_income_supplement") | survivors
