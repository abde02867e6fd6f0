from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class members_total_income(Variable):
    label = "סך ההכנסות החודשיות ברוטו של כל בני הבית (קצבת ילדים אינה בהכנסות – היא ברשימת הקצבאות)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (CONTRACT,)
    aggregate = ("total_income", "sum_strict")
