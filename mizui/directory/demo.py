"""The demo directory: the Ashdod forum's partner agencies (seed/partners.json, an HSDS document).

National rows load once; each authority's own offices (arnona, welfare, water, Shil) load only for the
authorities given. Loading again updates the same rows (matched on HSDS ids).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mizui.accounts.models import Authority
from mizui.directory.services import import_directory

SEED = Path(__file__).resolve().parent / "seed" / "partners.json"


def seed_document(authorities: list[Authority]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
    slugs = {a.slug for a in authorities}
    data["locations"] = [loc for loc in data["locations"] if loc.get("x_authority", "") in slugs | {""}]
    return data


def load(authorities: list[Authority]) -> None:
    import_directory(None, data=seed_document(authorities))
