from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.transport.public_transport_senior.references import SENIOR_FARES


class any_senior_fare(Variable):
    label = "המבקש/ת או בן/בת הזוג זכאים להנחה בתחבורה הציבורית כאזרחים ותיקים"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SENIOR_FARES,)
    aggregate = ("senior_fare_p", "any")
