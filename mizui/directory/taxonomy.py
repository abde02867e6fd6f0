"""Open Eligibility ("מענים פתוחים", Israeli edition 14.0.1; CC BY-SA 3.0, Aunt Bertha's Open Eligibility adapted
by Kol Zchut): the taxonomy that classifies directory services. data/openeligibility-taxonomy.yaml is a verbatim
copy of reference/data/openeligibility-taxonomy.tx.yaml.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import pgettext_lazy

TAXONOMY_FILE = Path(__file__).resolve().parent / "data" / "openeligibility-taxonomy.yaml"


@cache
def terms() -> dict[str, dict[str, str]]:
    """Every term by slug: {"human_services:money": {"he": "סיוע כלכלי", "en": "Money"}}."""
    found: dict[str, dict[str, str]] = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            name = item["name"]
            found[item["slug"]] = {"he": name.get("tx", {}).get("he") or name["source"], "en": name["source"]}
            walk(item.get("items") or [])

    with TAXONOMY_FILE.open(encoding="utf-8") as f:
        walk(yaml.safe_load(f))
    return found


def label(slug: str, lang: str = "he") -> str:
    term = terms().get(slug)
    if term is None:
        return slug
    return term["en"] if lang == "en" else term["he"]


# The needs a resident looks for, in the order the public page lists them: Open Eligibility's second level under
# "human_services", named in the page's language (the taxonomy itself has Hebrew and English only).
NEEDS: dict[str, Any] = {
    "human_services:money": pgettext_lazy("open eligibility need", "סיוע כלכלי"),
    "human_services:housing": pgettext_lazy("open eligibility need", "דיור"),
    "human_services:health": pgettext_lazy("open eligibility need", "שירותי בריאות"),
    "human_services:care": pgettext_lazy("open eligibility need", "רווחה"),
    "human_services:legal": pgettext_lazy("open eligibility need", "משפטי"),
    "human_services:work": pgettext_lazy("open eligibility need", "עבודה"),
    "human_services:education": pgettext_lazy("open eligibility need", "חינוך"),
    "human_services:transport": pgettext_lazy("open eligibility need", "תחבורה"),
    "human_services:food": pgettext_lazy("open eligibility need", "מזון"),
    "human_services:goods": pgettext_lazy("open eligibility need", "ציוד"),
    "human_services:emergency": pgettext_lazy("open eligibility need", "חירום"),
    "human_services:community_services": pgettext_lazy("open eligibility need", "שירותים קהילתיים"),
    "human_services:culture_and_sports": pgettext_lazy("open eligibility need", "תרבות וספורט"),
}
OTHER_NEED = "other"


def needs_of(slugs: list[str]) -> list[str]:
    """The needs (NEEDS keys) a service's terms fall under; OTHER_NEED when none does."""
    found = {":".join(slug.split(":")[:2]) for slug in slugs}
    return [need for need in NEEDS if need in found] or [OTHER_NEED]
