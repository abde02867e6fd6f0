"""CPU-bound work on chunks in worker processes, results in order, a few chunks ahead: for a million-row
import (validation, encryption, keyed hashes) and a batch run (decryption), where Python is the bottleneck and
the database waits on the other core.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")

# Two cores here: two workers keep them busy while the main process waits on the database.
WORKERS = min(4, os.cpu_count() or 1)

# A chunk takes well under a second to prepare. A worker that has not answered in this long is stuck (a process
# forked while another thread held a lock can wait on it forever) or gone (a killed worker's task is never
# answered): the rest is then done here, not waited for forever.
STALL_SECONDS = 120.0

logger = logging.getLogger(__name__)

_work: Callable[[Any], Any] | None = None  # set before the pool forks: workers inherit it (nothing to pickle)


def _run(chunk: Any) -> Any:
    assert _work is not None
    return _work(chunk)


@contextmanager
def ordered_map(
    work: Callable[[Chunk], Result], chunks: Iterable[Chunk], workers: int = WORKERS, stall: float = STALL_SECONDS
) -> Iterator[Iterator[tuple[Chunk, Result]]]:
    """(chunk, work(chunk)) for every chunk, in order. With more than one worker, forked processes run
    `work` a few chunks ahead of the consumer; with one, it runs here, chunk by chunk.

    Forked workers inherit settings, keys and the active language. They must not use the database: they hold
    copies of the parent's connections, which they never touch and never close (a pool's workers leave with
    os._exit). A worker that gives no result within `stall` seconds is given up: that chunk and every later one
    run here, in order, and the pool is terminated.
    """
    if workers <= 1:
        yield ((chunk, work(chunk)) for chunk in chunks)
        return
    global _work  # noqa: PLW0603 (see above)
    previous, _work = _work, work
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:

            def results() -> Iterator[tuple[Chunk, Result]]:
                ahead: deque[tuple[Chunk, AsyncResult[Result]]] = deque()
                rest = iter(chunks)
                try:
                    for chunk in rest:
                        ahead.append((chunk, pool.apply_async(_run, (chunk,))))
                        if len(ahead) > workers:
                            done, result = ahead.popleft()
                            yield done, result.get(stall)
                    while ahead:
                        done, result = ahead.popleft()
                        yield done, result.get(stall)
                except multiprocessing.TimeoutError:
                    logger.warning("a worker process gave no result in %s s: the rest of the work runs here", stall)
                    pool.terminate()
                    for chunk in (done, *(c for c, _ in ahead)):
                        yield chunk, work(chunk)
                    for chunk in rest:
                        yield chunk, work(chunk)

            yield results()
    finally:
        _work = previous
