from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.unemployment.references import UNEMPLOYMENT


class unemployment_claimant_is_partner(Variable):
    """The person answering is often not the one looking for work: where only the partner is, or the applicant has
    not worked the qualifying months, the unemployment benefit read is the partner's (and income support waits on it,
    as on the applicant's)."""

    label = "רק בן/בת הזוג מחפש/ת עבודה: דמי האבטלה הנבדקים הם של בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (UNEMPLOYMENT,)

    def formula(self, f: Formula) -> pl.Expr:
        # Both looking for work: the partner's where the applicant has not worked the qualifying months and so is not
        # owed it (the applicant's is read where both may be).
        qualifying = f.lit("nii.unemployment.eligibility.qualifying_months")
        not_mine = (f.var("applicant_employment") != "unemployed") | (
            f.var("applicant_months_worked_last_18") < qualifying
        )
        return f.var("has_partner") & not_mine & (f.var("partner_employment") == "unemployed")
