from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.transport.public_transport_senior.references import SENIOR_FARES


class senior_fare_discount(Variable):
    label = "ההנחה הגבוהה בתחבורה הציבורית של המבקש/ת או בן/בת הזוג כאזרחים ותיקים"
    entity = HOUSEHOLD
    value_type = float
    unit = "percent"
    reference = (SENIOR_FARES,)
    aggregate = ("senior_fare_discount_p", "max")
