"""Legal references for the disabled child benefit (National Insurance, chapter 9, article 4)."""

from __future__ import annotations

from eligibility.parameters import Reference

DISABLED_CHILD = Reference(
    "חוק הביטוח הלאומי [נוסח משולב], התשנ\"ה-1995, פרק ט' סימן ד' (גמלה לילד נכה), סעיף 206; תקנות הביטוח הלאומי "
    '(ילד נכה), התש"ע-2010',
    "https://www.btl.gov.il/benefits/Disabled_Child/Pages/default.aspx",
)
