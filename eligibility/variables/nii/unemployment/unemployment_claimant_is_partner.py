from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.unemployment.references import UNEMPLOYMENT


class unemployment_claimant_is_partner(Variable):
    """The person answering is often not the one looking for work: where only the partner is, the unemployment
    benefit read is the partner's (and income support waits on it, as on the applicant's)."""

    label = "רק בן/בת הזוג מחפש/ת עבודה: דמי האבטלה הנבדקים הם של בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (UNEMPLOYMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        return (
            f.var("has_partner")
            & (f.var("applicant_employment") != "unemployed")
            & (f.var("partner_employment") == "unemployed")
        )
