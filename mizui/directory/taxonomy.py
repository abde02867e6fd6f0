"""Open Eligibility ("מענים פתוחים", Israeli edition 14.0.1; CC BY-SA 3.0, Aunt Bertha's Open Eligibility adapted
by Kol Zchut): the taxonomy that classifies directory services. data/openeligibility-taxonomy.yaml is a verbatim
copy of reference/data/openeligibility-taxonomy.tx.yaml.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

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
