"""Legal references for the survivors' pension (National Insurance, chapter 6: survivors' insurance)."""

from __future__ import annotations

from eligibility.parameters import Reference

SURVIVORS = Reference(
    "חוק הביטוח הלאומי [נוסח משולב], התשנ\"ה-1995, פרק ו' (ביטוח שאירים)",
    "https://www.btl.gov.il/benefits/Survivors_%20Insurance/Pages/default.aspx",
)
WIDOWER = Reference(
    'חוק הביטוח הלאומי [נוסח משולב], התשנ"ה-1995, סעיף 252 (אלמן: ילד עמו או מבחן הכנסות)',
    "https://www.btl.gov.il/benefits/Survivors_%20Insurance/tnaaiZakaut/nimneEmSherim/Pages/alman.aspx",
)
RATES = Reference(
    "חוק הביטוח הלאומי [נוסח משולב], התשנ\"ה-1995, סעיף 256 ולוח ח' (שיעורי קצבת שאירים)",
    "https://www.btl.gov.il/benefits/Survivors_%20Insurance/shiuraihakizba/Pages/k.almanim.aspx",
)
TWO_PENSIONS = Reference(
    'חוק הביטוח הלאומי [נוסח משולב], התשנ"ה-1995, סעיף 320 (קצבת אזרח ותיק ומחצית קצבת השאירים)',
    "https://www.btl.gov.il/benefits/Survivors_%20Insurance/shiuraihakizba/Pages/k.almanim.aspx",
)
