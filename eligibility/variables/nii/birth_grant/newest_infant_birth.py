from __future__ import annotations

import datetime as dt

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.nii.birth_grant.references import BIRTH_GRANT


class newest_infant_birth(Variable):
    label = "תאריך הלידה של היילוד/ה הצעיר/ה ביותר"
    entity = HOUSEHOLD
    value_type = dt.date
    unit = ""
    reference = (BIRTH_GRANT,)
    aggregate = ("infant_birth_date", "max")
