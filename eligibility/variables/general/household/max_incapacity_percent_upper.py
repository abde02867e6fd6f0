from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class max_incapacity_percent_upper(Variable):
    label = "דרגת אי-הכושר הגבוהה האפשרית במשק הבית (100 אם של מישהו לא נמסרה)"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (CONTRACT,)
    aggregate = ("incapacity_percent_upper", "max")
