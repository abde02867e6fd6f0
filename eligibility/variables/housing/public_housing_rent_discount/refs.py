"""References for the graded rent (rent discount) of public-housing tenants (Ministry of Construction and Housing)."""

from __future__ import annotations

from eligibility.parameters import Reference

GRADED_RENT = Reference(
    "משרד הבינוי והשיכון – שכר דירה מדורג בדיור הציבורי לפי הרכב המשפחה וההכנסות (כל זכות: עדכון שכר דירה בדיור הציבורי)",
    "https://www.kolzchut.org.il/he/%D7%A2%D7%93%D7%9B%D7%95%D7%9F_%D7%A9%D7%9B%D7%A8_%D7%93%D7%99%D7%A8%D7%94_%D7%91%D7%93%D7%99%D7%95%D7%A8_%D7%94%D7%A6%D7%99%D7%91%D7%95%D7%A8%D7%99",
)
