from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.nii_alimony.refs import INCOME

P = "nii.nii_alimony.work_disregard."


class nii_alimony_income_deduction(Variable):
    label = "הסכום שמנוכה מדמי המזונות שבתקנות בשל הכנסות האם (מעבודה בחלקו, שלא מעבודה במלואו)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (INCOME,)

    def formula(self, f: Formula) -> pl.Expr:
        work = f.var("applicant_income_work") + f.var("applicant_income_pension_occupational")
        credit, limit = f.lit(P + "credit"), f.lit(P + "tier_limit")
        lower, upper = f.lit(P + "lower_taper"), f.lit(P + "upper_taper")
        # Income from work between the disregard and 33.81% of the average wage counts at 25%, above it at 60%.
        low_band = f.either(work < limit, work, limit)  # min(work, limit), unknown where either is
        counted = lower * (low_band - credit).clip(lower_bound=0) + upper * (work - limit).clip(lower_bound=0)
        counted = pl.when(work == 0).then(pl.lit(0.0, dtype=pl.Float64)).otherwise(counted)
        # Income not from work (benefits, capital, other) is deducted in full; child or spousal support actually
        # received is not counted here: the right is for support the judgment debtor does not pay.
        return counted + f.var("nii_alimony_other_income")
