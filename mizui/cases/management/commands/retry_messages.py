from __future__ import annotations

from mizui.accounts.commands import PerAuthorityTaskCommand
from mizui.cases.services.outbox import requeue_stale_messages


class Command(PerAuthorityTaskCommand):
    help = (
        "Queue again every email and SMS whose try is overdue by 10 minutes (its task was lost: a worker killed "
        "mid-send); run it from cron every few minutes."
    )
    task = requeue_stale_messages
    done = "{n} messages queued again"
