"""Legal references for the health-fund exemptions and the chronic patients' medication ceiling."""

from __future__ import annotations

from eligibility.parameters import Reference

HEALTH = Reference(
    'חוק ביטוח בריאות ממלכתי, התשנ"ד-1994, סעיף 8 והתוספת השנייה (השתתפות עצמית, פטורים והנחות)',
    "https://call.gov.il/infocenter/index?page=content&id=GE26",
)
MEDICATION = Reference(
    'חוק ביטוח בריאות ממלכתי, התשנ"ד-1994, התוספת השנייה – הנחה בתרופות לאזרח ותיק המקבל גמלה לפי חוק הבטחת הכנסה',
    "https://call.gov.il/infocenter/index?page=content&id=GE31",
)
