"""The January update: which parameters have no value yet for a year (``mizui rules-freshness``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from eligibility.parameters import PARAMETERS_DIR, Parameter, load_parameters

COLUMNS = ("name", "newest", "confidence", "update", "file", "source", "href")


@dataclass(frozen=True)
class Stale:
    """A parameter whose newest value for a year was set in an earlier year."""

    name: str
    newest: dt.date
    confidence: str  # of that newest value
    update: str | None
    file: str
    source: str  # the title and link of the newest value's first reference
    href: str
    due: bool  # marked official and updated yearly, so the year's value is expected


def stale_parameters(as_of: dt.date, root: Path = PARAMETERS_DIR) -> list[Stale]:
    """Every parameter whose newest value dated on or before the end of ``as_of``'s year is from an earlier year
    (a value dated later, in a following year, does not count), yearly ones first, then by file and name.

    ``due`` marks those the year's value is expected for: the parameter is marked ``confidence: official`` and
    ``update: yearly``. Parameters with no value at all by then are not listed (nothing of theirs is in force)."""
    end = dt.date(as_of.year, 12, 31)
    found = [_stale(p, end, root) for p in load_parameters(root).values()]
    out = [s for s in found if s is not None and s.newest.year < as_of.year]
    return sorted(out, key=lambda s: (s.update != "yearly", s.file, s.name))


def _stale(param: Parameter, end: dt.date, root: Path) -> Stale | None:
    newest = param.latest(end)
    if newest is None:
        return None
    references = param.references_at(newest.start) or param.reference
    first = references[0] if references else None
    return Stale(
        name=param.name,
        newest=newest.start,
        confidence=newest.confidence or param.confidence,
        update=param.update,
        file=_shown(root.parent / param.file),
        source=first.title if first else "",
        href=first.href if first else "",
        due=param.confidence == "official" and param.update == "yearly",
    )


def _shown(path: Path) -> str:
    """The file's path from the working directory where it is under it (``eligibility/parameters/...``)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def as_rows(stale: Iterable[Stale]) -> list[str]:
    """One tab-separated line per parameter, after a header line: a table a spreadsheet opens as it is."""
    lines = ["\t".join(COLUMNS)]
    for s in stale:
        cells = (s.name, s.newest.isoformat(), s.confidence, s.update or "-", s.file, s.source, s.href)
        lines.append("\t".join(" ".join(c.split()) for c in cells))
    return lines
