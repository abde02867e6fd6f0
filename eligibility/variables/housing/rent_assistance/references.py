"""Legal references for rent assistance (Ministry of Construction and Housing)."""

from __future__ import annotations

from eligibility.parameters import Reference

RENT_GROUPS = Reference(
    'משרד הבינוי והשיכון, נוהל 08/04 "השתתפות בתשלום שכר דירה" – קבוצות הזכאים',
    "http://www.moch.gov.il/siyua_bediyur/schar_dira/Pages/schar_dira.aspx",
)
RENT_HOMELESS = Reference(
    'משרד הבינוי והשיכון, נוהל 08/04 "השתתפות בתשלום שכר דירה" – "חסר דירה" ותנאי הדירה השכורה',
    "https://www.kolzchut.org.il/w/he/index.php?title=%D7%96%D7%9B%D7%90%D7%95%D7%AA_%D7%9C%D7%A1%D7%99%D7%95%D7%A2_%D7%91%D7%A9%D7%9B%D7%A8_%D7%93%D7%99%D7%A8%D7%94&oldid=17904",
)
