"""A time limit for a block of a test, so that a hang fails the test instead of the whole run."""

from __future__ import annotations

import signal
from contextlib import contextmanager


class Hang(BaseException):
    """Raised when a block runs too long (not an Exception: no handler under test may swallow it)."""


@contextmanager
def within(seconds: int):
    """Fail the test instead of hanging when the block takes longer than ``seconds``."""
    def expired(signum, frame):  # noqa: ARG001
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
