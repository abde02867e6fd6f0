from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.housing.rent_assistance.references import RENT_GROUPS


class is_rent_assistance_eligible(Variable):
    label = "זכאות לסיוע בשכר דירה ממשרד הבינוי והשיכון"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (RENT_GROUPS,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("rent_assistance")
