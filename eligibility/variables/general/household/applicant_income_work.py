from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_income_work(Variable):
    label = "הכנסת המבקש/ת מעבודה"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CONTRACT,)
    aggregate = ("income_work", "applicant")
