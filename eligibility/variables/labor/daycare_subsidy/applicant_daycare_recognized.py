from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.labor.daycare_subsidy.refs import SUBSIDY


class applicant_daycare_recognized(Variable):
    label = "המבקש/ת אומר/ת שילד/ה עד גיל 3 נמצא/ת במעון או במשפחתון מוכר (או רשום/ה אליו)"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (SUBSIDY,)
    aggregate = ("daycare_recognized", "applicant")
