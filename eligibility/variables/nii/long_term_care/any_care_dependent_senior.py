from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.nii.long_term_care.references import LONG_TERM_CARE


class any_care_dependent_senior(Variable):
    label = "יש בזוג מי שהגיע/ה לגיל הפרישה וזקוק/ה לעזרה רבה בפעולות היומיום או להשגחה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (LONG_TERM_CARE,)
    aggregate = ("care_dependent_senior", "any")
