from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class max_medical_percent(Variable):
    label = "הנכות הרפואית הגבוהה במשק הבית"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (CONTRACT,)
    aggregate = ("medical_percent", "max")
