from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_needs_daily_help(Variable):
    label = "בן/בת הזוג זקוק/ה לעזרה רבה של אדם אחר בפעולות היומיום או להשגחה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (CONTRACT,)
    aggregate = ("needs_daily_help", "partner")
