"""Chunks in worker processes: every result, in order, even when a worker never answers."""

from __future__ import annotations

import os
import time

from mizui.lib.parallel import ordered_map

PARENT = os.getpid()


def _square_or_hang(n: int) -> int:
    # In a worker process the third chunk never finishes, as a forked worker stuck on a lock would not.
    if n == 3 and os.getpid() != PARENT:
        time.sleep(3600)
    return n * n


def test_every_chunk_comes_back_in_order_from_two_workers() -> None:
    with ordered_map(abs, [-3, 1, -2, 5, -8], workers=2) as results:
        assert list(results) == [(-3, 3), (1, 1), (-2, 2), (5, 5), (-8, 8)]


def test_a_worker_that_never_answers_is_given_up_and_the_rest_is_done_here_in_order() -> None:
    started = time.monotonic()
    with ordered_map(_square_or_hang, range(8), workers=2, stall=1.0) as results:
        assert list(results) == [(n, n * n) for n in range(8)]
    assert time.monotonic() - started < 30  # not the worker's hour
