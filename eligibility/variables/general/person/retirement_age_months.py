from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import RETIREMENT


class retirement_age_months(Variable):
    label = "גיל הפרישה בחודשים לפי מין וחודש לידה"
    entity = PERSON
    value_type = int
    unit = "month"
    reference = (RETIREMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        birth = f.var("birth_date")
        women = f.scale_by_month("nii.old_age.retirement_age_women", birth)
        men = f.scale_by_month("nii.old_age.retirement_age_men", birth)
        return pl.when(f.var("sex") == "female").then(women).when(f.var("sex") == "male").then(men)
