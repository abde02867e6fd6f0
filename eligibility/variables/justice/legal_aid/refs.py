"""Legal references for legal aid."""

from __future__ import annotations

from eligibility.parameters import Reference

LEGAL_AID = Reference(
    'חוק הסיוע המשפטי, התשל"ב-1972, ותקנות הסיוע המשפטי, התשל"ג-1973, תקנה 2 (זכאות כלכלית)',
    "https://index.justice.gov.il/Units/SiuaMishpaty/ProcessOfLegalAid/zakaut/Pages/EntitlementTest.aspx",
)
NII_APPEALS = Reference(
    'חוק הביטוח הלאומי [נוסח משולב], התשנ"ה-1995, סעיף 397 (סיוע משפטי בבית הדין לעבודה בלי מבחן כלכלי)',
    "https://index.justice.gov.il/Units/SiuaMishpaty/OurScopes/Pages/NationalInsuranceInstitute.aspx",
)
