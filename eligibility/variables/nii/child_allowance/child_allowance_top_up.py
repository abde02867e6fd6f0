from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import CHILDREN


class child_allowance_top_up(Variable):
    label = "מקבלים קצבה שמזכה בתוספת לילד השלישי והרביעי"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CHILDREN,)

    def formula(self, f: Formula) -> pl.Expr:
        names = ("income_support", "nii_alimony", "old_age_income_supplement", "survivors_income_supplement")
        # Unknown counts as no: true if one is true (Kleene any, its unknown read as false).
        return pl.any_horizontal([f.var(f"hh_receives__{n}") for n in names]).fill_null(False)
