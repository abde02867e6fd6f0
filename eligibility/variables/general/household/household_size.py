from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.refs import CONTRACT


class household_size(Variable):
    label = "מספר הנפשות במשק הבית"
    entity = HOUSEHOLD
    value_type = int
    unit = "person"
    reference = (CONTRACT,)
    aggregate = ("role", "len")
