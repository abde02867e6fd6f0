"""Legal references for unemployment benefit (National Insurance, chapter 7)."""

from __future__ import annotations

from eligibility.parameters import Reference

UNEMPLOYMENT = Reference(
    "חוק הביטוח הלאומי [נוסח משולב], התשנ\"ה-1995, פרק ז' (ביטוח אבטלה)",
    "https://www.btl.gov.il/benefits/Unemployment/Pages/default.aspx",
)
QUALIFYING = Reference(
    "חוק הביטוח הלאומי [נוסח משולב], התשנ\"ה-1995, פרק ז', סעיף 161 (תקופת אכשרה)",
    "https://www.btl.gov.il/About/faq/HarvotBarzelOuestions/AVTALA_HB/Pages/avadeti6hodashim_hb.aspx",
)
