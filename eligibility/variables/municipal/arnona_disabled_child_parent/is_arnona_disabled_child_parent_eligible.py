from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import ARNONA


class is_arnona_disabled_child_parent_eligible(Variable):
    label = "זכאות להנחה בארנונה – הורה לילד נכה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (ARNONA,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("arnona_disabled_child_parent")
