"""Legal references for the maternity allowance (National Insurance, maternity insurance)."""

from __future__ import annotations

from eligibility.parameters import Reference

MATERNITY = Reference(
    'חוק הביטוח הלאומי [נוסח משולב], התשנ"ה-1995, פרק ד׳ (ביטוח אימהות), סעיפים 49–50 – דמי לידה',
    "https://www.btl.gov.il/benefits/maternity/Childbirth_Allowance/pages/%D7%AA%D7%A0%D7%90%D7%99%20%D7%94%D7%96%D7%9B%D7%90%D7%95%D7%AA.aspx",
)
QUALIFYING = Reference(
    "הביטוח הלאומי – דמי לידה, תקופת הזכאות לפי תקופת האכשרה",
    "https://www.btl.gov.il/benefits/maternity/Childbirth_Allowance/Pages/%D7%AA%D7%A7%D7%95%D7%A4%D7%AA%20%D7%94%D7%96%D7%9B%D7%90%D7%95%D7%AA%20%D7%94%D7%9E%D7%A8%D7%91%D7%99%D7%AA.aspx",
)
