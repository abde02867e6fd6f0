from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.nii.birth_grant.references import BIRTH_GRANT


class is_older_child(Variable):
    label = "ילד/ה במשפחה שנולד/ה לפני התקופה של מענק הלידה (קובע את מקומו של היילוד במשפחה)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (BIRTH_GRANT,)

    def formula(self, f: Formula) -> pl.Expr:
        return (f.var("role") == "child") & (f.var("age_months") >= f.lit("nii.general.retroactive_months"))
