from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class max_incapacity_percent(Variable):
    label = "דרגת אי-הכושר הגבוהה במשק הבית"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (CONTRACT,)
    aggregate = ("adult_incapacity_percent", "max")
