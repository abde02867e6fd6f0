"""Legal references for the benefit groups that several rights share."""

from __future__ import annotations

from eligibility.parameters import Reference

SUPPLEMENT_GROUP = Reference(
    'חוק הבטחת הכנסה, התשמ"א-1980, סעיף 2(א)(4) (קצבת זקנה או שאירים עם תוספת השלמת הכנסה בגיל פרישה)',
    "https://www.btl.gov.il/benefits/old_age/hashHachZ/Pages/tnaiZakautTosefet.aspx",
)
GENERAL_DISABILITY = Reference(
    "חוק הביטוח הלאומי [נוסח משולב], התשנ\"ה-1995, פרק ט' (ביטוח נכות)",
    "https://www.btl.gov.il/benefits/Disability/Pages/default.aspx",
)
HOLOCAUST_AWARDS = Reference(
    'חוק נכי רדיפות הנאצים, התשי"ז-1957, סעיפים 4א ו-4ג1; חוק נכי המלחמה בנאצים, התשי"ד-1954, סעיפים 4ג ו-4ד',
    "https://www.iec.co.il/homeclients/pages/disc.aspx",
)
