from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.nii.disabled_child_benefit.references import DISABLED_CHILD


class child_disability_sign(Variable):
    label = "ילד/ה מתחת לגיל 18 עם נכות רפואית, עיוורון או מחלה כרונית (סימן שאולי מגיעה גמלת ילד נכה)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (DISABLED_CHILD,)

    def formula(self, f: Formula) -> pl.Expr:
        # Kleene OR: one known sign is enough; all three known absent rule it out; otherwise unknown.
        sign = (f.var("medical_percent") > 0) | f.var("blind") | f.var("chronic_illness")
        return f.var("is_dependent_child") & sign
