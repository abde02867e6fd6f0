from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.nii.special_old_age_benefit.references import SPECIAL_OLD_AGE


class partner_uninsured_for_old_age(Variable):
    label = "בן/בת הזוג אינו/ה מבוטח/ת בביטוח זקנה כי עלה/עלתה אחרי הגיל שנקבע"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SPECIAL_OLD_AGE,)
    aggregate = ("uninsured_for_old_age", "partner")
