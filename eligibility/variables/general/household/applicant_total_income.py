from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_total_income(Variable):
    label = "סך הכנסת המבקש/ת"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CONTRACT,)
    aggregate = ("total_income", "applicant")
