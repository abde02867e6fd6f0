from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.nii.birth_grant.references import BIRTH_GRANT


class num_infants(Variable):
    label = "מספר היילודים במשק הבית (נולדו ב-12 החודשים האחרונים)"
    entity = HOUSEHOLD
    value_type = int
    unit = "child"
    reference = (BIRTH_GRANT,)
    aggregate = ("is_infant", "count_strict")
