from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.work_grant.bands import by_family
from eligibility.variables.tax.work_grant.references import WORK_GRANT


class work_grant_income_ceiling(Variable):
    label = "תקרת ההכנסה החודשית הממוצעת למענק עבודה למי שיש לו 3 ילדים ומעלה (להורה יחיד – תקרה גבוהה יותר)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (WORK_GRANT,)

    def formula(self, f: Formula) -> pl.Expr:
        return by_family(f, "ceiling")
