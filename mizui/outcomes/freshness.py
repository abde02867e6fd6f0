"""Numbers without a command: a change to the rows the outcome tables count (the ledger, inquiries, referrals,
barriers, a case's screenings) schedules one rebuild of that authority's tables as a background task
(`tasks.refresh_outcomes`), which the worker `make run` starts takes up within seconds.

Changes coalesce: while a rebuild waits for the worker, further changes add nothing (the waiting one will read them);
a change during a rebuild schedules the next. The rebuild waits OUTCOMES_REFRESH_DELAY seconds, so a burst of edits
(a caseworker moving several rights) costs one rebuild. Scheduled when the change commits, never for a rollback.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mizui.cases.models import Barrier, CaseScreening, Entitlement, Inquiry, Referral

COUNTED = (Entitlement, Inquiry, Referral, Barrier, CaseScreening)


def _task_path() -> str:
    from mizui.outcomes.tasks import refresh_outcomes

    return refresh_outcomes.module_path


def waiting(authority_id: int) -> bool:
    """Whether a rebuild of this authority's tables is scheduled and not yet started."""
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=_task_path(), args_kwargs__args=[authority_id]
    ).exists()


def schedule(authority_id: int) -> None:
    """One rebuild of the authority's tables, unless one is already waiting."""
    from mizui.outcomes.tasks import refresh_outcomes

    if waiting(authority_id):
        return
    task = refresh_outcomes
    if (
        task.get_backend().supports_defer
    ):  # a backend that runs tasks at once (tests, a demo without a worker) cannot wait
        task = task.using(run_after=timezone.now() + dt.timedelta(seconds=settings.OUTCOMES_REFRESH_DELAY))
    task.enqueue(authority_id)


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    authority_id = getattr(instance, "authority_id", None)
    if authority_id is not None and not kwargs.get("raw"):
        transaction.on_commit(lambda: schedule(authority_id))


def connect() -> None:
    for model in COUNTED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"outcomes-fresh-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"outcomes-fresh-delete-{model.__name__}")
