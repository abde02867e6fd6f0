"""References for NII alimony (דמי מזונות, חוק המזונות (הבטחת תשלום), התשל"ב-1972)."""

from __future__ import annotations

from eligibility.parameters import Reference

ALIMONY_LAW = Reference(
    'חוק המזונות (הבטחת תשלום), התשל"ב-1972 – הביטוח הלאומי משלם לזוכה בפסק דין למזונות שאינו משולם',
    "https://www.btl.gov.il/benefits/Alimony/Pages/default.aspx",
)
WHO = Reference(
    'חוק המזונות (הבטחת תשלום), התשל"ב-1972 – מי זכאי (אישה שיש עמה ילד, בין שהיא נשואה לחייב ובין שלא)',
    "https://www.btl.gov.il/benefits/Alimony/TnaeyZakaut/Pages/MiZakay.aspx",
)
AMOUNTS = Reference(
    "תקנות המזונות (הבטחת תשלום) – סכומי הקצבה: הנמוך מבין הסכום שבתקנות לבין הסכום שבפסק הדין",
    "https://www.btl.gov.il/benefits/Alimony/Pages/%D7%A9%D7%99%D7%A2%D7%95%D7%A8%D7%99%20%D7%94%D7%A7%D7%A6%D7%91%D7%94.aspx",
)
INCOME = Reference(
    "תקנות המזונות (הבטחת תשלום) – הזכאות מותנית בהכנסות האישה מעבודה ושלא מעבודה",
    "https://www.btl.gov.il/benefits/Alimony/TnaeyZakaut/Pages/MutneHachnasa.aspx",
)
