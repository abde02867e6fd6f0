"""Golden comparison for the batch path: the same inputs must give the same output frames before and after a change.

    python benchmarks/golden_batch.py --write .bench/golden        # on the old code
    python benchmarks/golden_batch.py --check .bench/golden        # on the new code: exits 1 on any difference

Inputs: random households with missing facts (nulls in every column, children and adults with and without a
``receives`` list, unknown benefit names, empty strings), as a ``;``-string column and as a list column, with
households contiguous and interleaved, string and integer ``household_id``; and, when ``--peer`` names the
generator's Parquet file, that population. Each input goes through ``evaluate`` (in process) and through
``mizui screen-batch`` (the command-line path, in a subprocess, a small ``--chunk`` so that chunks cut the file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import polars as pl

from eligibility.api import evaluate
from eligibility.frames import receivable

AS_OF = dt.date(2026, 1, 15)
ROLES = np.array(["applicant", "partner", "child", "other"])


def _maybe_null(rng: np.random.Generator, values: np.ndarray, rate: float) -> list[object]:
    mask = rng.random(values.size) < rate
    return [None if m else v.item() if hasattr(v, "item") else v for v, m in zip(values, mask, strict=True)]


def random_table(households: int, seed: int, *, missing: float = 0.15) -> pl.DataFrame:
    """A flat persons table (docs/household.md) with facts missing at random."""
    rng = np.random.default_rng(seed)
    size = rng.integers(1, 6, households)
    hh = np.repeat(np.arange(households), size)
    rank = np.arange(hh.size) - np.repeat(np.cumsum(size) - size, size)
    n = hh.size
    role = np.where(rank == 0, "applicant", ROLES[rng.integers(1, 4, n)])
    adult = role != "child"
    age_days = np.where(adult, rng.integers(18 * 365, 95 * 365, n), rng.integers(0, 18 * 365, n))
    birth = (np.datetime64(AS_OF) - age_days.astype("timedelta64[D]")).astype(dt.date)
    programs = np.array([*receivable(), "moon_grant", ""])
    receives: list[str | None] = []
    for _ in range(n):
        draw = rng.random()
        if draw < 0.2:
            receives.append(None)
        elif draw < 0.4:
            receives.append("")
        else:
            k = int(rng.integers(1, 4))
            receives.append(";".join(programs[rng.integers(0, programs.size, k)]))
    hh_rng = np.random.default_rng(seed + 1)
    per_hh = {
        "authority": np.array(["netanya", "ashdod", "tel_aviv", "haifa", "jerusalem"])[
            hh_rng.integers(0, 5, households)
        ],
        "tenure": np.array(["renter", "owner", "public_housing", "other"])[hh_rng.integers(0, 4, households)],
        "rent_monthly": hh_rng.integers(0, 6000, households).astype(float),
        "arnona_area_sqm": hh_rng.integers(30, 160, households).astype(float),
        "owns_other_property": hh_rng.random(households) < 0.1,
        "car_value": np.where(hh_rng.random(households) < 0.5, 0.0, 60_000.0),
        "financial_assets": hh_rng.integers(0, 200_000, households).astype(float),
        "debt_total": hh_rng.integers(0, 300_000, households).astype(float),
        "debt_enforcement_file": hh_rng.random(households) < 0.2,
    }
    columns: dict[str, list[object]] = {
        "household_id": [f"h{i}" for i in hh],
        "person_id": [f"p{r}" for r in rank],
        "role": list(role),
        "birth_date": _maybe_null(rng, birth, missing),
        "sex": _maybe_null(rng, np.where(rng.random(n) < 0.5, "female", "male"), missing),
        "marital_status": _maybe_null(
            rng, np.array(["single", "married", "divorced", "widowed", "separated"])[rng.integers(0, 5, n)], missing
        ),
        "resident_since": _maybe_null(rng, np.full(n, dt.date(1995, 1, 1)), missing),
        "immigration_date": [None if rng.random() < 0.9 else dt.date(2022, 3, 1) for _ in range(n)],
        "employment": _maybe_null(
            rng,
            np.array(["employed", "self_employed", "unemployed", "not_working", "retired"])[rng.integers(0, 5, n)],
            missing,
        ),
        "months_worked_last_18": _maybe_null(rng, rng.integers(0, 19, n), missing),
        "employment_service_registered": _maybe_null(rng, rng.random(n) < 0.5, missing),
        "student": _maybe_null(rng, rng.random(n) < 0.1, missing),
        "soldier": _maybe_null(rng, rng.random(n) < 0.05, missing),
        "holocaust_survivor": _maybe_null(rng, rng.random(n) < 0.02, missing),
        "medical_percent": _maybe_null(rng, np.where(rng.random(n) < 0.1, 90.0, 0.0), missing),
        "incapacity_percent": _maybe_null(rng, np.where(rng.random(n) < 0.1, 75.0, 0.0), missing),
        "blind": _maybe_null(rng, rng.random(n) < 0.02, missing),
        "income_work": _maybe_null(rng, np.where(rng.random(n) < 0.5, rng.gamma(2.0, 3000.0, n).round(), 0.0), missing),
        **{
            f"income_{k}": _maybe_null(rng, np.where(rng.random(n) < 0.1, 1500.0, 0.0), missing)
            for k in ("pension_occupational", "nii_benefits", "alimony", "capital", "other")
        },
        "receives": list(receives),
        **{k: _maybe_null(rng, v[hh], missing) for k, v in per_hh.items()},
    }
    return pl.DataFrame(columns, strict=False)


def variants(seed: int, households: int) -> dict[str, pl.DataFrame]:
    base = random_table(households, seed)
    rng = np.random.default_rng(seed + 7)
    order = rng.permutation(base.height)
    as_list = base.with_columns(pl.col("receives").str.split(";"))
    return {
        "contiguous_string": base,
        "contiguous_list": as_list,
        "interleaved_string": base[order],
        "interleaved_list": as_list[order],
        "int_ids": base.with_columns(pl.col("household_id").str.slice(1).cast(pl.Int64)),
    }


def _cli(path: Path, out: Path, chunk: int) -> pl.DataFrame:
    subprocess.run(  # noqa: S603 - our own command on our own files
        [sys.executable, "-m", "eligibility.cli", "screen-batch", str(path), "--out", str(out)]
        + ["--as-of", AS_OF.isoformat(), "--chunk", str(chunk)],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    return pl.read_parquet(out)


def outputs(peer: Path | None, households: int) -> dict[str, pl.DataFrame]:
    result: dict[str, pl.DataFrame] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for seed in (1, 2):
            for name, table in variants(seed, households).items():
                key = f"{name}_{seed}"
                result[f"{key}.evaluate"] = evaluate(table, AS_OF)
                path = Path(tmp) / f"{key}.parquet"
                table.write_parquet(path, row_group_size=500)
                result[f"{key}.cli"] = _cli(path, Path(tmp) / "out.parquet", chunk=173)
        if peer is not None:
            result["peer.cli"] = _cli(peer, Path(tmp) / "out.parquet", chunk=200_000)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path)
    mode.add_argument("--check", type=Path)
    parser.add_argument("--peer", type=Path, default=None, help="the generator's pop_N.parquet")
    parser.add_argument("--households", type=int, default=2_000)
    args = parser.parse_args()
    got = outputs(args.peer, args.households)
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for key, frame in got.items():
            frame.write_parquet(args.write / f"{key}.parquet")
        print(f"wrote {len(got)} golden outputs to {args.write}")
        return 0
    failed = 0
    for key, frame in got.items():
        want = pl.read_parquet(args.check / f"{key}.parquet")
        same = frame.schema == want.schema and frame.equals(want)
        failed += not same
        print(f"{'same' if same else 'DIFFERENT'}  {key}  ({frame.height:,} households)")
    print("all identical" if not failed else f"{failed} outputs differ")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
