from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.mobility_allowance.references import MOBILITY


class mobility_claimant_is_partner(Variable):
    """The person answering is often not the one who cannot walk: where the applicant walks without difficulty and the
    partner does not, the allowance read is the partner's."""

    label = "למבקש/ת אין קושי בהליכה ולבן/בת הזוג יש: גמלת הניידות הנבדקת היא של בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (MOBILITY,)

    def formula(self, f: Formula) -> pl.Expr:
        return f.var("has_partner") & f.var("applicant_walking_difficulty").not_() & f.var("partner_walking_difficulty")
