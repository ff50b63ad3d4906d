"""Timing shared by the benchmark scripts."""

from __future__ import annotations

import time


def timed(fn, rounds: int) -> float:
    """The best wall time in seconds of ``rounds`` calls of ``fn`` (the least disturbed run)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best
