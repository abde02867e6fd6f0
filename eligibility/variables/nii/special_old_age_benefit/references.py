"""Legal references for the special old-age benefit for new immigrants (גמלת אזרח ותיק מיוחדת לעולה חדש)."""

from __future__ import annotations

from eligibility.parameters import Reference

SPECIAL_OLD_AGE = Reference(
    'הסכם בין הממשלה למוסד לביטוח לאומי לתשלום גמלאות מיוחדות (חוק הביטוח הלאומי [נוסח משולב], התשנ"ה-1995, '
    "סעיף 9) – גמלת אזרח ותיק מיוחדת לעולה חדש ותושב חוזר, על חשבון משרד האוצר",
    "https://www.btl.gov.il/benefits/old_age/Pages/%D7%92%D7%9E%D7%9C%D7%AA%20%D7%96%D7%A7%D7%A0%D7%94%20%D7%9E%D7%99%D7%95%D7%97%D7%93%D7%AA.aspx",
)
