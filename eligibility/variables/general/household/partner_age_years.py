from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class partner_age_years(Variable):
    label = "גיל בן/בת הזוג"
    entity = HOUSEHOLD
    value_type = int
    unit = "year"
    reference = (CONTRACT,)
    aggregate = ("age_years", "partner")
