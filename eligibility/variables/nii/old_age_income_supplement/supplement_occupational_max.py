from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT
from eligibility.variables.general.household.single_or_couple import single_or_couple


class supplement_occupational_max(Variable):
    label = "פנסיה תעסוקתית שאינה נספרת לתוספת (יחיד או זוג)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return single_or_couple(
            f,
            "nii.income_supplement.limits.occupational_pension_single",
            "nii.income_supplement.limits.occupational_pension_couple",
        )
