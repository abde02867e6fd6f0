"""manage.py worker [db_worker's options]: django-tasks' database worker, which also takes up jobs whose worker
died: it sweeps for them (`tasks.recover`) before its first task and every JOB_LEASE_SECONDS / 2 after."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import connections
from django_tasks_db.management.commands import db_worker

from mizui.accounts.checks import refuse_unsafe_production
from mizui.outreach import tasks

logger = logging.getLogger(__name__)


def _sweep() -> None:
    try:
        tasks.recover()
    except Exception:  # the next sweep tries again; the worker goes on running tasks
        logger.exception("the sweep for stale jobs failed")
    finally:
        connections.close_all()  # this thread's own


def _sweep_every(seconds: float, stop: threading.Event) -> None:
    while not stop.wait(seconds):
        _sweep()


class Command(db_worker.Command):
    help = (
        "Run background jobs (django-tasks' db_worker, same options), and take up again imports and batch runs "
        "whose worker died: before the first task and every JOB_LEASE_SECONDS / 2."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_unsafe_production()  # the worker sends the messages and touches the data the web app does
        _sweep()  # before the first task, so a worker restarted after a crash takes up what the crash left
        stop = threading.Event()
        sweeper = threading.Thread(
            target=_sweep_every, args=(settings.JOB_LEASE_SECONDS / 2, stop), name="job sweeper", daemon=True
        )
        sweeper.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
