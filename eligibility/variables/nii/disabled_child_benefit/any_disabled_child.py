from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.nii.disabled_child_benefit.references import DISABLED_CHILD


class any_disabled_child(Variable):
    label = "יש במשק הבית ילד/ה מתחת לגיל 18 עם נכות, עיוורון או מחלה כרונית"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (DISABLED_CHILD,)
    aggregate = ("child_disability_sign", "any")
