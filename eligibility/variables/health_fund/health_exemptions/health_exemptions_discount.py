from __future__ import annotations

from typing import Any

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.health_fund.health_exemptions.conditions import supplement_group
from eligibility.variables.health_fund.health_exemptions.refs import MEDICATION


class health_exemptions_discount(Variable):
    label = "הנחה בהשתתפות העצמית ברכישת תרופות שבסל (אחוז; רק לגיל פרישה עם השלמת הכנסה או קצבת זקנה לנכה)"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (MEDICATION,)
    defined_for = "is_health_exemptions_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        prefix = "health_fund.health_exemptions.medication_discount."
        rate, extra = f.p(prefix + "supplement_rate"), f.p(prefix + "senior_extra_rate")
        older = (f.var("applicant_age_years") >= f.lit(prefix + "senior_extra_age")).fill_null(False)

        def total(senior: float) -> Any:
            # The extra discount is taken off what remains after the first one: 50% then 10% of the rest = 55%.
            return None if rate is None or extra is None else 100 - (100 - rate) * (1 - senior * extra / 100)

        # Worked out here for each case (not planned as arithmetic on each household) and picked by the flag.
        return pl.when(supplement_group(f)).then(f.choose(older.cast(pl.UInt8), [total(0.0), total(1.0)]))
