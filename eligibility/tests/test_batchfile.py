"""`mizui screen-batch` on Parquet: read in household-aligned chunks, the same answers as the whole table at once."""

from __future__ import annotations

import datetime as dt

import polars as pl

from eligibility.api import evaluate
from eligibility.batchfile import household_chunks
from eligibility.cli import main

AS_OF = dt.date(2025, 3, 1)


def households_table(n: int) -> pl.DataFrame:
    """``n`` households of 1 to 4 persons, incomes varying, one row per person."""
    rows = []
    for i in range(n):
        rows.append(
            {
                "household_id": f"h{i}",
                "role": "applicant",
                "birth_date": dt.date(1950 + i % 50, 1, 1),
                "sex": "female" if i % 2 else "male",
                "marital_status": "divorced",
                "resident_since": dt.date(1990, 1, 1),
                "employment": "employed",
                "income_work": 900.0 * (i % 9),
                "receives": "income_support" if i % 11 == 0 else ("" if i % 3 else None),
                "tenure": "renter",
                "arnona_area_sqm": 70.0,
                "authority": "netanya" if i % 4 else "ashdod",
            }
        )
        for k in range(i % 4):
            rows.append({"household_id": f"h{i}", "role": "child", "birth_date": dt.date(2010 + k, 1, 1)})
    return pl.DataFrame(rows)


def screen_file(tmp_path, table: pl.DataFrame, chunk: int) -> pl.DataFrame:
    source = tmp_path / "in.parquet"
    table.write_parquet(source, row_group_size=7)  # households cross row-group boundaries
    args = ["screen-batch", str(source), "--out", str(tmp_path / "out.parquet"), "--as-of", AS_OF.isoformat()]
    assert main([*args, "--chunk", str(chunk)]) == 0
    return pl.read_parquet(tmp_path / "out.parquet")


def test_chunks_hold_whole_households_as_many_as_asked_and_together_are_the_file(tmp_path):
    table = households_table(40)
    table.write_parquet(tmp_path / "in.parquet", row_group_size=7)
    chunks = list(household_chunks(tmp_path / "in.parquet", households=6))
    assert pl.concat(chunks).equals(table)
    ids = [set(c.get_column("household_id")) for c in chunks]
    assert [len(i) for i in ids] == [6, 6, 6, 6, 6, 6, 4]
    assert all(not (a & b) for i, a in enumerate(ids) for b in ids[i + 1 :])  # no household in two chunks


def test_a_grouped_file_streams_to_the_same_answers_as_the_whole_table(tmp_path):
    table = households_table(60)
    out = screen_file(tmp_path, table, chunk=5)
    assert out.equals(evaluate(table, AS_OF))
    assert out.height == 60


def test_a_file_whose_households_are_apart_gives_the_same_answers_read_whole(tmp_path, capsys):
    table = households_table(30)
    table = table[[0, *range(2, table.height), 1]]  # h1's applicant moves to the end, apart from h1's child
    out = screen_file(tmp_path, table, chunk=4)
    assert "reading the whole file instead" in capsys.readouterr().err
    assert out.equals(evaluate(table, AS_OF))
    assert out.height == 30


def test_it_says_how_to_install_dask_when_scheduling_without_it(tmp_path):
    import subprocess
    import sys

    households_table(2).write_parquet(tmp_path / "in.parquet")
    script = (
        "import sys; sys.modules['distributed'] = None  # as if the dask extra were not installed\n"
        "from eligibility.cli import main\n"
        f"main(['screen-batch', {str(tmp_path / 'in.parquet')!r}, '--out', {str(tmp_path / 'out')!r},"
        " '--scheduler', 'tcp://127.0.0.1:1'])"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)  # noqa: S603
    assert done.returncode == 1
    assert 'pip install "mizui[dask]"' in done.stderr


def test_an_empty_file_gives_an_empty_output_with_every_column(tmp_path):
    out = screen_file(tmp_path, households_table(3).clear(), chunk=5)
    assert out.height == 0
    assert out.schema == evaluate(households_table(3), AS_OF).schema


def test_a_csv_file_streams_to_the_same_answers_as_read_whole(tmp_path):
    table = households_table(45)
    table.write_csv(tmp_path / "in.csv")
    args = ["screen-batch", str(tmp_path / "in.csv"), "--out", str(tmp_path / "out.parquet"), "--as-of", "2025-03-01"]
    assert main([*args, "--chunk", "4"]) == 0
    whole = pl.read_csv(tmp_path / "in.csv", infer_schema_length=10_000, schema_overrides={"household_id": pl.String})
    assert pl.read_parquet(tmp_path / "out.parquet").equals(evaluate(whole, AS_OF))
