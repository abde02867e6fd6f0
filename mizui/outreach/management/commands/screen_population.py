"""manage.py screen_population [--authority SLUG] [--enqueue]: batch-screen each authority's imported population."""

from __future__ import annotations

from mizui.accounts.commands import PerAuthorityTaskCommand
from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.outreach import tasks
from mizui.outreach.models import BatchRun
from mizui.outreach.services.batch import start_run
from mizui.outreach.tasks import screen_population


class _Task:
    """Adapts the run task to PerAuthorityTaskCommand: create the run, then call or enqueue it."""

    @staticmethod
    def _run(authority_id: int) -> BatchRun:
        authority = Authority.objects.get(pk=authority_id)
        with tenant_context(authority):
            return start_run(None, authority=authority)

    def call(self, authority_id: int) -> int:
        return int(screen_population.call(authority_id, self._run(authority_id).pk))

    def enqueue(self, authority_id: int) -> object:
        return tasks.enqueue(self._run(authority_id))


class Command(PerAuthorityTaskCommand):
    help = "Screen each active authority's imported population with eligibility.evaluate (a batch run)."
    task = _Task()
    done = "{n} households owed a right they do not receive"
