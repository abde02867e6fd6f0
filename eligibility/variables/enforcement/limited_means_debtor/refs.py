"""Legal references for the limited-means debtor declaration."""

from __future__ import annotations

from eligibility.parameters import Reference

LIMITED_MEANS = Reference(
    'חוק ההוצאה לפועל, התשכ"ז-1967, סעיף 69א (הכרזה על חייב מוגבל באמצעים)',
    "https://www.kolzchut.org.il/he/%D7%94%D7%9B%D7%A8%D7%96%D7%94_%D7%A2%D7%9C_%D7%97%D7%99%D7%99%D7%91_%D7%9E%D7%95%D7%92%D7%91%D7%9C_%D7%91%D7%90%D7%9E%D7%A6%D7%A2%D7%99%D7%9D",
)
