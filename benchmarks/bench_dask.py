"""`screen-batch --scheduler` against the plain run: wall time, the client's peak RSS, identical output.

    python benchmarks/bench_dask.py .bench/pop/pop_1000000.parquet --pairs 3

Starts a dask scheduler and one `dask worker` process with two single-thread worker processes on this machine
(each keeping the memory it frees, as the plain command does),
then alternates the plain command (`mizui screen-batch FILE --out F.parquet`) and the distributed one
(`--scheduler tcp://…`, OUT a directory of parts), each a fresh process; prints the wall time of each, the peak RSS
of the command (for the distributed run: the client only, the workers are separate processes) and checks that
the parts, read in order, equal the plain output.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl
from bench_vs_peer import timed  # the same whole-process timing

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", type=Path)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--as-of", default="2025-06-15")
    args = parser.parse_args()
    from distributed import Client

    address = f"tcp://127.0.0.1:{free_port()}"
    scheduler = subprocess.Popen(  # noqa: S603
        [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1]]
        + ["--no-dashboard"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # the workers keep freed memory for the next part, as `mizui screen-batch` does in process (eligibility/cli.py)
    env = {**os.environ, "_RJEM_MALLOC_CONF": "dirty_decay_ms:-1,muzzy_decay_ms:-1"}
    workers = subprocess.Popen(  # noqa: S603
        [str(BIN / "dask"), "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"]
        + ["--memory-limit", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        with Client(address, timeout=60) as client:  # type: ignore[no-untyped-call]
            client.wait_for_workers(2, timeout=120)
        with tempfile.TemporaryDirectory(dir=args.input.parent) as tmp:
            plain_out, parts_out = Path(tmp) / "plain.parquet", Path(tmp) / "parts"
            mizui = [str(BIN / "mizui"), "screen-batch", str(args.input), "--as-of", args.as_of]
            plain = [*mizui, "--out", str(plain_out)]
            dask = [*mizui, "--out", str(parts_out), "--scheduler", address, "--partitions", str(args.partitions)]
            overheads = []
            for pair in range(1, args.pairs + 1):
                plain_s, _, plain_gb = timed(plain)
                dask_s, _, client_gb = timed(dask)
                overheads.append(dask_s / plain_s)
                print(
                    f"pair {pair}: plain {plain_s:.2f} s ({plain_gb:.2f} GB peak RSS)  "
                    f"dask 2 worker processes {dask_s:.2f} s (client {client_gb:.2f} GB peak RSS)  "
                    f"dask/plain {overheads[-1]:.2f}"
                )
            parts = sorted(parts_out.glob("part-*.parquet"))
            same = pl.concat([pl.read_parquet(p) for p in parts]).equals(pl.read_parquet(plain_out))
            print(f"median dask/plain over {len(overheads)} pairs: {statistics.median(overheads):.2f}")
            print(f"{len(parts)} parts, read in order {'identical to' if same else 'DIFFERENT FROM'} the plain output")
    finally:
        workers.terminate()
        scheduler.terminate()
        workers.wait()
        scheduler.wait()


if __name__ == "__main__":
    main()
