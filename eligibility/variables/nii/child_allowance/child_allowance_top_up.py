from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import CHILDREN
from eligibility.variables.general.benefit_groups.logic import receives_or_entitled


class child_allowance_top_up(Variable):
    label = "מקבלים קצבה שמזכה בתוספת לילד השלישי והרביעי, או זכאים לה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CHILDREN,)

    def formula(self, f: Formula) -> pl.Expr:
        names = ("income_support", "nii_alimony", "old_age_income_supplement", "survivors_income_supplement")
        # Received, or owed by our rules (a family owed income support is owed the top-up with it, as with the other
        # rights it opens). Unknown counts as no: true if one is true (Kleene any, its unknown read as false), so an
        # amount shown never counts a top-up that may not come.
        return pl.any_horizontal([receives_or_entitled(f, n) for n in names]).fill_null(False)
