"""Legal references for the birth grant (National Insurance, chapter 3: maternity insurance)."""

from __future__ import annotations

from eligibility.parameters import Reference

BIRTH_GRANT = Reference(
    "חוק הביטוח הלאומי [נוסח משולב], התשנ\"ה-1995, פרק ג' (ביטוח אמהות) – מענק לידה",
    "https://www.btl.gov.il/benefits/Pages/maanakleda.aspx",
)
CLAIM_PERIOD = Reference(
    'חוק הביטוח הלאומי [נוסח משולב], התשנ"ה-1995, סעיף 296 (תביעה תוך 12 חודשים)',
    "https://www.kolzchut.org.il/he/%D7%9E%D7%A2%D7%A0%D7%A7_%D7%9C%D7%99%D7%93%D7%94",
)
