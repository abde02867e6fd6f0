"""One household, all rights, in process: p50/p99 of eligibility.screen() (target p50 ≤ 5 ms)."""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import time

from eligibility import evaluate, screen

DANA = {
    "as_of": "2026-01-15",
    "authority": "ashdod",
    "members": [
        {
            "id": "p1",
            "role": "applicant",
            "birth_date": "1968-05-01",
            "sex": "female",
            "marital_status": "divorced",
            "resident_since": "1990-01-01",
            "immigration_date": None,
            "disability": {"medical_percent": 0, "incapacity_percent": 0, "blind": False},
            "employment": "employed",
            "income": {
                "work": 4200,
                "pension_occupational": 0,
                "nii_benefits": 0,
                "alimony": 0,
                "capital": 0,
                "other": 0,
            },
            "receives": ["child_allowance"],
            "employment_service_registered": False,
            "student": False,
            "soldier": False,
        },
        {"id": "c1", "role": "child", "birth_date": "2015-03-01"},
    ],
    "housing": {"tenure": "renter", "rent_monthly": 3500, "arnona_area_sqm": 70},
    "assets": {"car_value": 0, "financial_assets": 5000},
}


def measure(fn: object, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append((time.perf_counter() - start) * 1000)
    return sorted(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1000)
    args = parser.parse_args()
    as_of = dt.date(2026, 1, 15)
    for _ in range(20):  # warm the parameter and plan caches, as a running server would be
        screen(DANA)
    for name, fn in (
        ("screen (result contract v1)", lambda: screen(DANA)),
        ("evaluate (status columns)", lambda: evaluate([DANA], as_of)),
    ):
        times = measure(fn, args.runs)
        p50, p99 = statistics.median(times), times[int(len(times) * 0.99) - 1]
        print(f"{name}: p50 {p50:.2f} ms  p99 {p99:.2f} ms  ({args.runs} runs)")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
