from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import IS_AMOUNT


class income_support_work_income_ceiling(Variable):
    label = "ההכנסה מעבודה שבה הגמלה מתאפסת (בהינתן ההכנסות האחרות)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (IS_AMOUNT,)

    def formula(self, f: Formula) -> pl.Expr:
        # The room is a column of its own: inlined five times, it made this the costliest expression to plan.
        room = f.var("income_support_benefit_room")
        credit, taper = f.var("income_support_work_credit"), f.var("income_support_taper")
        limit = f.p("nii.income_support.work_disregard.single_parent_tier_limit")
        upper = f.p("nii.income_support.work_disregard.single_parent_upper_taper")
        low_tier = taper * (limit - credit)
        tiered = f.either(room <= low_tier, credit + room / taper, limit + (room - low_tier) / upper)
        return (
            pl.when(room <= 0).then(0.0).otherwise(f.either(f.var("is_single_parent"), tiered, credit + room / taper))
        )
