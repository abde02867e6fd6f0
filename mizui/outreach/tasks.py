"""Background tasks (django-tasks, database backend): imports and batch screening runs, and taking up again a
job whose worker died (`recover`: run by `manage.py worker` at start and every JOB_LEASE_SECONDS / 2, by
`manage.py recover_jobs`, and at the start of each of these tasks).

Each task takes the authority's id first, because without a tenant the database shows no rows (row-level
security), and runs its job under a lease (services.leases): a task queued twice runs its job once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskException

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, Authority
from mizui.accounts.tenancy import tenant_context
from mizui.outreach.models import BatchRun, ImportStatus, RecordImport
from mizui.outreach.services import leases
from mizui.outreach.services.batch import execute_run, fail_run
from mizui.outreach.services.importer import fail_import, run_import
from mizui.outreach.services.leases import Job

logger = logging.getLogger(__name__)


@task()
def import_records(authority_id: int, import_id: int) -> dict[str, object]:
    _recover_quietly()
    authority = Authority.objects.get(pk=authority_id)
    with tenant_context(authority):
        item = RecordImport.objects.for_authority(authority).select_related("source", "authority").get(pk=import_id)
    holder = leases.claim(item)
    if holder is None:  # a live worker holds it, or it is finished
        return item.reconciliation()
    with leases.held(item, holder):
        try:
            # Each chunk renews the lease in its own transaction (and stops if another worker took it over).
            done = run_import(item, before_commit=lambda chunk_item, _rows: leases.renew(chunk_item, holder))
        except Exception as error:
            _fail(item, holder, fail_import, error)
            raise
    return done.reconciliation()


@task()
def screen_population(authority_id: int, run_id: int) -> int:
    _recover_quietly()
    authority = Authority.objects.get(pk=authority_id)
    with tenant_context(authority):
        run = BatchRun.objects.for_authority(authority).select_related("authority").get(pk=run_id)
    holder = leases.claim(run)
    if holder is None:
        return run.households_owed
    with leases.held(run, holder):
        try:
            execute_run(run, before_commit=lambda phase_run: leases.renew(phase_run, holder))
        except Exception as error:
            _fail(run, holder, fail_run, error)
            raise
    return run.households_owed


def _fail(job: Job, holder: str, fail: Callable[[Any, Exception], None], error: Exception) -> None:
    """Mark the job failed, unless another worker took it over (LeaseLost): then it is theirs to finish."""
    with tenant_context(job.authority):
        if leases.holds(job, holder):
            fail(job, error)


# What a person may start or take up again besides a stale job: an import not started yet, or failed (it
# continues from its last chunk). A batch run is started by creating a new one.
STARTABLE: dict[type[Job], frozenset[str]] = {
    RecordImport: frozenset({ImportStatus.PREVIEW, ImportStatus.FAILED}),
    BatchRun: frozenset(),
}


def _task_of(job: Job) -> Any:
    return import_records if isinstance(job, RecordImport) else screen_population


def enqueue(job: Job) -> Any:
    """Queue the task that runs the job (created or taken just now) and note the task's id on the job."""
    result = _task_of(job).enqueue(job.authority_id, job.pk)
    with tenant_context(job.authority):
        type(job).objects.filter(pk=job.pk).update(task_id=str(result.id))
    return result


def is_stale(job: Job) -> bool:
    """A job whose worker died: running with an expired lease, or queued with an expired lease while its task
    no longer waits in the queue (a worker started it and was lost before taking the job, or it is gone)."""
    now = timezone.now()
    if job.status not in leases.ACTIVE or not leases.expired(job, now):
        return False
    if job.status == ImportStatus.RUNNING or not job.task_id:
        return True
    try:
        result = _task_of(job).get_result(job.task_id)
    except (TaskException, NotImplementedError):  # not found, or a backend that keeps no results
        return True
    if result.status == TaskResultStatus.READY:  # waiting behind other jobs: alive
        return False
    started = result.started_at
    return result.status != TaskResultStatus.RUNNING or started is None or started < now - leases.lease()


def queue(job: Job) -> bool:
    """Queue a job a person starts or takes up again (an import not started or failed, or any stale job): True
    when this call queued it, False when it is alive, finished, or someone else just queued it."""
    model: Any = type(job)
    with tenant_context(job.authority):
        job = model.objects.select_related("authority").get(pk=job.pk)
        if job.status not in STARTABLE[type(job)] and not is_stale(job):
            return False
        if not leases.take(job):
            return False
        enqueue(job)
    return True


def recover() -> list[Job]:
    """Queue again every stale job of every active authority, each under its tenant; the jobs taken."""
    taken: list[Job] = []
    cutoff = timezone.now() - leases.lease()
    for authority in Authority.objects.filter(is_active=True).order_by("pk"):
        with tenant_context(authority):
            active = {"status__in": leases.ACTIVE}
            candidates: list[Job] = [
                *RecordImport.objects.for_authority(authority).filter(leases.expired_q(cutoff), **active),
                *BatchRun.objects.for_authority(authority).filter(leases.expired_q(cutoff), **active),
            ]
        for job in candidates:
            if queue(job):
                kind = "record_import" if isinstance(job, RecordImport) else "batch_run"
                with tenant_context(authority):
                    record(
                        actor=None, authority=authority, action=AccessAction.UPDATE, object_type=kind, object_id=job.pk
                    )
                logger.warning("took up %s again: its worker stopped renewing its lease", job)
                taken.append(job)
    return taken


def _recover_quietly() -> None:
    """The sweep at the start of a task: a failure there must not stop the task's own job."""
    try:
        recover()
    except Exception:
        logger.exception("the sweep for stale jobs failed")
