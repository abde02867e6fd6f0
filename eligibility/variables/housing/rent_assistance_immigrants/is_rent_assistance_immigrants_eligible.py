from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.housing.rent_assistance_immigrants.references import IMMIGRANT_RENT


class is_rent_assistance_immigrants_eligible(Variable):
    label = "זכאות לסיוע בשכר דירה לעולים (המסלול האוטומטי של משרד הבינוי והשיכון)"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (IMMIGRANT_RENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("rent_assistance_immigrants")
