from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.general_disability.claimant import of_claimant
from eligibility.variables.nii.special_services.references import SPECIAL_SERVICES


class disability_claimant_needs_daily_help(Variable):
    label = "מי שקצבאות הנכות שלו/ה נבדקות זקוק/ה לעזרה רבה של אדם אחר בפעולות היומיום או להשגחה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SPECIAL_SERVICES,)

    def formula(self, f: Formula) -> pl.Expr:
        return of_claimant(f, "needs_daily_help")
