from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class applicant_income_pension_occupational(Variable):
    label = "הפנסיה התעסוקתית של המבקש/ת"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CONTRACT,)
    aggregate = ("income_pension_occupational", "applicant")
