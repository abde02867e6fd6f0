"""References for the absorption basket (Ministry of Aliyah and Integration)."""

from __future__ import annotations

from eligibility.parameters import Reference

BASKET = Reference(
    "משרד העלייה והקליטה – סל קליטה (החלטת הממשלה: לכל העולים מ-1.12.2002)",
    "https://call.gov.il/infocenter/index?page=content&id=EL12083&cat=SMENTAL_HEALTH&actp=LIST",
)
