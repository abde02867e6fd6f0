from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.labor.daycare_subsidy.refs import SUBSIDY


class num_daycare_age_children(Variable):
    label = "מספר הילדים בגיל מעון (3 עד 33 חודשים)"
    entity = HOUSEHOLD
    value_type = int
    unit = "child"
    reference = (SUBSIDY,)
    aggregate = ("is_daycare_age_child", "count_strict")
