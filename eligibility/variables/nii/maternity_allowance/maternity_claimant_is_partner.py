from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.maternity_allowance.references import MATERNITY


class maternity_claimant_is_partner(Variable):
    """Maternity allowance is the mother's: where a man answers for the couple, it is his partner's."""

    label = "המבקש הוא גבר ובת הזוג אישה: דמי הלידה הנבדקים הם של בת הזוג"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (MATERNITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("has_partner") & (f.var("applicant_sex") == "male") & (f.var("partner_sex") == "female")
