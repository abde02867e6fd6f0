from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.disability_exemption.references import EXEMPTION


class is_tax_disability_exemption_eligible(Variable):
    label = 'זכאות לפטור ממס הכנסה לעיוור ולנכה (סעיף 9(5)); "ייתכן" כשרק קביעת הנכות ומשכה מכריעים'
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (EXEMPTION,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.all_conditions("tax_disability_exemption")
