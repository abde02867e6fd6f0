"""Background job (django-tasks): rebuild an authority's outcome tables and publish its suppressed monthly
aggregates to the national tables. `manage.py refresh_outcomes [--enqueue]` runs it for every authority."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.outcomes.exchange import publish_local
from mizui.outcomes.models import LedgerFact
from mizui.outcomes.refresh import rebuild


def refresh(authority: Authority) -> int:
    """Rebuild and publish; returns the ledger rows read. Runs in the authority's tenant."""
    with tenant_context(authority):
        done = rebuild(authority)
        months = sorted(set(LedgerFact.objects.for_authority(authority).values_list("month", flat=True)))
        publish_local(authority, months, source=str(settings.SITE_ROOT))
    return done.ledger_rows


@task()
def refresh_outcomes(authority_id: int) -> int:
    return refresh(Authority.objects.get(pk=authority_id))
