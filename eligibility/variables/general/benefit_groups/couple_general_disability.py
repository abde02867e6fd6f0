from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.general.benefit_groups.refs import GENERAL_DISABILITY


class couple_general_disability(Variable):
    label = "המבקש/ת או בן/בת הזוג מקבל/ת קצבת נכות כללית"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (GENERAL_DISABILITY,)
    aggregate = ("couple_general_disability_p", "any")
