"""The lease of a background job (an import, a batch run): who runs it and when it last showed it was alive."""

from __future__ import annotations

from django.db import models


class Leased(models.Model):
    """A job's worker renews `heartbeat_at` as it goes; a lease older than JOB_LEASE_SECONDS means the worker died,
    and the job is taken up again (services.leases, tasks.recover)."""

    # Who holds the lease ("host:pid:token"); empty while the job waits in the queue or nobody runs it.
    worker = models.CharField(max_length=100, blank=True, default="")
    # When it was queued, then each renewal by its worker; empty before the job was first queued.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The id of the django-tasks result that runs it: a queued job whose task no longer waits is stale.
    task_id = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        abstract = True
