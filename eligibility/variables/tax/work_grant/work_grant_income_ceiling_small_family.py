from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.work_grant.references import WORK_GRANT


class work_grant_income_ceiling_small_family(Variable):
    label = (
        "תקרת ההכנסה החודשית הממוצעת למענק עבודה למי שיש לו ילד אחד או שניים, או בן 55 ומעלה בלי ילדים "
        "(להורה יחיד – תקרה גבוהה יותר); כשהערך משנה קודמת – חסם תחתון לתקרה של השנה"
    )
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (WORK_GRANT,)

    def formula(self, f: Formula) -> pl.Expr:
        single = f.var("is_single_parent")
        return (
            pl.when(single)
            .then(f.lit("tax.work_grant.income_band.single_parent.ceiling_small_family"))
            .when(single.not_())
            .then(f.lit("tax.work_grant.income_band.general.ceiling_small_family"))
        )
