"""Legal references for the income-tax exemption of the blind and the severely disabled (Income Tax Ordinance s. 9(5))."""

from __future__ import annotations

from eligibility.parameters import Reference

EXEMPTION = Reference(
    'פקודת מס הכנסה [נוסח חדש], התשכ"א-1961, סעיף 9(5) – פטור ממס לעיוור ולנכה',
    "https://www.kolzchut.org.il/he/%D7%A4%D7%98%D7%95%D7%A8_%D7%9E%D7%9E%D7%A1_%D7%94%D7%9B%D7%A0%D7%A1%D7%94_%D7%9C%D7%A2%D7%99%D7%95%D7%95%D7%A8%D7%99%D7%9D_%D7%95%D7%9C%D7%A0%D7%9B%D7%99%D7%9D",
)
