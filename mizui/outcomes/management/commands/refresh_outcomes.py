from __future__ import annotations

from mizui.accounts.commands import PerAuthorityTaskCommand
from mizui.outcomes.tasks import refresh_outcomes


class Command(PerAuthorityTaskCommand):
    help = "Rebuild the pre-aggregated outcome tables (and the national cells) of each authority."
    task = refresh_outcomes
    done = "outcome tables rebuilt from {n} ledger rows"
