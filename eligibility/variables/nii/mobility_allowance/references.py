"""Legal references for the mobility allowance (National Insurance, under the mobility agreement)."""

from __future__ import annotations

from eligibility.parameters import Reference

MOBILITY = Reference(
    'הסכם הניידות בין ממשלת ישראל לבין המוסד לביטוח לאומי (לפי סעיף 9 לחוק הביטוח הלאומי [נוסח משולב], התשנ"ה-1995)',
    "https://www.btl.gov.il/benefits/Mobility/Pages/default.aspx",
)
AGE = Reference(
    "כל זכות – גמלת ניידות לאחר גיל הפרישה (גיל הפרישה לעניין ניידות זהה לגברים ולנשים)",
    "https://www.kolzchut.org.il/he/%D7%92%D7%9E%D7%9C%D7%AA_%D7%A0%D7%99%D7%99%D7%93%D7%95%D7%AA_%D7%9C%D7%90%D7%97%D7%A8_%D7%92%D7%99%D7%9C_%D7%94%D7%A4%D7%A8%D7%99%D7%A9%D7%94",
)
