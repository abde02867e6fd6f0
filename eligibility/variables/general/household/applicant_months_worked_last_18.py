from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_months_worked_last_18(Variable):
    label = "חודשי עבודה של המבקש/ת ב-18 החודשים האחרונים"
    entity = HOUSEHOLD
    value_type = int
    unit = "month"
    reference = (CONTRACT,)
    aggregate = ("months_worked_last_18", "applicant")
