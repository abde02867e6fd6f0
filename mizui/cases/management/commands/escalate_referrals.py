from __future__ import annotations

from mizui.accounts.commands import PerAuthorityTaskCommand
from mizui.cases.services.referrals import escalate_overdue_referrals


class Command(PerAuthorityTaskCommand):
    help = "Give the case owner a task for each referral its partner did not answer within the partner's SLA (once)."
    task = escalate_overdue_referrals
    done = "{n} overdue referrals escalated"
