"""References for the new-immigrant track of rent assistance (Ministry of Construction and Housing)."""

from __future__ import annotations

from eligibility.parameters import Reference

IMMIGRANT_RENT = Reference(
    "משרד הבינוי והשיכון – סיוע אוטומטי בשכר דירה לעולים חסרי דירה (כל זכות: סיוע בשכר דירה לעולים)",
    "https://www.kolzchut.org.il/he/%D7%A1%D7%99%D7%95%D7%A2_%D7%91%D7%A9%D7%9B%D7%A8_%D7%93%D7%99%D7%A8%D7%94_%D7%9C%D7%A2%D7%95%D7%9C%D7%99%D7%9D",
)
