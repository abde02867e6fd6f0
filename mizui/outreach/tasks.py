"""Background tasks (django-tasks, database backend): imports and batch screening runs.

Each takes the authority's id first, because without a tenant the database shows no rows (row-level security).
"""

from __future__ import annotations

from django_tasks import task

from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.outreach.models import BatchRun, RecordImport
from mizui.outreach.services.batch import execute_run, fail_run
from mizui.outreach.services.importer import fail_import, run_import


@task()
def import_records(authority_id: int, import_id: int) -> dict[str, object]:
    authority = Authority.objects.get(pk=authority_id)
    with tenant_context(authority):
        item = RecordImport.objects.for_authority(authority).select_related("source", "authority").get(pk=import_id)
    try:
        done = run_import(item)
    except Exception as error:
        fail_import(item, error)
        raise
    return done.reconciliation()


@task()
def screen_population(authority_id: int, run_id: int) -> int:
    authority = Authority.objects.get(pk=authority_id)
    with tenant_context(authority):
        run = BatchRun.objects.for_authority(authority).select_related("authority").get(pk=run_id)
    try:
        execute_run(run)
    except Exception as error:
        fail_run(run, error)
        raise
    return run.households_owed
