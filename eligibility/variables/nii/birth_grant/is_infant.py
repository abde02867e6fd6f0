from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.nii.birth_grant.references import CLAIM_PERIOD


class is_infant(Variable):
    label = "ילד/ה שנולד/ה בתקופה שבה עוד אפשר לתבוע מענק לידה (12 החודשים האחרונים)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (CLAIM_PERIOD,)

    def formula(self, f: Formula) -> pl.Expr:
        return (f.var("role") == "child") & (f.var("age_months") < f.lit("nii.general.retroactive_months"))
