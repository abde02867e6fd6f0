"""References for the consolidation of Execution Office files (איחוד תיקים)."""

from __future__ import annotations

from eligibility.parameters import Reference

CONSOLIDATION = Reference(
    "חוק ההוצאה לפועל, התשכ\"ז-1967, פרק ז'3 (איחוד תיקים) – כל זכות, בקשה לאיחוד תיקים של חייב בהוצאה לפועל",
    "https://www.kolzchut.org.il/he/%D7%91%D7%A7%D7%A9%D7%94_%D7%9C%D7%90%D7%99%D7%97%D7%95%D7%93_%D7%AA%D7%99%D7%A7%D7%99%D7%9D_%D7%A9%D7%9C_%D7%97%D7%99%D7%99%D7%91_%D7%91%D7%94%D7%95%D7%A6%D7%90%D7%94_%D7%9C%D7%A4%D7%95%D7%A2%D7%9C",
)
