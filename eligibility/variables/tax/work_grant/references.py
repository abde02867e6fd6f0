"""Legal references for the work grant (negative income tax, Israel Tax Authority)."""

from __future__ import annotations

from eligibility.parameters import Reference

WORK_GRANT = Reference(
    'חוק להגדלת שיעור ההשתתפות בכוח העבודה ולצמצום פערים חברתיים (מס הכנסה שלילי), התשס"ח-2007, סעיף 3',
    "https://www.kolzchut.org.il/he/%D7%9E%D7%A2%D7%A0%D7%A7_%D7%A2%D7%91%D7%95%D7%93%D7%94_%28%D7%9E%D7%A2%D7%A0%D7%A7_%D7%94%D7%9B%D7%A0%D7%A1%D7%94,_%D7%9E%D7%A1_%D7%94%D7%9B%D7%A0%D7%A1%D7%94_%D7%A9%D7%9C%D7%99%D7%9C%D7%99%29",
)
WORK_GRANT_TAX_AUTHORITY = Reference(
    "רשות המסים – מענק עבודה, בדיקת זכאות",
    "https://www.misim.gov.il/gmmhszakaut/",
)
