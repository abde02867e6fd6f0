from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import OLD_AGE
from eligibility.variables.nii.old_age_pension.claimant import of_claimant


class claimant_age_months(Variable):
    label = "גיל מי שקצבת הזקנה שלו/ה נבדקת, בחודשים"
    entity = HOUSEHOLD
    value_type = int
    unit = "month"
    reference = (OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        return of_claimant(f, "age_months")
