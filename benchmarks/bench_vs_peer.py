"""Mizui's `screen-batch` against a one-right OpenFisca-core peer, whole processes, alternating runs.

    python benchmarks/bench_vs_peer.py --peer-dir PEERS --persons 1000000 --pairs 5

PEERS holds the peer (``peer_batch.py``, income support alone in OpenFisca-core 46) and the population generator
(``gen_pop.py``); they are run as programs, never imported. The generator writes the same population twice, as
the peer's arrays (``pop_N.npz``) and as Mizui's persons table (``pop_N.parquet``), into ``--data`` (default
``.bench/pop``, outside git). Each pair runs the peer, then Mizui (all rights), each as a fresh process from
start-up to exit; the ratio is Mizui's persons per second over the peer's (above 1: Mizui is faster). The machine
is shared, so the figure to quote is the median ratio of the pairs, not either side's best time.

Mizui is installed in editable mode, and where ``PYTHONDONTWRITEBYTECODE`` is set (this machine sets it) its ~350
modules would be compiled from source at every start (≈ 0.1–0.3 s), while the peer's installed package has its
bytecode from ``pip install``. The benchmark compiles Mizui's packages once before the pairs, as an install would.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (GB) of one process run to its end."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command[0]} … exited with {process.returncode}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peer-dir", type=Path, required=True, help="directory of peer_batch.py and gen_pop.py")
    parser.add_argument(
        "--peer-python", default=str(ROOT / ".bench/ofvenv/bin/python"), help="Python with openfisca-core"
    )
    parser.add_argument("--data", type=Path, default=ROOT / ".bench/pop")
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()
    npz, parquet = args.data / f"pop_{args.persons}.npz", args.data / f"pop_{args.persons}.parquet"
    if not (npz.exists() and parquet.exists()):
        args.data.mkdir(parents=True, exist_ok=True)
        generate = [sys.executable, str(args.peer_dir / "gen_pop.py"), str(args.persons), str(args.data)]
        subprocess.run(generate, check=True)  # noqa: S603
    peer = [args.peer_python, str(args.peer_dir / "peer_batch.py"), str(npz)]
    mizui = [str(Path(sys.executable).with_name("mizui")), "screen-batch", str(parquet)]
    mizui += ["--out", str(args.data / "bench_out.parquet"), "--as-of", "2025-06-15"]
    for package in ("eligibility", "mizui"):
        compileall.compile_dir(ROOT / package, quiet=2)
    ratios = []
    print(f"{args.persons:,} persons; peer = one right (income support), Mizui = every right in the catalogue")
    for pair in range(1, args.pairs + 1):
        peer_s, peer_cpu, peer_gb = timed(peer)
        mizui_s, mizui_cpu, mizui_gb = timed(mizui)
        ratios.append(peer_s / mizui_s)
        print(
            f"pair {pair}: peer {peer_s:.2f} s, CPU {peer_cpu:.2f} s ({args.persons / peer_s:,.0f} persons/s, "
            f"{peer_gb:.2f} GB)  mizui {mizui_s:.2f} s, CPU {mizui_cpu:.2f} s ({args.persons / mizui_s:,.0f} "
            f"persons/s, {mizui_gb:.2f} GB)  "
            f"ratio {ratios[-1]:.2f}"
        )
    print(f"median ratio (Mizui persons/s ÷ peer persons/s) over {len(ratios)} pairs: {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
