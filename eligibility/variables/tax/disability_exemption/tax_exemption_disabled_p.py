from __future__ import annotations

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.tax.disability_exemption.references import EXEMPTION

E = "tax.disability_exemption.eligibility."


class tax_exemption_disabled_p(Variable):
    label = "בן/בת זוג עם הכנסה שזכאי/ת לפטור ממס כעיוור/ת או כנכה (שורת אדם; לא ידוע כשרק רשות המסים מכריעה)"
    entity = PERSON
    value_type = bool
    unit = ""
    reference = (EXEMPTION,)

    def formula(self, f: Formula) -> pl.Expr:
        blind, medical = f.var("blind"), f.var("medical_percent")
        # A blind certificate is enough. A medical disability of 90% or more qualifies only for a period of 185 days
        # or more and, outside the defence and hostile-action laws, with 40% for one impairment: facts only the
        # determination shows, so it stays unknown. Below 90% and not blind, no exemption.
        qualifies = (
            pl.when(blind)
            .then(True)
            .when(medical >= f.lit(E + "combined_percent"))
            .then(None)
            .when(blind.not_() & (medical < f.lit(E + "combined_percent")))
            .then(False)
        )
        # The exemption is of taxable income: without work income or a work pension there is nothing to exempt.
        # Any one of them known to be positive is enough; all known to be 0 means none.
        earns = (f.var("income_work") > 0) | (f.var("income_pension_occupational") > 0) | (f.var("income_capital") > 0)
        return f.var("is_couple_member") & qualifies & earns
