from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.nii_alimony.refs import AMOUNTS


class nii_alimony_table_amount(Variable):
    label = "דמי המזונות שבתקנות לאישה שיש עמה ילד/ים, לפי גילה ומספר הילדים (לפני ניכוי הכנסות)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (AMOUNTS,)

    def formula(self, f: Formula) -> pl.Expr:
        # The regulations' two age groups (under 55, 55 and over) and two family sizes (one child, two or more):
        # a key "band.family" into the table; unknown with the age or the children's ages.
        band = f.either(f.var("applicant_age_years") >= 55, pl.lit("age_55_plus"), pl.lit("under_55"))
        family = f.either(f.var("num_children") >= 2, pl.lit("two_children"), pl.lit("one_child"))
        key = pl.concat_str([band, pl.lit("."), family])
        return f.table("nii.nii_alimony.amounts", key, depth=2)
