"""Legal references for the attendance allowance (National Insurance: special services for the severely disabled)."""

from __future__ import annotations

from eligibility.parameters import Reference

SPECIAL_SERVICES = Reference(
    'חוק הביטוח הלאומי [נוסח משולב], התשנ"ה-1995, סעיף 206; תקנות הביטוח הלאומי (שירותים מיוחדים)',
    "https://www.btl.gov.il/benefits/Attendance_Allowance/Pages/default.aspx",
)
CONDITIONS_PAGE = Reference(
    "הביטוח הלאומי – שירותים מיוחדים לנכים, תנאי הזכאות",
    "https://www.btl.gov.il/benefits/Attendance_Allowance/Pages/%D7%AA%D7%A0%D7%90%D7%99%20%D7%94%D7%96%D7%9B%D7%90%D7%95%D7%AA.aspx",
)
