from __future__ import annotations

import datetime as dt

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.labor.daycare_subsidy.refs import TUITION


class youngest_daycare_child_birth(Variable):
    label = "תאריך הלידה של הילד/ה הצעיר/ה בגיל מעון"
    entity = HOUSEHOLD
    value_type = dt.date
    unit = ""
    reference = (TUITION,)
    aggregate = ("daycare_child_birth", "max")
