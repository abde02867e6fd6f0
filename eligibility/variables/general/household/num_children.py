from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import MAJORITY


class num_children(Variable):
    label = "מספר הילדים הקטינים במשק הבית"
    entity = HOUSEHOLD
    value_type = int
    unit = "child"
    reference = (MAJORITY,)
    aggregate = ("is_dependent_child", "count_strict")
