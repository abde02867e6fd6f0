from __future__ import annotations

from mizui.accounts.commands import PerAuthorityTaskCommand
from mizui.cases.reminders import send_due_reminders


class Command(PerAuthorityTaskCommand):
    help = "Send today's reminders (tasks, appeal windows, missing documents, renewals) of every active authority."
    task = send_due_reminders
    done = "{n} reminders sent"
