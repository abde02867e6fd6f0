"""Which user-facing texts still lack an Arabic, Russian or English version (mizui translations-report)."""

from __future__ import annotations

from typing import Any

from eligibility.catalogue import agencies, catalogue, questions
from eligibility.engine import registry

TRANSLATED = ("ar", "ru", "en")


def _texts() -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = []
    for column, cond in registry()[1].items():
        items.append((f"condition {column}", cond.text))
    for pid, spec in catalogue().items():
        for key in ("name", "documents", "how_to_apply", "value_note"):
            if spec.get(key):
                items.append((f"program {pid}.{key}", spec[key]))
    for aid, spec in agencies().items():
        items.append((f"agency {aid}", spec["name"]))
    for qid, text in questions().items():
        items.append((f"question {qid}", text))
    return items


def missing_translations() -> dict[str, list[str]]:
    return {lang: [where for where, text in _texts() if not text.get(lang)] for lang in TRANSLATED}


def report() -> str:
    lines = []
    for lang, missing in missing_translations().items():
        lines.append(f"{lang}: {len(missing)} missing")
        lines.extend(f"  {where}" for where in missing)
    return "\n".join(lines)
