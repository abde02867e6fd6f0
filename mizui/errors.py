"""What a person sees when the server fails: a page in their language with the request's id, never a bare
"Internal Server Error", and a health check that answers in time whatever the database does.

- A query stopped by PostgreSQL's `lock_timeout` or `statement_timeout` (settings.py: short for web requests,
  long for jobs) is a moment of overload, not a bug: 503 "try again in a minute", with Retry-After.
- Anything else is a 500. Both pages say that nothing was saved (the request's transaction was rolled back) and
  give the request id, which is in the log line of the failure, so a caseworker's report can be found.
- The pages are rendered without the database (no context processors), so they work when it does not.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger("mizui.errors")

# SQLSTATEs of a query PostgreSQL stopped: 55P03 lock_not_available (lock_timeout), 57014 query_canceled
# (statement_timeout).
BUSY_SQLSTATES = {"55P03", "57014"}
HEALTH_DEADLINE_SECONDS = 1.5


def database_busy(error: BaseException | None) -> bool:
    while error is not None:
        if getattr(error, "sqlstate", None) in BUSY_SQLSTATES:
            return True
        error = error.__cause__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: Django calls it while handling the exception, so `sys.exc_info()` names what went wrong."""
    error = sys.exc_info()[1]
    busy = database_busy(error)
    request_id = getattr(request, "request_id", "")
    logger.error("request %s failed: %s", request_id, type(error).__name__ if error else "unknown")
    status = 503 if busy else 500
    if busy:
        heading = _("המערכת עמוסה כרגע")
        text = _("הפעולה לא נשמרה. נסו שוב בעוד דקה; מה שכבר נשמר לפני כן לא אבד.")
    else:
        heading = _("משהו השתבש אצלנו")
        text = _("הפעולה לא נשמרה. נסו שוב בעוד רגע; אם זה חוזר, פנו למרכז ומסרו את מספר הפנייה.")
    html = render_to_string(
        "error.html",
        {
            "heading": heading,
            "text": text,
            "request_id": request_id,
            "LANGUAGE_CODE": translation.get_language() or settings.LANGUAGE_CODE,
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        },
    )
    response = HttpResponse(html, status=status)
    if busy:
        response["Retry-After"] = "30"
    if request_id:
        response["X-Request-Id"] = request_id
    response["Cache-Control"] = "no-store"
    return response


def _check() -> str:
    """Whether the database answers a query on a real table (so a lock or a stalled server shows): "ok" or why not."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                ms = int(HEALTH_DEADLINE_SECONDS * 1000)
                cursor.execute(f"SET LOCAL statement_timeout = {ms}; SET LOCAL lock_timeout = {ms}")
            cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
            cursor.fetchone()
        return "ok"
    except OperationalError as error:
        return "timeout" if database_busy(error) else "error"
    except Exception:
        return "error"


def _in_own_thread() -> str:
    try:
        return _check()
    finally:
        connection.close()  # this thread's own connection


def healthz(request: HttpRequest) -> HttpResponse:
    """Within two seconds, whether the database answered: 200 when it did, 503 when not."""
    started = time.monotonic()
    if connection.vendor != "postgresql":
        database = _check()  # SQLite (the demo) is a local file: nothing to wait for over a network
    else:
        # In a thread of its own with a deadline: a server that does not even accept the connection cannot
        # hold the answer back.
        result: list[str] = []
        worker = threading.Thread(target=lambda: result.append(_in_own_thread()), daemon=True)
        worker.start()
        worker.join(HEALTH_DEADLINE_SECONDS)
        database = result[0] if result else "timeout"
    body = {
        "status": "ok" if database == "ok" else "degraded",
        "database": database,
        "seconds": round(time.monotonic() - started, 3),
    }
    response = JsonResponse(body, status=200 if database == "ok" else 503)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """`/healthz` answered first, before sessions, tenants or anything else that needs the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz" and request.method in {"GET", "HEAD"}:
            return healthz(request)
        return self.get_response(request)
