from __future__ import annotations

from mizui.accounts.commands import PerAuthorityTaskCommand
from mizui.community.reminders import send_follow_ups


class Command(PerAuthorityTaskCommand):
    help = "Remind owners of forum commitments due within three days or overdue (once each), per active authority."
    task = send_follow_ups
    done = "{n} follow-ups sent"
