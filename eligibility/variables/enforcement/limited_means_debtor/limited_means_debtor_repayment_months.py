from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.enforcement.limited_means_debtor.refs import LIMITED_MEANS


class limited_means_debtor_repayment_months(Variable):
    label = "התקופה (בחודשים) שבה חייב שאינו יכול לפרוע את חובו נחשב מוגבל באמצעים – לפי גובה החוב"
    entity = HOUSEHOLD
    value_type = float
    unit = "month"
    reference = (LIMITED_MEANS,)

    def formula(self, f: Formula) -> pl.Expr:
        prefix = "enforcement.limited_means_debtor.repayment_period."
        debt = f.var("debt_total")
        small, medium, large = (
            f.lit(prefix + k) for k in ("small_debt_months", "medium_debt_months", "large_debt_months")
        )
        # Step up by the difference at each bracket (plain arithmetic: cheaper than a when/then chain).
        above_small = (debt > f.lit(prefix + "small_debt_max")).cast(pl.Float64)
        above_medium = (debt > f.lit(prefix + "medium_debt_max")).cast(pl.Float64)
        return small + (medium - small) * above_small + (large - medium) * above_medium
