"""Four workers share one limit: the count lives in Redis or in the database, never in one process's memory."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test import TestCase, override_settings

from mizui.accounts.ratelimit import allow

ROOT = Path(__file__).resolve().parents[3]
WORKER = """
import os, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mizui.settings")
django.setup()
from mizui.accounts.ratelimit import allow
print(sum(allow(sys.argv[1], "one-client", limit=60, window=3600)[0] for _ in range(int(sys.argv[2]))))
"""
REDIS_URL = os.environ.get("MIZUI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def four_workers(env: dict[str, str], scope: str) -> list[int]:
    """Four processes, as gunicorn's four workers, each sending 50 requests of one client (200 in all)."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    base.update({"DEBUG": "1", "MIZUI_PROCESS": "web", **env})
    workers = [
        subprocess.Popen(  # noqa: S603  (our own interpreter and code)
            [sys.executable, "-c", WORKER, scope, "50"], cwd=ROOT, env=base, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    return [int(w.communicate(timeout=120)[0].strip()) for w in workers]


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


class SharedLimitTests(TestCase):
    def test_the_database_counts_one_window_for_every_caller(self) -> None:
        scope = f"t-{uuid.uuid4().hex}"
        results = [allow(scope, "k", limit=3, window=60) for _ in range(5)]
        self.assertEqual([ok for ok, _ in results], [True, True, True, False, False])
        self.assertTrue(all(1 <= retry <= 61 for ok, retry in results if not ok))
        self.assertEqual(allow(scope, "another-client", limit=3, window=60)[0], True)

    def test_old_hits_are_swept_when_the_process_sweep_is_due(self) -> None:
        import datetime as dt

        from django.utils import timezone

        from mizui.accounts import ratelimit
        from mizui.accounts.models import RateLimitHit

        old = RateLimitHit.objects.create(key="t-old:k", at=timezone.now() - dt.timedelta(hours=3))
        recent = RateLimitHit.objects.create(key="t-old:k", at=timezone.now() - dt.timedelta(minutes=30))
        allow(f"t-{uuid.uuid4().hex}", "k", limit=5, window=60)  # not due yet: nothing swept
        self.assertTrue(RateLimitHit.objects.filter(pk=old.pk).exists())
        ratelimit._next_sweep[0] = 0.0
        allow(f"t-{uuid.uuid4().hex}", "k", limit=5, window=60)
        self.assertFalse(RateLimitHit.objects.filter(pk=old.pk).exists())
        self.assertTrue(RateLimitHit.objects.filter(pk=recent.pk).exists())
        self.assertGreater(ratelimit._next_sweep[0], 0.0)

    def test_four_workers_share_one_limit_in_redis(self) -> None:
        if not redis_answers():
            if os.environ.get("CI") == "true":
                self.fail(f"CI=true but Redis does not answer at {REDIS_URL} (MIZUI_TEST_REDIS_URL)")
            pytest.skip(f"Redis does not answer at {REDIS_URL}; set MIZUI_TEST_REDIS_URL to run this test")
        allowed = four_workers({"REDIS_URL": REDIS_URL}, f"t-{uuid.uuid4().hex}")
        self.assertEqual(sum(allowed), 60, allowed)  # not 4 × 60

    @override_settings(REDIS_URL=REDIS_URL)
    def test_with_redis_it_counts_there(self) -> None:
        if not redis_answers():
            pytest.skip(f"Redis does not answer at {REDIS_URL}")
        scope = f"t-{uuid.uuid4().hex}"
        self.assertEqual([allow(scope, "k", limit=2, window=60)[0] for _ in range(3)], [True, True, False])


class RedisDownTests(TestCase):
    @override_settings(REDIS_URL="redis://127.0.0.1:1/0")  # nothing listens there
    def test_a_redis_that_does_not_answer_leaves_the_count_to_the_database(self) -> None:
        scope = f"t-{uuid.uuid4().hex}"
        with self.assertLogs("mizui.accounts.ratelimit", "WARNING"):
            results = [allow(scope, "k", limit=2, window=60)[0] for _ in range(3)]
        self.assertEqual(results, [True, True, False])


@pytest.mark.postgres
class SharedLimitInPostgresTests(TestCase):
    def setUp(self) -> None:
        if connection.vendor != "postgresql":
            pytest.skip("processes share the database only on PostgreSQL; this run's SQLite database is in memory")

    def test_four_workers_share_one_limit_in_the_database(self) -> None:
        s = connection.settings_dict
        url = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        allowed = four_workers({"DATABASE_URL": url}, f"t-{uuid.uuid4().hex}")
        # Rows are only inserted, so two workers counting at the same instant may both pass: at most one extra
        # each, never the 4 × 60 of counters kept in each process.
        self.assertGreaterEqual(sum(allowed), 60, allowed)
        self.assertLessEqual(sum(allowed), 63, allowed)
