"""Parsing on a Dask distributed cluster (``minutes ingest --scheduler``): the workers parse, the
calling process reads, skips and stores exactly as with the local pool (``run``). A scheduler's
address (``tcp://host:8786``) joins a running cluster; "local" starts a ``LocalCluster`` of worker
processes on loopback, one thread each, with Dask's own memory limit per worker.

Dask does the work a pool would do by hand: it sends each file's bytes to a worker, retries a file
whose worker died (``distributed.scheduler.allowed-failures``: a file that kills its worker that
many times more is reported, not retried for ever), restarts a worker that passes its memory
limit, and replaces dead workers. What Dask has no notion of is a per-file time limit: a task
that runs past ``timeout`` + ``GRACE`` seconds is cancelled and its worker restarted
(``Client.restart_workers``), and the file reported as ``timeout``. At most one file per worker
thread is in flight, so memory stays bounded and a restart costs only the file that caused it.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator

from .workers import GRACE, Lost, Task

LOCAL = "local"
POLL = 0.5          # seconds between looks at the running files' clocks


class ClusterUnavailable(RuntimeError):
    """The scheduler cannot be reached or the cluster cannot be started."""


def _client(scheduler: str, jobs: int | None, memory_mib: int | None):
    """A connected ``distributed.Client`` and the ``LocalCluster`` it started (None when it joined
    a running scheduler)."""
    from distributed import Client, LocalCluster

    try:
        if scheduler == LOCAL:
            cluster = LocalCluster(n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None,
                                   memory_limit=f"{memory_mib}MiB" if memory_mib else "auto")
            return Client(cluster), cluster
        return Client(scheduler, timeout=30), None
    except (OSError, TimeoutError) as exc:
        raise ClusterUnavailable(f"{scheduler}: cannot reach the Dask scheduler ({exc})") from None


def _lost(task: Task, exc: BaseException) -> Lost:
    from distributed import KilledWorker

    if isinstance(exc, KilledWorker):
        return Lost(task, "corrupt", "the parser killed every worker that took this file (crashed, or out of "
                                     "memory: see --max-memory)")
    return Lost(task, "internal_error", f"{type(exc).__name__}: {exc}")


def parse_on_cluster(scheduler: str, tasks: Iterator[Task], handle: Callable[[Task], object], timeout: int,
                     jobs: int | None = None, memory_mib: int | None = None) -> Iterator[object]:
    """Each task's answer (``handle(task)``, run on a worker: a ``Parsed``) or a ``Lost`` when no
    worker could answer, as they come; ``tasks`` is drawn only as workers free up."""
    from distributed import wait

    pending = iter(tasks)
    first = next(pending, None)
    if first is None:           # nothing to parse: no cluster to start or join
        return
    pending = itertools.chain([first], pending)
    client, cluster = _client(scheduler, jobs, memory_mib)
    try:
        running: dict = {}      # future -> (task, when sent)
        exhausted = False
        while True:
            slots = max(1, sum(client.nthreads().values()))
            while not exhausted and len(running) < slots:
                task = next(pending, None)
                if task is None:
                    exhausted = True
                    break
                future = client.submit(handle, task, pure=False, key=f"parse-{task.sha256[:16]}-{time.monotonic_ns()}")
                running[future] = (task, time.monotonic())
            if not running:
                return
            try:
                done, _ = wait(list(running), timeout=POLL, return_when="FIRST_COMPLETED")
            except TimeoutError:        # none finished within POLL seconds
                done = set()
            for future in done:
                task, _ = running.pop(future)
                if future.status == "finished":
                    yield future.result()
                elif future.status == "error":
                    yield _lost(task, future.exception())
                else:                   # cancelled by the cluster (a scheduler restart)
                    yield Lost(task, "internal_error", f"the cluster dropped the file ({future.status})")
            yield from _overdue(client, running, timeout)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _overdue(client, running: dict, timeout: int) -> Iterator[Lost]:
    """The files running past their time limit: cancelled, their workers restarted."""
    now = time.monotonic()
    late = [f for f, (_, sent) in running.items() if now - sent > timeout + GRACE]
    if not late:
        return
    processing = client.processing()
    keys = {f.key for f in late}
    workers = [w for w, held in processing.items() if keys & set(held)]
    for future in late:
        task, _ = running.pop(future)
        future.cancel()
        yield Lost(task, "timeout", f"not parsed within {timeout} s; the worker was restarted")
    if workers:
        client.restart_workers(workers, raise_for_error=False)
