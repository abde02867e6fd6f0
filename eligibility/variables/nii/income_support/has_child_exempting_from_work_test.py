from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import IS_LAW


class has_child_exempting_from_work_test(Variable):
    label = "במשק הבית ילד/ה שטרם מלאו לו/ה שנתיים (פטור ממבחן התעסוקה להבטחת הכנסה)"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (IS_LAW,)
    aggregate = ("is_child_exempting_from_work_test", "any")
