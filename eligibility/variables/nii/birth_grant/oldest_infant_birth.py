from __future__ import annotations

import datetime as dt

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.nii.birth_grant.references import BIRTH_GRANT


class oldest_infant_birth(Variable):
    label = "תאריך הלידה של היילוד/ה המבוגר/ת ביותר (שונה מהצעיר – שתי לידות נפרדות)"
    entity = HOUSEHOLD
    value_type = dt.date
    unit = ""
    reference = (BIRTH_GRANT,)
    aggregate = ("infant_birth_date", "min")
