from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.work_grant.references import WORK_GRANT


class work_grant_claimant_is_partner(Variable):
    """The work grant is each worker's own. The person answering is often the one of a couple who does not work, or
    earns too little for it: then the grant asked about is the partner's, who earns above the floor. Where both earn
    above it, the applicant's is the one read (the partner may claim their own too)."""

    label = "בן/בת הזוג מרוויח/ה מעל רצפת המענק והמבקש/ת לא: מענק העבודה הנבדק הוא של בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (WORK_GRANT,)

    def formula(self, f: Formula) -> pl.Expr:
        floor = f.var("work_grant_income_floor")
        mine, theirs = f.var("applicant_income_work"), f.var("partner_income_work")
        # ``theirs > mine`` follows from the other two; it decides where the floor is not known (before its first
        # dated value) and the partner earns no more than the applicant.
        return f.var("has_partner") & (theirs > mine) & (mine <= floor) & (theirs > floor)
