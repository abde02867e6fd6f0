"""A batch screening run over an imported population on PostgreSQL, end to end in the app (as the app role).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python benchmarks/bench_outreach_batch.py \
        --residents 250000 --database h_outreach_bench

Imports `--residents` synthetic persons into a fresh authority (not timed), then times
`outreach.services.batch.execute_run`: reading and decrypting every person, one `eligibility.evaluate` call
over the whole frame, matching the ledger, and writing the households owed and their rights.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench_outreach_import import act_as_app_role, fresh_authority, prepare_database, setup, timed_import, write_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--residents", type=int, default=250_000)
    parser.add_argument("--database", default="h_outreach_bench")
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL server")
    setup(prepare_database(server, args.database))
    authority = fresh_authority()
    act_as_app_role()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "population.csv"
        write_file(path, args.residents)
        took, _result = timed_import(path, authority, "population")
        print(f"imported {args.residents:,} residents in {took:.1f} s (not part of the figure)")

    from mizui.accounts.tenancy import tenant_context
    from mizui.outreach.services import batch

    with tenant_context(authority):
        run = batch.start_run(None, authority=authority)
    started = time.perf_counter()
    batch.execute_run(run)
    took = time.perf_counter() - started
    print(
        f"batch run: {took:.1f} s for {run.persons:,} residents in {run.households:,} households; "
        f"{run.households_owed:,} households owed ₪{run.annual_total:,.0f} a year (estimates)"
    )


if __name__ == "__main__":
    main()
