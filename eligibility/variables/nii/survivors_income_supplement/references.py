"""Legal references for the income supplement to the survivors' pension (National Insurance; Income Support Law)."""

from __future__ import annotations

from eligibility.parameters import Reference

SURVIVORS_SUPPLEMENT = Reference(
    'חוק הבטחת הכנסה, התשמ"א-1980, סעיף 2(א)(4) והתוספת השנייה; חוק הביטוח הלאומי [נוסח משולב], התשנ"ה-1995, פרק ו\' (ביטוח שאירים)',
    "https://www.btl.gov.il/benefits/Survivors_%20Insurance/t.hvtachat.hachnasa/Pages/default.aspx",
)
CONDITIONS_PAGE = Reference(
    "הביטוח הלאומי – תנאי הזכאות לתוספת השלמת הכנסה לקצבת שאירים",
    "https://www.btl.gov.il/benefits/Survivors_%20Insurance/t.hvtachat.hachnasa/Pages/%D7%AA%D7%A0%D7%90%D7%99%D7%94%D7%96%D7%9B%D7%90%D7%95%D7%AA%D7%9C%D7%AA%D7%95%D7%A1%D7%A4%D7%AA%D7%94%D7%A9%D7%9C%D7%9E%D7%AA%D7%94%D7%9B%D7%A0%D7%A1%D7%94.aspx",
)
AMOUNTS_PAGE = Reference(
    "הביטוח הלאומי – סכומי קצבת שאירים עם תוספת השלמת הכנסה",
    "https://www.btl.gov.il/benefits/Survivors_%20Insurance/t.hvtachat.hachnasa/Pages/schumimTosefetHH.aspx",
)
