from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.general.household.whose import partner_or_applicant
from eligibility.variables.nii.maternity_allowance.references import MATERNITY


class maternity_claimant_sex(Variable):
    label = "מינו/ה של מי שדמי הלידה שלו/ה נבדקים"
    entity = HOUSEHOLD
    value_type = str
    unit = ""
    reference = (MATERNITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return partner_or_applicant(f, "maternity_claimant_is_partner", "sex")
