from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.refs import OLD_AGE
from eligibility.variables.nii.old_age_pension.claimant import of_claimant


class claimant_uninsured_for_old_age(Variable):
    label = "מי שקצבת הזקנה שלו/ה נבדקת אינו/ה מבוטח/ת בביטוח זקנה (עלייה מאוחרת)"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (OLD_AGE,)

    def formula(self, f: Formula) -> pl.Expr:
        return of_claimant(f, "uninsured_for_old_age")
