"""Legal references for the extra water allocation."""

from __future__ import annotations

from eligibility.parameters import Reference

WATER = Reference(
    'תקנות תאגידי מים וביוב (אמות מידה ורשימת זכאים להפחתה בתשלום), התשע"ד-2014',
    "https://www.mei-ashkelon.co.il/?id=21",
)
