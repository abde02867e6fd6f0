from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.refs import RETIREMENT


class retirement_age_months_women(Variable):
    label = "גיל הפרישה בחודשים לאישה ילידת אותו חודש"
    entity = PERSON
    value_type = int
    unit = "month"
    reference = (RETIREMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.scale_by_month("nii.old_age.retirement_age_women", f.var("birth_date"))
