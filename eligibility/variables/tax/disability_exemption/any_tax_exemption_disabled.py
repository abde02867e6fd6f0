from __future__ import annotations

from eligibility.model import HOUSEHOLD, Variable
from eligibility.variables.tax.disability_exemption.references import EXEMPTION


class any_tax_exemption_disabled(Variable):
    label = "המבקש/ת או בן/בת הזוג עיוור/ת או נכה שזכאי/ת לפטור ממס על הכנסתו/ה"
    entity = HOUSEHOLD
    value_type = bool
    unit = ""
    reference = (EXEMPTION,)
    aggregate = ("tax_exemption_disabled_p", "any")
