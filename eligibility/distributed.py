"""The same ``evaluate`` on dask.distributed, over partitions of whole households."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from eligibility.frames import batches


def _evaluate_part(part: tuple[pl.DataFrame, pl.DataFrame], as_of: dt.date) -> pl.DataFrame:
    from eligibility.api import evaluate

    return evaluate(part, as_of)


def evaluate_distributed(
    frames: tuple[pl.DataFrame, pl.DataFrame], as_of: dt.date, *, scheduler: Any, partitions: int = 8
) -> pl.DataFrame:
    """Evaluate on a dask.distributed cluster; ``scheduler`` is an address or a ``distributed.Client``."""
    from distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)  # type: ignore[no-untyped-call]
    try:
        persons, households = frames
        size = max(1, -(-households.height // max(partitions, 1)))
        parts = list(batches(persons, households, size))
        futures = client.map(_evaluate_part, parts, as_of=as_of, pure=False)
        parts_out: list[pl.DataFrame] = client.gather(futures)  # type: ignore[no-untyped-call]
        return pl.concat(parts_out, how="vertical")
    finally:
        if client is not scheduler:
            client.close()  # type: ignore[no-untyped-call]
