from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.variables.nii.birth_grant.references import BIRTH_GRANT

A = "nii.birth_grant.amounts."


class birth_grant_amount(Variable):
    label = "מענק לידה (תשלום חד-פעמי) לפי מקומו של היילוד במשפחה, או ללידת תאומים או שלישייה"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (BIRTH_GRANT,)
    defined_for = "is_birth_grant_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        infants, older = f.var("num_infants"), f.var("num_older_children")
        # One baby: the grant of its place among the family's children (the first, the second, the third and on).
        place = (older + 1).clip(upper_bound=3) - 1
        single = f.choose(place, [f.p(A + "first"), f.p(A + "second"), f.p(A + "third_plus")])
        # Several babies born the same day: one grant for the whole birth, whatever their place. Babies born on
        # different days (two births within the claim period) and quadruplets are not in the table: no figure.
        same_day = f.var("newest_infant_birth") == f.var("oldest_infant_birth")
        multiple = f.choose((infants - 2).clip(0, 2), [f.p(A + "twins"), f.p(A + "triplets"), None])
        return pl.when(infants == 1).then(single).when((infants > 1) & same_day).then(multiple)
