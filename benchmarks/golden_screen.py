"""Golden comparison for one household and small batches: ``screen()``, ``explain()`` and ``evaluate()`` (with and
without detail, 1 to 150 households) must give the same results before and after an engine change.

    python benchmarks/golden_screen.py --write OLD.pkl      # on the old code (a worktree on PYTHONPATH)
    python benchmarks/golden_screen.py --check OLD.pkl      # on the new code: exits 1 on any difference

Households: ``test_deciding``'s random complete households (of the tree the script is in) with random facts
removed, screened on two dates in four languages. Frames are compared by column name (values and types); a
detail frame's column order is not part of its answer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import pickle
import random
import sys
from pathlib import Path
from typing import Any

import eligibility
from eligibility import evaluate, explain, screen

HELPERS = Path(__file__).resolve().parents[1] / "eligibility" / "tests" / "test_deciding.py"


def households(count: int) -> list[dict[str, Any]]:
    spec = importlib.util.spec_from_file_location("golden_helpers", HELPERS)
    assert spec is not None and spec.loader is not None
    helpers = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helpers)
    r = random.Random(1234)  # noqa: S311 (test data)
    drawn = []
    for _ in range(count):
        household = helpers.complete_household(r)
        facts = helpers.facts(household)
        removed = r.sample(facts, min(r.choice([0, 1, 2, 3, 5, 8, 15, len(facts) // 2]), len(facts)))
        drawn.append(helpers.without(household, removed))
    accepted: list[dict[str, Any]] = helpers.possible(drawn)  # those the contract accepts
    return accepted


def results(count: int) -> dict[str, list[Any]]:
    found = households(count)
    out: dict[str, list[Any]] = {"screen": [], "explain": [], "frames": []}
    for i, household in enumerate(found):
        for as_of in (dt.date(2026, 1, 15), dt.date(2024, 3, 1)):
            out["screen"].append(screen(household, as_of=as_of, lang=["he", "en", "ar", "ru"][i % 4]))
        if i % 10 == 0:
            out["explain"].append(explain(household, as_of=dt.date(2026, 1, 15)))
    for size in (1, 3, 7, 64, 150):
        for start in range(0, min(len(found), 300), max(size, 40)):
            for detail in (True, False):
                out["frames"].append(evaluate(found[start : start + size], dt.date(2026, 1, 15), detail=detail))
    print(f"{len(found)} households, {len(out['frames'])} frames, code from {eligibility.__file__}", file=sys.stderr)
    return out


def differences(old: dict[str, list[Any]], new: dict[str, list[Any]]) -> dict[str, int]:
    frames = 0
    for a, b in zip(old["frames"], new["frames"], strict=True):
        same = set(a.columns) == set(b.columns) and a.schema == b.select(a.columns).schema
        if not same or not a.equals(b.select(a.columns), null_equal=True):
            frames += 1
    return {
        "screen": sum(a != b for a, b in zip(old["screen"], new["screen"], strict=True)),
        "explain": sum(a != b for a, b in zip(old["explain"], new["explain"], strict=True)),
        "frames": frames,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--check", type=Path)
    parser.add_argument("--households", type=int, default=300)
    args = parser.parse_args()
    out = results(args.households)
    if args.write:
        args.write.write_bytes(pickle.dumps(out))
        return
    found = differences(pickle.loads(args.check.read_bytes()), out)  # noqa: S301 (our own file)
    print("differences:", found)
    sys.exit(1 if any(found.values()) else 0)


if __name__ == "__main__":
    main()
