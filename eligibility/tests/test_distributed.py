"""`screen-batch --scheduler`: workers read, evaluate and write their own households; the same output as in process."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from eligibility.cli import main
from eligibility.distributed import aligned_rows, evaluate_distributed, plan, read_ranges
from eligibility.tests.test_batchfile import AS_OF, households_table

distributed = pytest.importorskip("distributed")


def test_read_ranges_are_whole_row_groups_of_at_least_the_size_asked():
    assert read_ranges([7, 7, 7, 7, 3], 10) == [(0, 14), (14, 14), (28, 3)]
    assert read_ranges([5, 5], 1) == [(0, 5), (5, 5)]
    assert read_ranges([], 10) == []


def test_aligned_parts_hold_each_household_once_whole(tmp_path):
    table = households_table(50)
    source = tmp_path / "in.parquet"
    table.write_parquet(source, row_group_size=5)
    parts = plan(source, tmp_path / "out", partitions=7)
    assert len(parts) == 7
    rows = [aligned_rows(source, p.offset, p.length) for p in parts if p.length is not None]
    assert pl.concat(rows).equals(table)
    firsts = [r.item(0, "household_id") for r in rows if r.height]
    assert len(firsts) == len(set(firsts))


def test_a_local_cluster_of_two_worker_processes_gives_the_plain_runs_output(tmp_path):
    table = households_table(80)
    source = tmp_path / "in.parquet"
    table.write_parquet(source, row_group_size=9)  # parts cut households; each worker completes its last one
    split = tmp_path / "split"
    split.mkdir()
    for i, ids in enumerate((["h0", "h1", "h2"], [f"h{i}" for i in range(3, 80)])):
        table.filter(pl.col("household_id").is_in(ids)).write_parquet(split / f"{i}.parquet")
    args = ["screen-batch", str(source), "--out", str(tmp_path / "plain.parquet"), "--as-of", AS_OF.isoformat()]
    assert main(args) == 0
    plain = pl.read_parquet(tmp_path / "plain.parquet")  # the plain run of the command
    assert plain.equals(evaluate(table))
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        for name, input_ in (("file", source), ("dataset", split)):
            out = tmp_path / f"out_{name}"
            assert evaluate_distributed(input_, out, AS_OF, scheduler=client, partitions=5) == 80
            parts = sorted(out.glob("part-*.parquet"))
            assert len(parts) == (5 if name == "file" else 2)
            assert pl.concat([pl.read_parquet(p) for p in parts]).equals(plain), name


def evaluate(table: pl.DataFrame) -> pl.DataFrame:
    from eligibility.api import evaluate as evaluate_in_process

    return evaluate_in_process(table, AS_OF)


def test_a_file_whose_households_are_apart_is_refused(tmp_path):
    table = households_table(20)
    table = table[[0, *range(2, table.height), 1]]
    source = tmp_path / "in.parquet"
    table.write_parquet(source)
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
        pytest.raises(ValueError, match="sort the file by household_id"),
    ):
        evaluate_distributed(source, tmp_path / "out", dt.date(2025, 3, 1), scheduler=client, partitions=1)
