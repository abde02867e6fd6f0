"""Legal references for the general disability pension (National Insurance, chapter 9)."""

from __future__ import annotations

from eligibility.parameters import Reference

DISABILITY = Reference(
    "חוק הביטוח הלאומי [נוסח משולב], התשנ\"ה-1995, פרק ט' (ביטוח נכות) – תנאי הזכאות לקצבת נכות כללית",
    "https://www.btl.gov.il/benefits/Disability/Pages/default.aspx",
)
DISABILITY_AMOUNT = Reference(
    "חוק הביטוח הלאומי [נוסח משולב], התשנ\"ה-1995, פרק ט', סעיף 200 (שיעור הקצבה לפי דרגת אי-הכושר)",
    "https://www.btl.gov.il/benefits/Disability/Pages/%D7%A9%D7%99%D7%A2%D7%95%D7%A8%D7%99%20%D7%94%D7%A7%D7%A6%D7%91%D7%94.aspx",
)
