"""Batch files screened in household-aligned chunks read one after another, never the whole file at once.

A Parquet or CSV file whose rows are grouped by household (each household's rows together, as the generator and
most exports write them) is read a batch at a time; the last household of a batch may continue in the next one,
so it waits for it. Each chunk of ``--chunk`` households is converted (``frames.persons_to_frames``) and
evaluated (``api.evaluate_frames``) on its own, and its output appended to the result file while the next chunk
is evaluated. The Dask path (``distributed.py``) cuts a file into parts by its row groups instead.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl

ROWS_PER_HOUSEHOLD = 3  # a read of ``households * 3`` rows holds about ``households`` households


def household_chunks(path: Path, households: int) -> Iterator[pl.DataFrame]:
    """The persons table of a file in consecutive slices of ``households`` households each (the last may have
    fewer), assuming the file is grouped by household (``first_rows`` lets the caller check that it was).

    Polars' streaming engine reads the file a batch at a time, a few batches ahead of the caller at most; the last
    household of a batch may go on in the next one, so it waits for it."""
    carry: pl.DataFrame | None = None
    for batch in scan(path).collect_batches(chunk_size=households * ROWS_PER_HOUSEHOLD, maintain_order=True):
        part = batch if carry is None else pl.concat([carry, batch], how="vertical")
        ids = part.get_column("household_id")
        starts = ids.ne_missing(ids.shift(1)).arg_true()  # each household's first row
        while starts.len() > households:  # the first `households` are complete: the next one has begun
            cut = int(starts[households])
            yield part.slice(0, cut)
            part, starts = part.slice(cut), starts.slice(households) - cut
        carry = part
    if carry is not None and carry.height:
        yield carry


def scan(path: Path) -> pl.LazyFrame:
    """A persons file, Parquet or CSV, as a lazy frame (CSV: column types from the first 10,000 rows, as read whole)."""
    if path.suffix == ".csv":
        return pl.scan_csv(path, infer_schema_length=10_000, schema_overrides={"household_id": pl.String})
    return pl.scan_parquet(path)


def persons_in(path: Path) -> int:
    """The number of rows of a persons file (for Parquet, from its footer)."""
    return int(scan(path).select(pl.len()).collect().item())


class ParquetSink:
    """Frames of one schema appended, in order, to one Parquet file by Polars' streaming writer in a thread of its
    own; at most one frame waits to be written. Call it with each frame, then ``close()``."""

    def __init__(self, path: Path | str) -> None:
        self.path, self.households = Path(path), 0
        self._queue: queue.Queue[pl.DataFrame | None] = queue.Queue(maxsize=1)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def __call__(self, frame: pl.DataFrame) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._write, args=(frame.schema,), daemon=True)
            self._thread.start()
        self._queue.put(frame)
        self.households += frame.height

    def _frames(self, with_columns: list[str] | None, *_: Any) -> Iterator[pl.DataFrame]:
        while (frame := self._queue.get()) is not None:
            yield frame if with_columns is None else frame.select(with_columns)

    def _write(self, schema: pl.Schema) -> None:
        from polars.io.plugins import register_io_source

        try:
            # snappy, as pyarrow's writer (used before) compresses: the cheapest to write of the usual codecs
            register_io_source(self._frames, schema=schema).sink_parquet(self.path, compression="snappy")
        except BaseException as exc:  # handed to the caller in close(); the queue is drained so no put() blocks
            self._error = exc
            while self._queue.get() is not None:
                pass

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
        if self._error is not None:
            raise self._error


def first_rows(ids: pl.Series) -> pl.Series:
    """A hash of the id on each household's first row: over a file grouped by household, no two are equal."""
    return ids.filter(ids.ne_missing(ids.shift(1))).hash()


def screen_file(
    path: Path,
    as_of: dt.date,
    write: Callable[[pl.DataFrame], Any],
    *,
    households: int,
    progress: Callable[[int], Any] | None = None,
) -> bool:
    """Screen a persons file (Parquet or CSV) chunk by chunk, handing each chunk's output to ``write`` in order; at most
    ``households`` households go through one ``evaluate_frames``. Returns False if the file turned out not to be
    grouped by household (a household's rows apart): what was written is then incomplete and must be discarded.

    The steps overlap so that both cores keep busy: Polars reads ahead, the next chunk is converted in a thread
    while this one is evaluated, and ``write`` (a ``ParquetSink``) writes the previous output in its own thread.
    """
    from concurrent.futures import ThreadPoolExecutor

    tables = household_chunks(path, households)

    def read_next() -> tuple[pl.Series, int, tuple[pl.DataFrame, pl.DataFrame]] | None:
        table = next(tables, None)  # the first read starts while the rules are still being imported
        if table is None:
            return None
        from eligibility.frames import persons_to_frames

        return first_rows(table.get_column("household_id")), table.height, persons_to_frames(table)

    seen: list[pl.Series] = []
    with ThreadPoolExecutor(1) as reader:
        pending = reader.submit(read_next)
        from eligibility.api import evaluate_frames

        while (item := pending.result()) is not None:
            pending = reader.submit(read_next)
            keys, rows, (persons, hh) = item
            seen.append(keys)
            write(evaluate_frames(persons, hh, as_of))
            if progress is not None:
                progress(rows)
    keys = pl.concat(seen) if seen else pl.Series([], dtype=pl.UInt64)
    return keys.n_unique() == keys.len()
