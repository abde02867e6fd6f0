"""References for the public-transport discount for senior citizens (Ministry of Transport, "צדק תחבורתי")."""

from __future__ import annotations

from eligibility.parameters import Reference

SENIOR_FARES = Reference(
    'משרד התחבורה – הנחות בתחבורה הציבורית לאזרחים ותיקים (חוק האזרחים הוותיקים, התש"ן-1989, ורפורמת "צדק תחבורתי")',
    "https://www.kolzchut.org.il/he/%D7%94%D7%A0%D7%97%D7%94_%D7%91%D7%A0%D7%A1%D7%99%D7%A2%D7%94_%D7%91%D7%AA%D7%97%D7%91%D7%95%D7%A8%D7%94_%D7%A6%D7%99%D7%91%D7%95%D7%A8%D7%99%D7%AA_%D7%9C%D7%9E%D7%A7%D7%91%D7%9C%D7%99_%D7%92%D7%9E%D7%9C%D7%AA_%D7%94%D7%91%D7%98%D7%97%D7%AA_%D7%94%D7%9B%D7%A0%D7%A1%D7%94",
)
