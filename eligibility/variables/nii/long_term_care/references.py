"""Legal references for long-term care benefit (National Insurance, chapter 10: long-term care insurance)."""

from __future__ import annotations

from eligibility.parameters import Reference

LONG_TERM_CARE = Reference(
    "חוק הביטוח הלאומי [נוסח משולב], התשנ\"ה-1995, פרק י' (ביטוח סיעוד), סעיפים 223–224",
    "https://www.btl.gov.il/benefits/Long_Term_Care/Pages/default.aspx",
)
INCOME_TEST = Reference(
    'חוק הביטוח הלאומי [נוסח משולב], התשנ"ה-1995, סעיף 224 (מבחן הכנסות לגמלת סיעוד)',
    "https://www.kolzchut.org.il/he/%D7%9E%D7%91%D7%97%D7%9F_%D7%94%D7%9B%D7%A0%D7%A1%D7%95%D7%AA_%D7%9C%D7%A6%D7%95%D7%A8%D7%9A_%D7%A7%D7%91%D7%9C%D7%AA_%D7%92%D7%9E%D7%9C%D7%AA_%D7%A1%D7%99%D7%A2%D7%95%D7%93",
)
