"""The ``mizui`` command: screen one household, screen a batch file, print the rights doc, the translation gaps or the
parameters due for their yearly update."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl

# Imports are made by the command that needs them: `mizui --help` or `rights-doc` need not load Polars or the
# rules, and `screen-batch` does not load what only one-household screening uses.


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _today() -> dt.date:
    from eligibility.household import today

    return today()


def _read_table(path: Path) -> pl.DataFrame:
    import polars as pl

    if path.suffix == ".parquet":
        return pl.read_parquet(path)
    if path.suffix == ".csv":
        return pl.read_csv(path, infer_schema_length=10_000, schema_overrides={"household_id": pl.String})
    raise SystemExit(f"unsupported input {path} (use .csv or .parquet)")


def _progress(done: int, total: int, started: float, unit: str = "households") -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    rate = done / max(time.perf_counter() - started, 1e-9)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} {unit} ({rate:,.0f}/s)")
    sys.stderr.flush()


def cmd_screen(args: argparse.Namespace) -> int:
    from eligibility.api import screen
    from eligibility.household import HouseholdError

    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    try:
        result = screen(json.loads(text), as_of=args.as_of, lang=args.lang)
    except HouseholdError as exc:
        print(json.dumps({"errors": exc.errors}, ensure_ascii=False, indent=2))
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def cmd_screen_batch(args: argparse.Namespace) -> int:
    # Polars allocates through jemalloc, which by default hands freed pages back to the system within seconds and
    # takes them again (page faults) for the next chunk: on 10 M persons that was a quarter of the wall time. A
    # batch run keeps them for the next chunk instead (peak RSS +0.2 GB). Read when Polars loads, so only a
    # `mizui screen-batch` process gets it; an explicit _RJEM_MALLOC_CONF wins.
    os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:-1,muzzy_decay_ms:-1")
    as_of = args.as_of or _today()
    path = Path(args.input)
    if args.scheduler:
        from eligibility.distributed import evaluate_distributed

        households = evaluate_distributed(
            path, Path(args.out), as_of, scheduler=args.scheduler, partitions=args.partitions
        )
        print(f"{households:,} households → {args.out}/part-*.parquet", file=sys.stderr)
        return 0
    if path.suffix in (".parquet", ".csv") and _stream(path, as_of, args):
        return 0
    from eligibility.api import evaluate_chunks
    from eligibility.batchfile import ParquetSink
    from eligibility.frames import persons_to_frames

    persons, hh = persons_to_frames(_read_table(path))
    total, started = hh.height, time.perf_counter()
    out = ParquetSink(args.out)
    try:
        for chunk in evaluate_chunks((persons, hh), as_of, size=args.chunk):
            out(chunk)
            _progress(out.households, total, started)
    finally:
        out.close()
    sys.stderr.write("\n")
    return 0


def _stream(path: Path, as_of: dt.date, args: argparse.Namespace) -> bool:
    """Screen a Parquet or CSV file in household-aligned chunks; False (nothing kept) if it is empty or not grouped by
    household."""
    from eligibility.batchfile import ParquetSink, persons_in, screen_file

    total, done, started = persons_in(path), 0, time.perf_counter()
    if not total:
        return False  # an empty file: the whole-file path writes its empty output with the columns

    def progress(persons: int) -> None:
        nonlocal done
        done += persons
        _progress(done, total, started, "persons")

    out = ParquetSink(args.out)
    try:
        grouped = screen_file(path, as_of, out, households=args.chunk, progress=progress)
    finally:
        out.close()
    sys.stderr.write("\n")
    if not grouped:
        print(f"{path}: a household's rows are apart; reading the whole file instead", file=sys.stderr)
    return grouped


def cmd_rights_doc(args: argparse.Namespace) -> int:
    from eligibility.docs import rights_markdown

    sys.stdout.write(rights_markdown(args.as_of or _today()))
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    from eligibility.translations import report

    print(report())
    return 0


def cmd_rules_freshness(args: argparse.Namespace) -> int:
    from eligibility.freshness import as_rows, stale_parameters
    from eligibility.parameters import PARAMETERS_DIR

    as_of = args.as_of or _today()
    stale = stale_parameters(as_of, args.parameters or PARAMETERS_DIR)
    print("\n".join(as_rows(s for s in stale if s.update == "yearly" or not args.yearly)))
    due = [s for s in stale if s.due]
    yearly = sum(s.update == "yearly" for s in stale)
    print(
        f"{len(stale)} parameters have no value dated {as_of.year} ({yearly} of them updated yearly); "
        f"{len(due)} official yearly parameters lack their {as_of.year} value",
        file=sys.stderr,
    )
    for s in due:
        print(f"due: {s.name} (newest {s.newest.isoformat()}, {s.file})", file=sys.stderr)
    return 1 if due else 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="mizui", description="Mizui rules: Israeli social rights as code")
    sub = top.add_subparsers(dest="command", required=True)
    one = sub.add_parser("screen", help="screen one household JSON (contract v1); prints result JSON v1")
    one.add_argument("file", help="household JSON file, or - for standard input")
    one.add_argument("--as-of", type=_date, default=None, help="legal date (default: the household's, then today)")
    one.add_argument("--lang", default="he", choices=["he", "ar", "ru", "en"])
    one.set_defaults(run=cmd_screen)
    batch = sub.add_parser("screen-batch", help="screen a CSV/Parquet of persons (docs/household.md) into Parquet")
    batch.add_argument("input")
    batch.add_argument("--out", required=True, help="output Parquet file (with --scheduler: a directory of parts)")
    batch.add_argument("--as-of", type=_date, default=None)
    batch.add_argument(
        "--scheduler",
        default=None,
        help="dask.distributed scheduler address (tcp://host:8786); INPUT is then one Parquet file grouped by household or a directory of Parquet files each holding whole households",
    )
    batch.add_argument("--partitions", type=int, default=8, help="parts of a single input file when using --scheduler")
    batch.add_argument("--chunk", type=int, default=200_000, help="households per in-process chunk")
    batch.set_defaults(run=cmd_screen_batch)
    doc = sub.add_parser("rights-doc", help="print docs/rights.md generated from the catalogue")
    doc.add_argument("--as-of", type=_date, default=None)
    doc.set_defaults(run=cmd_rights_doc)
    fresh = sub.add_parser(
        "rules-freshness",
        help="list the parameters whose newest value is older than the year of --as-of (tab-separated); exit 1 when "
        "an official yearly parameter has no value for that year",
    )
    fresh.add_argument("--as-of", type=_date, default=None, help="the date whose year is checked (default: today)")
    fresh.add_argument("--yearly", action="store_true", help="list only the parameters updated yearly")
    fresh.add_argument("--parameters", type=Path, default=None, help="a parameter tree (default: the package's)")
    fresh.set_defaults(run=cmd_rules_freshness)
    tr = sub.add_parser("translations-report", help="list texts still missing in ar/ru/en")
    tr.set_defaults(run=cmd_translations)
    return top


def main(argv: list[str] | None = None) -> int:
    args: Any = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
