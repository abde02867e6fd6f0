"""The outcomes dashboard on PostgreSQL at 1 M residents / 2 M ledger rows: refresh time, then p50/p95 per page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python benchmarks/bench_outcomes_dashboard.py
    ... --residents 1000000 --requests 100 --database mizui_bench_outcomes --write-docs

Like bench_cases.py (whose helpers it uses): its own database, filled by `manage.py generate_load` (reused on a
second run); then `refresh_outcomes` rebuilds the aggregate tables once (timed), and each page is requested with
Django's test Client as the center's manager, past MFA, DEBUG off, as the application role under row-level
security. `--write-docs` puts the figures in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_cases as base  # noqa: E402 (after the path is set)

SECTION = "## Outcomes dashboard"


def manager(authority: Any) -> Any:
    from mizui.accounts.models import Membership, Role, User
    from mizui.accounts.tenancy import tenant_context

    user, created = User.objects.get_or_create(
        email=f"load-manager@{authority.slug}.invalid", defaults={"full_name": "מנהלת בדיקת עומס"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    with tenant_context(authority):
        Membership.objects.get_or_create(user=user, authority=authority, defaults={"role": Role.MANAGER})
    return user


def run_pages(slug: str, runs: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    from django.test import Client
    from django.urls import reverse

    from mizui.accounts.models import Authority
    from mizui.accounts.tenancy import tenant_context
    from mizui.outcomes.models import LedgerFact
    from mizui.test import login

    authority = Authority.objects.get(slug=slug)
    with tenant_context(authority):
        sizes = {"facts": LedgerFact.objects.for_authority(authority).count()}
    client = Client()
    login(client, manager(authority), authority=authority)
    url = reverse("outcomes:dashboard")

    def get(query: str) -> Any:
        return lambda i: client.get(f"{url}{query}", secure=True)

    pages = [
        ("dashboard, last 12 months (default)", get("")),
        ("dashboard, 24 months", get("?start=2024-07&end=2026-06")),
        ("dashboard, one right (income support)", get("?program=income_support")),
        ("dashboard, one agency and one team member", get("?agency=nii&staff=1")),
    ]
    results = [base.measure(name, request, lambda r: b"<svg" in r.content, runs) for name, request in pages]
    return results, sizes


def report(results: list[dict[str, Any]], sizes: dict[str, int], refresh: str, command: str, runs: int) -> str:
    lines = [
        SECTION,
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on the project machine (2 cores; load average at the start",
        f"{os.getloadavg()[0]:.1f}), PostgreSQL 15, 1,000,000 residents and 2,000,000 ledger rows in one authority.",
        f"{refresh} The dashboard reads only the pre-aggregated tables ({sizes['facts']:,} ledger fact rows",
        f"for this authority), never the ledger. Each page: {runs} requests through Django's test Client, DEBUG off,",
        "logged in as a manager past MFA, as the application role under row-level security. Target: p95 ≤ 500 ms.",
        "",
        f"    {command}",
        "",
        "| page | p50 ms | p95 ms | max ms | queries |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {r['page']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.0f} | {r['queries']} |" for r in results]
    lines += [
        "",
        "Why it is fast: `manage.py refresh_outcomes` (a django-tasks task per authority, run nightly or hourly)",
        "rebuilds monthly facts by right, agency, channel and team member from the ledger, and the dashboard runs",
        "one grouped query per table over those few thousand rows, the same number of queries at any ledger size",
        "(`mizui/outcomes/tests/test_kpis.py` checks that).",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="mizui_bench_outcomes")
    parser.add_argument("--authority", default="bench")
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page")
    parser.add_argument("--write-docs", action="store_true", help="put the figures in docs/performance.md")
    parser.add_argument("--no-refresh", action="store_true", help="reuse the aggregate tables of an earlier run")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres")
    url = base.prepare_database(os.environ["DATABASE_URL"], args.database)
    base.setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("generate_load", residents=args.residents, authority=args.authority, stdout=base.Tee())
    base.act_as_app_role()
    from mizui.accounts.models import Authority
    from mizui.outcomes.tasks import refresh

    refresh_text = "The aggregate tables were reused from an earlier run (`--no-refresh`)."
    if not args.no_refresh:
        started = time.perf_counter()
        rows = refresh(Authority.objects.get(slug=args.authority))
        took = time.perf_counter() - started
        refresh_text = f"`refresh_outcomes` rebuilt the tables from {rows:,} ledger rows in {took:.0f} s."
    print(refresh_text)
    results, sizes = run_pages(args.authority, args.requests)
    command = "DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/bench_outcomes_dashboard.py"
    if args.residents != 1_000_000 or args.requests != 100:
        command += f" --residents {args.residents} --requests {args.requests}"
    section = report(results, sizes, refresh_text, command + " --write-docs", args.requests)
    print(section)
    if args.write_docs:
        docs = base.DOCS
        text = docs.read_text()
        start = text.find(SECTION)
        if start == -1:
            docs.write_text(text.rstrip("\n") + "\n\n" + section)
        else:
            end = text.find("\n## ", start + len(SECTION))
            docs.write_text(text[:start] + section + (text[end:] if end != -1 else ""))
        print(f"written to {docs.relative_to(base.ROOT)}")


if __name__ == "__main__":
    main()
