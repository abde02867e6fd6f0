"""Legal references for public housing (Ministry of Construction and Housing; Amidar, Amigur and others)."""

from __future__ import annotations

from eligibility.parameters import Reference

PUBLIC_HOUSING = Reference(
    "משרד הבינוי והשיכון – כללי הזכאות לדיור ציבורי (חסרי דירה)",
    "http://www.moch.gov.il/siyua_bediyur/shikun_tziburi/Pages/shikun_tziburi.aspx",
)
PUBLIC_HOUSING_FAMILIES = Reference(
    "משרד הבינוי והשיכון – דיור ציבורי לזוגות ולהורים עצמאיים עם 3 ילדים ומעלה (הכנסה מזכה ותקופת גמלה)",
    "https://www.kolzchut.org.il/he/%D7%93%D7%99%D7%95%D7%A8_%D7%A6%D7%99%D7%91%D7%95%D7%A8%D7%99_%D7%9C%D7%96%D7%95%D7%92%D7%95%D7%AA_%D7%A2%D7%9D_%D7%99%D7%9C%D7%93%D7%99%D7%9D",
)
