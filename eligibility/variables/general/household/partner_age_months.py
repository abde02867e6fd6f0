from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_age_months(Variable):
    label = "גיל בן/בת הזוג בחודשים"
    entity = HOUSEHOLD
    value_type = int
    unit = "month"
    reference = (CONTRACT,)
    aggregate = ("age_months", "partner")
