from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.general_disability.claimant import of_claimant
from eligibility.variables.nii.general_disability.references import DISABILITY


class disability_claimant_incapacity_percent(Variable):
    label = "דרגת אי-הכושר של מי שקצבת הנכות הכללית שלו/ה נבדקת"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (DISABILITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return of_claimant(f, "incapacity_percent")
