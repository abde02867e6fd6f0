from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.special_services.references import SPECIAL_SERVICES


class is_special_services_eligible(Variable):
    label = "זכאות לקצבה לשירותים מיוחדים"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SPECIAL_SERVICES,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("special_services")
