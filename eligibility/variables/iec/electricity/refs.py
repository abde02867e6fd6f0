"""Legal references for the electricity discount."""

from __future__ import annotations

from eligibility.parameters import Reference

ELECTRICITY = Reference(
    'חוק משק החשמל, התשנ"ו-1996, סעיף 31א, והתקנות לפיו – תשלום מופחת לזכאים',
    "https://www.iec.co.il/homeclients/pages/disc.aspx",
)
