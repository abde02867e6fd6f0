"""`screen-batch` on dask.distributed: each worker reads its own households, evaluates them, writes its own part.

The client makes the plan (which file, which rows) from file footers alone, sends it, and adds up the totals the
workers return; no person row passes through it. The input is either one Parquet file grouped by household (each
household's rows together), cut into runs of row groups, or a directory of Parquet files each holding whole
households (a partitioned dataset), one part per file. The output is a directory of parts,
``part-00000.parquet``, ``part-00001.parquet``, ...: read in order, they are the plain run's output.

Dask is an optional extra (``pip install "mizui[dask]"``); nothing else in the rules package needs it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import polars as pl

# The client imports neither Polars nor the rules (≈ 0.25 s of its start-up): only the workers read and screen.
CHUNK = 200_000  # households per evaluate_frames on a worker, as in process


class Part(NamedTuple):
    """Rows ``offset`` to ``offset + length`` of ``path`` (``length`` None: the whole file), written to ``out``."""

    path: str
    offset: int
    length: int | None
    out: str


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise SystemExit(
            '--scheduler needs Dask: install the optional extra, pip install "mizui[dask]" (make run/test do)'
        ) from exc
    return distributed


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


def plan(source: Path, out: Path, partitions: int) -> list[Part]:
    """The parts of ``source``: one per file of a directory, else about ``partitions`` runs of row groups."""
    if source.is_dir():
        files = sorted(source.rglob("*.parquet"))
        return [Part(str(f), 0, None, str(out / f"part-{i:05d}.parquet")) for i, f in enumerate(files)]
    sizes = row_groups(source)
    rows = max(1, sum(sizes) // max(partitions, 1))  # parts of whole row groups, each at least this long
    ranges = read_ranges(sizes, rows)
    return [Part(str(source), o, n, str(out / f"part-{i:05d}.parquet")) for i, (o, n) in enumerate(ranges)]


def _leading(ids: pl.Series, value: Any) -> int:
    """How many rows at the top of ``ids`` equal ``value``."""
    differs = ids.ne_missing(value).arg_true()
    return int(differs[0]) if differs.len() else ids.len()


def aligned_rows(path: Path, offset: int, length: int) -> pl.DataFrame:
    """The rows of the households that start in rows ``offset`` to ``offset + length`` of a file grouped by
    household: a household begun before ``offset`` is left to the part it began in, and the last one is read on
    past the end to its last row."""
    import polars as pl

    scan = pl.scan_parquet(path)
    part = scan.slice(offset, length).collect()
    if offset > 0 and part.height:
        before = scan.slice(offset - 1, 1).select("household_id").collect().item()
        part = part.slice(_leading(part.get_column("household_id"), before))
    if not part.height:
        return part
    last, end, step = part.item(-1, "household_id"), offset + length, 1_024
    while True:
        more = scan.slice(end, step).collect()
        if not more.height:
            return part
        rest = _leading(more.get_column("household_id"), last)
        part = pl.concat([part, more.slice(0, rest)], how="vertical")
        if rest < more.height:
            return part
        end, step = end + step, step * 2


def evaluate_part(part: Part, as_of: dt.date) -> int:
    """On a worker: read the part's households, evaluate them, write their output; the number of households."""
    import polars as pl

    from eligibility.api import evaluate_frames
    from eligibility.batchfile import ParquetSink
    from eligibility.frames import batches, grouped_by_household, persons_to_frames

    path = Path(part.path)
    table = pl.read_parquet(path) if part.length is None else aligned_rows(path, part.offset, part.length)
    if part.length is not None and not grouped_by_household(table.get_column("household_id")):
        raise ValueError(f"{path}: a household's rows are apart; sort the file by household_id for --scheduler")
    out = ParquetSink(part.out)
    try:
        persons, hh = persons_to_frames(table)
        for pchunk, hchunk in batches(persons, hh, CHUNK):
            out(evaluate_frames(pchunk, hchunk, as_of))
    finally:
        out.close()
    return out.households


def evaluate_distributed(source: Path, out: Path, as_of: dt.date, *, scheduler: Any, partitions: int = 8) -> int:
    """Screen ``source`` on a dask.distributed cluster into the directory ``out``; the number of households.

    ``scheduler`` is an address (``tcp://host:8786``) or a ``distributed.Client``.
    """
    distributed = _distributed()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.parquet"):
        old.unlink()
    parts = plan(Path(source), out, partitions)
    client = scheduler if isinstance(scheduler, distributed.Client) else distributed.Client(scheduler)
    try:
        futures = client.map(evaluate_part, parts, as_of=as_of, pure=False)
        return sum(client.gather(futures))
    finally:
        if client is not scheduler:
            client.close()
