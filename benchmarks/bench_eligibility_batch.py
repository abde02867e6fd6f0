"""Synthetic population (~3 persons per household), all rights: persons/s and peak RSS.

python benchmarks/bench_eligibility_batch.py --persons 1000000
(Dask: benchmarks/bench_dask.py)
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import time

import numpy as np
import polars as pl

from eligibility.api import evaluate_chunks
from eligibility.frames import HH, household_schema, person_schema

AS_OF = dt.date(2026, 1, 15)


def population(persons: int, seed: int = 1) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Households of 1–5 persons: an applicant, a partner in 60%, children; incomes and ages at random."""
    rng = np.random.default_rng(seed)
    n_hh = persons // 3
    size = rng.integers(1, 6, n_hh)
    hh = np.repeat(np.arange(n_hh, dtype=np.uint32), size)
    rank = np.arange(hh.size) - np.repeat(np.cumsum(size) - size, size)
    has_partner = np.repeat(rng.random(n_hh) < 0.6, size)
    role = np.where(rank == 0, "applicant", np.where((rank == 1) & has_partner, "partner", "child"))
    adult = role != "child"
    age_days = np.where(adult, rng.integers(20 * 365, 90 * 365, hh.size), rng.integers(0, 18 * 365, hh.size))
    birth = np.datetime64(AS_OF) - age_days.astype("timedelta64[D]")
    work = np.where(adult & (rng.random(hh.size) < 0.6), rng.gamma(2.0, 3000.0, hh.size), 0.0).round()
    schema = person_schema()
    p = pl.DataFrame(
        {
            HH: hh,
            "role": role,
            "birth_date": birth,
            "sex": np.where(rng.random(hh.size) < 0.5, "female", "male"),
            "marital_status": np.where(has_partner, "married", "divorced"),
            "resident_since": np.datetime64("1995-01-01") + np.zeros(hh.size, dtype="timedelta64[D]"),
            "employment": np.where(work > 0, "employed", "not_working"),
            "employment_service_registered": rng.random(hh.size) < 0.5,
            "student": np.zeros(hh.size, dtype=bool),
            "soldier": np.zeros(hh.size, dtype=bool),
            "incapacity_percent": np.where(rng.random(hh.size) < 0.05, 75.0, 0.0),
            "medical_percent": np.zeros(hh.size),
            "blind": np.zeros(hh.size, dtype=bool),
            "income_work": work,
            **{
                f"income_{k}": np.zeros(hh.size)
                for k in ("pension_occupational", "nii_benefits", "alimony", "capital", "other")
            },
        }
    )
    p = p.select([(pl.col(c).cast(t) if c in p.columns else pl.lit(None, dtype=t)).alias(c) for c, t in schema.items()])
    hschema = household_schema()
    h = pl.DataFrame(
        {
            HH: np.arange(n_hh, dtype=np.uint32),
            "household_id": np.arange(n_hh).astype(str),
            "tenure": np.where(rng.random(n_hh) < 0.5, "renter", "owner"),
            "arnona_area_sqm": rng.integers(40, 140, n_hh).astype(float),
            "car_value": np.where(rng.random(n_hh) < 0.5, 0.0, 30_000.0),
            "financial_assets": np.zeros(n_hh),
        }
    )
    receives = {c: pl.lit(False) for c in hschema if c.startswith("hh_receives__")}
    h = h.with_columns(**receives)
    h = h.select(
        [(pl.col(c).cast(t) if c in h.columns else pl.lit(None, dtype=t)).alias(c) for c, t in hschema.items()]
    )
    return p, h


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=200_000)
    args = parser.parse_args()
    persons, households = population(args.persons)
    print(f"{persons.height:,} persons in {households.height:,} households")
    start = time.perf_counter()
    rows = 0
    eligible = 0
    for chunk in evaluate_chunks((persons, households), AS_OF, size=args.chunk):
        rows += chunk.height
        eligible += int((chunk["income_support__status"] == "eligible").sum())
    took = time.perf_counter() - start
    print(f"in process: {took:.1f} s, {persons.height / took:,.0f} persons/s, income support eligible {eligible:,}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
