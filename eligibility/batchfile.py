"""Batch files screened in household-aligned chunks read one after another, never the whole file at once.

A Parquet file whose rows are grouped by household (each household's rows together, as the generator and most
exports write them) is read a few row groups at a time; the last household of a read may continue in the next
one, so it is carried over and screened with it. Each chunk is converted (``frames.persons_to_frames``) and
evaluated (``api.evaluate_frames``) on its own, and its output written before the next is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl

ROWS_PER_HOUSEHOLD = 3  # a read of ``households * 3`` rows is about ``households`` households


def row_groups(path: Path) -> list[int]:
    """The number of rows in each row group of a Parquet file (from its footer, no data read)."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


def read_ranges(sizes: list[int], rows: int) -> list[tuple[int, int]]:
    """``(offset, length)`` reads of whole row groups, each at least ``rows`` long (the last may be shorter)."""
    ranges: list[tuple[int, int]] = []
    start = length = 0
    for size in sizes:
        length += size
        if length >= rows:
            ranges.append((start, length))
            start, length = start + length, 0
    if length:
        ranges.append((start, length))
    return ranges


def _last_household_start(ids: pl.Series) -> int:
    starts = ids.ne_missing(ids.shift(1)).arg_true()
    return int(starts[-1]) if starts.len() else 0


def household_chunks(path: Path, rows: int) -> Iterator[pl.DataFrame]:
    """The persons table of a Parquet file in consecutive slices of about ``rows`` rows that end on a household's
    last row, assuming the file is grouped by household (``first_rows`` lets the caller check that it was)."""
    scan = pl.scan_parquet(path)
    carry: pl.DataFrame | None = None
    for offset, length in read_ranges(row_groups(path), rows):
        part = scan.slice(offset, length).collect()
        if carry is not None:
            part = pl.concat([carry, part], how="vertical")
        cut = _last_household_start(part.get_column("household_id"))
        carry = part.slice(cut)
        if cut:
            yield part.slice(0, cut)
    if carry is not None and carry.height:
        yield carry


def first_rows(ids: pl.Series) -> pl.Series:
    """A hash of the id on each household's first row: over a file grouped by household, no two are equal."""
    return ids.filter(ids.ne_missing(ids.shift(1))).hash()


def screen_parquet(
    path: Path,
    as_of: dt.date,
    write: Callable[[pl.DataFrame], Any],
    *,
    households: int,
    progress: Callable[[int], Any] | None = None,
) -> bool:
    """Screen a Parquet persons file chunk by chunk, handing each chunk's output to ``write`` in order; at most
    ``households`` households go through one ``evaluate_frames``. Returns False if the file turned out not to be
    grouped by household (a household's rows apart): what was written is then incomplete and must be discarded.

    Three steps overlap, each in its own thread, so that both cores keep busy: reading and converting the next
    chunk, evaluating this one, writing the previous one's output. At most one chunk waits at each step.
    """
    from concurrent.futures import Future, ThreadPoolExecutor

    tables = household_chunks(path, households * ROWS_PER_HOUSEHOLD)

    def read_next() -> tuple[pl.Series, int, tuple[pl.DataFrame, pl.DataFrame]] | None:
        table = next(tables, None)  # the first read starts while the rules are still being imported
        if table is None:
            return None
        from eligibility.frames import persons_to_frames

        return first_rows(table.get_column("household_id")), table.height, persons_to_frames(table)

    seen: list[pl.Series] = []
    with ThreadPoolExecutor(1) as reader, ThreadPoolExecutor(1) as writer:
        pending = reader.submit(read_next)
        from eligibility.api import evaluate_frames
        from eligibility.frames import batches

        written: list[Future[Any]] = []
        while (item := pending.result()) is not None:
            pending = reader.submit(read_next)
            keys, rows, (persons, hh) = item
            seen.append(keys)
            for pchunk, hchunk in batches(persons, hh, households):
                output = evaluate_frames(pchunk, hchunk, as_of)
                if written:
                    written[-1].result()  # one output waiting to be written at most (bounded memory)
                written.append(writer.submit(write, output))
            if progress is not None:
                progress(rows)
        for done in written:
            done.result()
    keys = pl.concat(seen) if seen else pl.Series([], dtype=pl.UInt64)
    return keys.n_unique() == keys.len()
