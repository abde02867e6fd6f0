from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.general_disability.claimant import of_claimant
from eligibility.variables.nii.general_disability.references import DISABILITY


class disability_claimant_reached_retirement_age(Variable):
    label = "מי שקצבת הנכות הכללית שלו/ה נבדקת הגיע/ה לגיל פרישה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (DISABILITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return of_claimant(f, "reached_retirement_age")
