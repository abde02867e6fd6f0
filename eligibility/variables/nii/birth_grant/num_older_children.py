from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.nii.birth_grant.references import BIRTH_GRANT


class num_older_children(Variable):
    label = "מספר הילדים במשפחה שנולדו לפני היילודים"
    entity = HOUSEHOLD
    value_type = int
    unit = "child"
    reference = (BIRTH_GRANT,)
    aggregate = ("is_older_child", "count_strict")
