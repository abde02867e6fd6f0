from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_months_worked_last_18(Variable):
    label = "חודשי עבודה של בן/בת הזוג ב-18 החודשים האחרונים"
    entity = HOUSEHOLD
    value_type = int
    unit = "month"
    reference = (CONTRACT,)
    aggregate = ("months_worked_last_18", "partner")
