from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.tax.credit_points.references import DISCHARGED_SOLDIER

S = "tax.credit_points.discharged_soldier."


class discharged_soldier_credit_points_p(Variable):
    label = "נקודות זיכוי לשנה לחייל/ת משוחרר/ת או למסיים/ת שירות לאומי-אזרחי ב-36 החודשים שאחרי חודש השחרור"
    entity = PERSON
    value_type = float
    unit = "/1"
    reference = (DISCHARGED_SOLDIER,)

    def formula(self, f: Formula) -> pl.Expr:
        ended = f.var("service_end_date")
        since = (f.as_of.year - ended.dt.year()) * 12 + (f.as_of.month - ended.dt.month())
        in_window = (since >= 1) & (since <= f.lit(S + "months"))  # from the month after the month of discharge
        served = f.var("service_months")
        # Full service is 23 months for a man and 22 for a woman: between the two, the sex decides.
        full = (
            pl.when(served >= f.lit(S + "full_service_months_male"))
            .then(True)
            .when(served < f.lit(S + "full_service_months_female"))
            .then(False)
            .when(f.var("sex") == "female")
            .then(True)
            .when(f.var("sex") == "male")
            .then(False)
        )
        rate = f.either(full, f.lit(S + "full_service_points"), f.lit(S + "short_service_points"))
        points = f.either(in_window, f.either(served >= f.lit(S + "min_service_months"), rate, 0.0), 0.0)
        points = f.either(f.var("recently_discharged"), points, 0.0)
        # Nobody is in regular service past its ages (general.regular_service.max_age), so nobody older than that
        # by the 36 months finished one within them: a "yes" then is a career soldier's or a reservist's release.
        too_old = f.var("age_years") > f.lit("general.regular_service.max_age") + f.lit(S + "months") / 12
        return pl.when(too_old).then(0.0).when(points == 0).then(0.0).when(too_old.not_()).then(points)
