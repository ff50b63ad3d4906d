"""Worker processes for batch ingest, with hard limits.

Each worker parses the files sent to it one at a time and answers each with a ``Parsed``. The
pool knows which file every worker holds, so a worker that crashes in native code (a PDF engine's
segfault), is killed by the kernel, or overruns the time limit where no Python signal handler
can run (a loop inside C) is replaced, and the file it held is reported with a category; files
sent to it but not begun go to another worker. Workers cap their address space, so a hostile
file cannot take the machine's memory, and exit after ``recycle`` files.
"""

from __future__ import annotations

import contextlib
import logging
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess

from minutes.parse.hints import MeetingHints


log = logging.getLogger(__name__)

RECYCLE = 200               # files a worker parses before it is replaced
GRACE = 10.0        # seconds past a file's time limit before a silent worker is killed
AHEAD = 2           # files sent to a worker at once, so that it never waits for the main process
AHEAD_BYTES = 32 * 1024   # ... when the second is no larger than this (it waits in the pipe's buffer)
NEW = "new"         # what ``WorkerPool._choose`` says when a new worker is to be started


@dataclass(frozen=True)
class Task:
    path: str
    sha256: str
    metadata: MeetingHints | None = None   # the user's values for this file's meeting
    data: bytes = field(default=b"", repr=False)   # the file's bytes, read once by the main process


@dataclass(frozen=True)
class Lost:
    """A file whose worker ended without answering."""
    task: Task
    category: str
    message: str


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    budget: int                                   # files it may still be sent before it exits
    tasks: deque[Task] = field(default_factory=deque)   # sent and not answered, oldest first
    started: float = 0.0                          # when it began the oldest of them
    killed: bool = False                          # stopped by the pool for overrunning the limit


class FileTimeout(BaseException):
    """A file took longer than the time limit. Not an ``Exception``: a reader that catches every
    error of a library it calls must not turn the time limit into "corrupt"."""


def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise FileTimeout()


@contextlib.contextmanager
def time_limit(seconds: int):
    """Raise ``FileTimeout`` in the block after ``seconds`` (SIGALRM; a native call that blocks
    the signal is stopped by the pool instead). Outside the main thread (a Dask worker's task)
    no signal can be had: the block runs unlimited and the caller enforces the limit
    (``cluster``: the worker is restarted)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(max(1, seconds))
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def memory_cap(memory_mib: int):
    """Within the block, this process may grow by at most ``memory_mib`` of address space (a
    decompression bomb then fails with MemoryError instead of taking the machine); the limit
    it had before is restored after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    try:
        with open("/proc/self/statm") as fh:
            current = int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        current = 0
    limit = current + memory_mib * 1024 * 1024
    if soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError) as exc:
        log.warning("memory not capped at %d MiB: %s", memory_mib, exc)
    try:
        yield
    finally:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        except (ValueError, OSError):
            pass


def _cap_memory(memory_mib: int) -> None:
    """Limit this process's address space; where the system refuses, go on without a cap."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_mib * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    except (ValueError, OSError) as exc:
        log.warning("worker memory not capped at %d MiB: %s", memory_mib, exc)


def serve(conn: Connection, handle: Callable[[Task], object], recycle: int, memory_mib: int | None) -> None:
    """A worker's life: answer up to ``recycle`` tasks with ``handle``, then exit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the main process's to handle
    if memory_mib:
        _cap_memory(memory_mib)
    for _ in range(recycle):
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        try:
            conn.send(handle(task))
        except BrokenPipeError:
            return    # the main process is gone (killed): there is no one to answer


