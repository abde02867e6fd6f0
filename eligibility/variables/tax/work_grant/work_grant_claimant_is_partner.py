from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.tax.work_grant.age import of_age
from eligibility.variables.tax.work_grant.references import WORK_GRANT


class work_grant_claimant_is_partner(Variable):
    """The work grant is each worker's own. The person answering is often the one of a couple who cannot have it
    (does not work, earns too little or above every ceiling, or is too young without children): then the grant asked
    about is the partner's, where the partner earns above the floor and is of age. Where both could have it, the
    applicant's is the one read (the partner may claim their own too)."""

    label = "המבקש/ת אינו/ה יכול/ה לקבל מענק עבודה ובן/בת הזוג כן: המענק הנבדק הוא של בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (WORK_GRANT,)

    def formula(self, f: Formula) -> pl.Expr:
        floor = f.var("work_grant_income_floor")
        mine, theirs = f.var("applicant_income_work"), f.var("partner_income_work")
        top = f.var("work_grant_income_ceiling")
        not_mine = (mine <= floor) | (mine > top) | of_age(f, f.var("applicant_age_years")).not_()
        # ``theirs > 0`` follows from ``theirs > floor``; it decides where the floor is not known (before its first
        # dated value) and the partner does not work.
        theirs_ok = (theirs > 0) & (theirs > floor) & of_age(f, f.var("partner_age_years"))
        return f.var("has_partner") & not_mine & theirs_ok
