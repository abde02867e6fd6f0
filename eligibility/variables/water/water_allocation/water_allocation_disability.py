from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.water.water_allocation.refs import WATER


class water_allocation_disability(Variable):
    label = "במשק הבית מקבל/ת קצבת נכות כללית עם נכות רפואית של 70% לפחות"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (WATER,)
    aggregate = ("water_allocation_disability_p", "any")
