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
        received = pl.any_horizontal([f.var(f"hh_receives__{n}") for n in names])
        owed = pl.any_horizontal([receives_or_entitled(f, n) for n in names])
        # Received; or owed by our rules, for a family still to claim the allowance (it is owed the top-up with the
        # income support it is owed, as with the other rights that opens). A family already paid the allowance is
        # told what it is paid: the top-up comes once the benefit that brings it does. Unknown counts as no (Kleene
        # any, its unknown read as false), so an amount shown never counts a top-up that may not come.
        paid_already = f.var("hh_receives__child_allowance").fill_null(False)
        return received.fill_null(False) | (owed.fill_null(False) & paid_already.not_())