class WorkerPool:
    """``jobs`` workers started from ``context``; each runs ``serve(conn, handle, recycle, memory_mib)``.
    ``handle`` must be picklable (a module-level function or a ``functools.partial`` of one)."""

    def __init__(self, context: BaseContext, jobs: int, handle: Callable[[Task], object], timeout: float,
                 recycle: int, memory_mib: int | None = None, grace: float = GRACE):
        self.context, self.jobs, self.handle = context, jobs, handle
        self.timeout, self.recycle, self.memory_mib, self.grace = timeout, recycle, memory_mib, grace
        self.workers: list[_Worker] = []
        self.retry: deque[Task] = deque()

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- sending -------------------------------------------------------------------------------
    # A task carries its file's bytes. A worker still busy with a file gets the next one only when
    # it is small enough to wait in the pipe's buffer: otherwise the main process would block in
    # the send while the worker blocks sending back its answer, which nobody reads.
    def can_take(self, task: Task) -> bool:
        """Whether ``task`` can be sent now without waiting (files taken back from a lost worker
        go first)."""
        return not self.retry and self._choose(task) is not None

    def _choose(self, task: Task) -> _Worker | str | None:
        """An idle worker, else ``NEW`` while fewer than ``jobs`` run, else (for a small file) the
        busy worker with the fewest files; None when the file must wait."""
        live = [w for w in self.workers if w.budget and w.process.is_alive()]
        idle = next((w for w in live if not w.tasks), None)
        if idle is not None:
            return idle
        if sum(1 for w in self.workers if w.tasks or w in live) < self.jobs:   # one ending after its last file
            return NEW                                                         # is not counted
        if len(task.data) <= AHEAD_BYTES:
            return min((w for w in live if len(w.tasks) < AHEAD), key=lambda w: len(w.tasks), default=None)
        return None

    def submit(self, task: Task) -> None:
        """Send ``task`` to the worker ``_choose`` picks (a new one when it says so); call only
        when ``can_take`` (or, for a retried file, ``_choose``) allows it."""
        # a worker killed from outside while idle is skipped here and buried after the next wait
        worker = self._choose(task)
        if worker is None:
            raise RuntimeError(f"no worker can take {task.path} now")
        if worker == NEW:
            worker = self._start()
        if not worker.tasks:
            worker.started = time.monotonic()
        worker.tasks.append(task)
        worker.budget -= 1
        worker.conn.send(task)

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=serve, args=(theirs, self.handle, self.recycle, self.memory_mib),
                                       daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, ours, self.recycle)
        self.workers.append(worker)
        return worker

    def busy(self) -> bool:
        return bool(self.retry) or any(w.tasks for w in self.workers)

    # -- receiving -----------------------------------------------------------------------------
    def results(self) -> list[object | Lost]:
        """Wait for answers: each is what ``handle`` returned, or a ``Lost`` for a file whose
        worker crashed, was killed or overran the time limit."""
        while self.retry and self._choose(self.retry[0]) is not None:
            self.submit(self.retry.popleft())
        busy = [w for w in self.workers if w.tasks]
        if not busy:
            return []
        now = time.monotonic()
        deadline = min(w.started for w in busy) + self.timeout + self.grace
        wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=max(0.0, deadline - now))
        answers: list[object | Lost] = []
        for worker in busy:
            self._drain(worker, answers)
            if worker.tasks and time.monotonic() - worker.started > self.timeout + self.grace:
                worker.killed = True
                worker.process.kill()
                worker.process.join()
            if worker.tasks and not worker.process.is_alive():
                self._drain(worker, answers)    # what it answered just before it ended
                if worker.tasks:
                    answers.append(self._lost(worker))
        self._bury()
        return answers

    @staticmethod
    def _drain(worker: _Worker, answers: list) -> None:
        """Take every answer waiting in a worker's pipe."""
        while worker.tasks and worker.conn.poll():
            try:
                answers.append(worker.conn.recv())
            except (EOFError, OSError):
                return   # it ended after its last answer
            worker.tasks.popleft()
            worker.started = time.monotonic()

    def _lost(self, worker: _Worker) -> Lost:
        """The file a dead worker held; the files sent after it are sent again elsewhere."""
        held = worker.tasks.popleft()
        self.retry.extend(worker.tasks)
        worker.tasks.clear()
        code = worker.process.exitcode
        if worker.killed:
            return Lost(held, "timeout", f"not parsed within {self.timeout:.0f} s; the worker did not "
                                         "answer and was stopped")
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            if -code == signal.SIGKILL:
                return Lost(held, "corrupt", f"the worker was killed ({name}) while parsing this file: "
                                             "out of memory?")
            return Lost(held, "corrupt", f"the parser crashed on this file ({name})")
        return Lost(held, "internal_error", f"the worker exited ({code}) while parsing this file")

    def _bury(self) -> None:
        """Forget workers that have ended (crashed, killed, or done with their files)."""
        for worker in [w for w in self.workers if not w.tasks and (w.killed or not w.process.is_alive()
                                                                    or w.budget == 0)]:
            if worker.budget == 0 and worker.process.is_alive():
                worker.process.join(timeout=5)     # it exits by itself after its last file
            if worker.process.is_alive():
                continue
            worker.conn.close()
            self.workers.remove(worker)

    def close(self) -> None:
        """Stop every worker: idle ones are told to exit; files still in flight (a batch stopped
        by Ctrl-C) are dropped, as they were never stored."""
        for worker in self.workers:
            if not worker.tasks and worker.process.is_alive():
                with contextlib.suppress(OSError):   # gone already: join() below collects it
                    worker.conn.send(None)
                worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join()
            worker.conn.close()
        self.workers.clear()
