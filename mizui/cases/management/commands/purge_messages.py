from __future__ import annotations

from mizui.accounts.commands import PerAuthorityTaskCommand
from mizui.cases.services.outbox import purge_ended_messages


class Command(PerAuthorityTaskCommand):
    help = (
        "Blank the address and text of every email and SMS written more than MESSAGE_KEEP_DAYS days ago and no "
        "longer waiting to be sent (the record of what was sent when stays); run it nightly (docs/deployment.md)."
    )
    task = purge_ended_messages
    done = "{n} messages emptied of their address and text"
