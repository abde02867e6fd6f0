from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import SUPPLEMENT


class supplement_table_key(Variable):
    label = "השורה והעמודה בטבלת הסכום המובטח (גיל והרכב משפחה)"
    entity = HOUSEHOLD
    value_type = str
    unit = ""
    reference = (SUPPLEMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        age = f.var("claimant_age_years")
        band = (
            pl.when(age >= f.p("nii.old_age.ages.higher_rate_age"))
            .then(pl.lit("age_80_plus"))
            .when(age >= f.p("nii.old_age.ages.absolute_age"))
            .then(pl.lit("age_70_79"))
            .when(age.is_not_null())
            .then(pl.lit("under_70"))
        )
        kids = f.var("num_children")
        head = pl.when(f.var("has_partner")).then(pl.lit("couple")).otherwise(pl.lit("single"))
        tail = (
            pl.when(kids == 0)
            .then(pl.lit(""))
            .when(kids == 1)
            .then(pl.lit("_1_child"))
            .when(kids >= 2)
            .then(pl.lit("_2_children"))
        )
        # One concat_str node, not a chain of + (Polars plans each node in proportion to the nodes below it).
        return pl.concat_str([band, pl.lit("."), head, tail])
