"""Leases on background jobs (imports, batch runs), so that a job whose worker died is taken up again.

A worker takes a job with `claim` and holds it while it runs (`held`). Each chunk renews the lease inside its own
transaction (`renew`, which also stops a worker that lost the job to another), and a heartbeat thread renews it
at least every JOB_LEASE_SECONDS / 4 through the long steps that have no chunks. A job whose lease is older than
JOB_LEASE_SECONDS was left by a worker that was killed or lost its machine: it is stale, and `tasks.recover`
queues it again. Every change of hands is one conditional UPDATE, so of two workers or sweeps only one takes a job.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Q, QuerySet
from django.utils import timezone

from mizui.accounts.tenancy import tenant_context
from mizui.outreach.models import BatchRun, RecordImport

logger = logging.getLogger(__name__)

Job = RecordImport | BatchRun
ACTIVE = ("queued", "running")  # the same values in ImportStatus and RunStatus


class LeaseLost(RuntimeError):
    """Another worker took the job over: this one was presumed dead, and must stop without writing."""


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.JOB_LEASE_SECONDS)


def last_seen(job: Job) -> dt.datetime:
    """When the job last showed it was alive: its last renewal, or when it was queued or created."""
    return job.heartbeat_at or job.created_at


def expired(job: Job, now: dt.datetime | None = None) -> bool:
    return last_seen(job) < (now or timezone.now()) - lease()


def expired_q(cutoff: dt.datetime) -> Q:
    """`expired` as a filter: last seen before `cutoff`."""
    return Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at=None, created_at__lt=cutoff)


def _row(job: Job) -> QuerySet[Any]:
    model: Any = type(job)
    return model.objects.filter(pk=job.pk)  # type: ignore[no-any-return]


def new_holder() -> str:
    """A name for one run of a job: the machine and process (for the operator) and a token (for uniqueness)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(6)}"


def claim(job: Job) -> str | None:
    """Take the job to run it now: queued, or running under a lease nobody holds or that expired; it is running
    from here on (no longer waiting). The holder's name, or None when a live worker holds it or it is finished (a
    task queued twice runs once)."""
    holder, now = new_holder(), timezone.now()
    with tenant_context(job.authority):
        free = Q(worker="") | expired_q(now - lease())
        taken = _row(job).filter(free, status__in=ACTIVE).update(worker=holder, heartbeat_at=now, status="running")
    return holder if taken else None


def renew(job: Job, holder: str) -> None:
    """Renew the lease inside the caller's tenant transaction, or raise LeaseLost. The UPDATE keeps the row
    locked until that transaction ends, so a takeover waits for the chunk being written, then wins."""
    if not _row(job).filter(worker=holder).update(heartbeat_at=timezone.now()):
        raise LeaseLost(f"{job} was taken over by another worker")


def holds(job: Job, holder: str) -> bool:
    """Whether `holder` still holds the job, locking its row for the rest of the caller's transaction."""
    return bool(_row(job).select_for_update().filter(worker=holder).exists())


def take(job: Job) -> bool:
    """Mark the job queued for a new task, provided it is still exactly as the caller read it (its status and
    lease compared and set in one UPDATE): of two sweeps, or of a sweep and a person, only one takes it."""
    seen = _row(job).filter(status=job.status, worker=job.worker, heartbeat_at=job.heartbeat_at, task_id=job.task_id)
    return bool(seen.update(status="queued", worker="", heartbeat_at=timezone.now(), task_id=""))


def release(job: Job, holder: str) -> None:
    try:
        with tenant_context(job.authority):
            _row(job).filter(worker=holder).update(worker="")
    except DatabaseError:  # the lease then expires by itself
        logger.warning("could not release the lease on %s", job, exc_info=True)


class _Heartbeat(threading.Thread):
    """Renews the lease while the job's own thread is in a long step (reading the population, the rules)."""

    def __init__(self, job: Job, holder: str) -> None:
        super().__init__(name=f"lease of {job}", daemon=True)
        self.job, self.holder = job, holder
        self.done = threading.Event()

    def run(self) -> None:
        try:
            while not self.done.wait(settings.JOB_LEASE_SECONDS / 4):
                try:
                    with tenant_context(self.job.authority):
                        renew(self.job, self.holder)
                except LeaseLost:
                    return  # the job's thread finds out at its next chunk
                except DatabaseError:  # a lock or a lost connection: the next beat tries again
                    logger.warning("could not renew the lease on %s", self.job, exc_info=True)
        finally:
            connections.close_all()  # this thread's own connections


@contextmanager
def held(job: Job, holder: str) -> Iterator[None]:
    """Keep the lease alive while the block runs (a heartbeat thread), and give it up after."""
    beat = _Heartbeat(job, holder)
    beat.start()
    try:
        yield
    finally:
        beat.done.set()
        # Not forever: inside a caller's transaction (the immediate backend) a beat would wait on our own lock.
        beat.join(timeout=5)
        release(job, holder)
