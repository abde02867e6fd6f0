"""POST /api/v1/screenings under load: gunicorn (4 workers, 2 cores) on loopback, a bounded client, req/s, p50/p99.

    python benchmarks/bench_api.py                      # SQLite in a temporary directory
    python benchmarks/bench_api.py --requests 3000 --concurrency 4
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python benchmarks/bench_api.py --postgres
    python benchmarks/bench_api.py --key                # with an authority key: each call also writes the tally

The script prepares its own database (migrated, one authority), starts gunicorn on 127.0.0.1 on a free port,
warms every worker up, then sends a fixed number of requests from `--concurrency` threads over keep-alive
connections, stopping early at `--time-limit`. Nothing leaves the machine. The rate limits are raised for
the run (they would stop a load test after 60 calls); the limiter itself still runs on every call.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
PATH = "/api/v1/screenings?lang=he"

# Settings for the run only, written next to the temporary database: production defaults otherwise.
BENCH_SETTINGS = """\
from mizui.settings import *  # noqa: F403

API_ANON_RATE = API_TOKEN_RATE = 10**9
ALLOWED_HOSTS = ["127.0.0.1"]
SECURE_SSL_REDIRECT = False
"""
POSTGRES_ROLE = """
import os

# The server connects as the owner but acts as the application role, so row-level security applies as in
# production; migrations (run first, without this variable) need the owner.
if os.environ.get("BENCH_AS_APP_ROLE"):
    DATABASES["default"]["OPTIONS"] = {"options": "-c role=" + DATABASE_APP_ROLE}  # noqa: F405
"""


def households() -> list[bytes]:
    """A few shapes of household (single, couple with children, pensioner, disabled renter), as bytes."""
    base = {"as_of": "2026-01-15", "authority": "ashdod"}
    adult = {"role": "applicant", "birth_date": "1985-04-01", "sex": "female", "employment": "employed"}
    shapes = [
        {**base, "members": [{**adult, "marital_status": "single", "income": {"work": 3100}}]},
        {
            **base,
            "members": [
                {**adult, "marital_status": "married", "income": {"work": 5200}},
                {"role": "partner", "birth_date": "1983-02-01", "sex": "male", "income": {"work": 0}},
                *({"role": "child", "birth_date": f"{y}-06-01"} for y in (2012, 2016, 2021)),
            ],
            "housing": {"tenure": "renter", "rent_monthly": 3800, "arnona_area_sqm": 80},
        },
        {
            **base,
            "members": [{"role": "applicant", "birth_date": "1951-09-01", "sex": "male", "marital_status": "widowed"}],
            "housing": {"tenure": "owner", "arnona_area_sqm": 65},
            "assets": {"car_value": 0, "financial_assets": 12000},
        },
        {
            **base,
            "members": [
                {**adult, "disability": {"medical_percent": 60, "incapacity_percent": 75}, "income": {"other": 900}}
            ],
            "housing": {"tenure": "renter", "rent_monthly": 2900, "arnona_area_sqm": 55},
        },
    ]
    return [json.dumps(h).encode() for h in shapes]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def manage(env: dict[str, str], *args: str) -> str:
    # S603: a fixed argv of this repository's own manage.py, no shell and no outside input.
    done = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def prepare(workdir: Path, postgres: bool) -> dict[str, str]:
    settings = BENCH_SETTINGS
    env = {**os.environ, "PYTHONPATH": f"{workdir}{os.pathsep}{ROOT}", "DJANGO_SETTINGS_MODULE": "bench_settings"}
    env.update({"SECRET_KEY": secrets.token_urlsafe(50), "DEBUG": "0", "SECURE_HSTS_SECONDS": "0"})
    # Production settings refuse to run without field-encryption keys (a migration encrypts a default).
    env.update({"FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(), "BLIND_INDEX_KEY": secrets.token_urlsafe(32)})
    if postgres:
        url = urlsplit(os.environ["DATABASE_URL"])
        import psycopg  # only needed here

        admin = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
        admin.execute("DROP DATABASE IF EXISTS mizui_bench WITH (FORCE)")
        admin.execute("CREATE DATABASE mizui_bench")
        admin.close()
        env["DATABASE_URL"] = urlunsplit(url._replace(path="/mizui_bench"))
        settings += POSTGRES_ROLE
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    (workdir / "bench_settings.py").write_text(settings)
    manage(env, "migrate", "--verbosity", "0")
    manage(
        env,
        "shell",
        "-c",
        "from mizui.accounts.models import Authority; "
        "Authority.objects.get_or_create(slug='ashdod', defaults={'name_he': 'אשדוד', 'name_en': 'Ashdod', 'cbs_code': 70})",
    )
    if postgres:
        env["BENCH_AS_APP_ROLE"] = "1"
    return env


def start_gunicorn(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    command = [GUNICORN, "mizui.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    command += ["--worker-class", "gthread", "--threads", str(threads), "--keep-alive", "30", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603  # our gunicorn, fixed argv, no shell
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start within 30 s")


class Client:
    """One keep-alive connection, reopened if the server closes it."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port = port
        self.headers = {"Content-Type": "application/json", **headers}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def post(self, body: bytes) -> int:
        for attempt in (1, 2):
            try:
                self.conn.request("POST", PATH, body=body, headers=self.headers)
                response = self.conn.getresponse()
                response.read()
                return response.status
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def run_load(
    port: int, *, total: int, concurrency: int, time_limit: float, headers: dict[str, str]
) -> dict[str, float]:
    bodies = households()
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    counter = iter(range(total))
    stop_at = time.monotonic() + time_limit

    def worker() -> None:
        client = Client(port, headers)
        while time.monotonic() < stop_at:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            started = time.perf_counter()
            status = client.post(bodies[n % len(bodies)])
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    failures.append(status)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "failures": len(failures),
        "seconds": wall,
        "per_second": len(ordered) / wall,
        "p50_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
    }


def create_key(env: dict[str, str]) -> str:
    out = manage(env, "create_api_token", "--authority", "ashdod", "--name", "benchmark", "--scopes", "screenings")
    return out.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4, help="client threads, each with one connection")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds; the run stops early after it")
    parser.add_argument("--workers", type=int, default=4, help="as docs/deployment.md runs it")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--postgres", action="store_true", help="use a fresh database on DATABASE_URL's server")
    parser.add_argument("--key", action="store_true", help="call with an authority key (tally writes)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mizui-bench-api-") as tmp:
        env = prepare(Path(tmp), args.postgres)
        headers = {"Authorization": f"Bearer {create_key(env)}"} if args.key else {}
        port = free_port()
        server = start_gunicorn(env, port, args.workers, args.threads)
        try:
            # Warm-up: every worker compiles the rules for the date once (about 0.2 s), not measured.
            run_load(
                port, total=10 * args.workers * args.threads, concurrency=args.workers, time_limit=30, headers=headers
            )
            result = run_load(
                port, total=args.requests, concurrency=args.concurrency, time_limit=args.time_limit, headers=headers
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    database = "PostgreSQL" if args.postgres else "SQLite"
    caller = "with a key (tally written)" if args.key else "anonymous"
    print(
        f"{database}, {caller}, gunicorn {args.workers} workers × {args.threads} thread(s), "
        f"{args.concurrency} client connections: {result['requests']:.0f} requests in {result['seconds']:.1f} s, "
        f"{result['failures']:.0f} not 200"
    )
    print(
        f"{result['per_second']:.0f} screenings/s · p50 {result['p50_ms']:.1f} ms · p99 {result['p99_ms']:.1f} ms "
        "(targets: ≥ 200/s, p99 ≤ 100 ms)"
    )
    if result["failures"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
