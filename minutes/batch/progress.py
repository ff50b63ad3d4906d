"""The progress bar of a batch, on standard error: files, pages per second, ETA, failures."""

from __future__ import annotations

import time

import click


class BatchProgress:
    """A rich progress bar when ``enabled``; otherwise silent. ``console`` is where it draws
    (standard error unless given)."""

    def __init__(self, enabled: bool, console=None):
        self.enabled = enabled
        self.console = console
        self.failures = 0
        self.pages = 0
        self.started = time.perf_counter()
        self._progress = None
        self._task = None

    def __enter__(self) -> "BatchProgress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                TextColumn("{task.fields[failed]}"), TimeRemainingColumn(),
                console=self.console or Console(stderr=True), transient=True)
            self._progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress:
            self._progress.__exit__(*exc)

    def start(self, total: int) -> None:
        if self._progress:
            self._task = self._progress.add_task("ingest", total=total, rate="", failed="")

    def advance(self, outcome) -> None:
        self.pages += outcome.pages or 0
        self.failures += outcome.status == "failed"
        if self._progress and self._task is not None:
            rate = self.pages / max(time.perf_counter() - self.started, 1e-6)
            self._progress.update(self._task, advance=1, rate=f"{rate:.0f} pages/s",
                                  failed=f"{self.failures} failed" if self.failures else "")

    def echo(self, message: str) -> None:
        if self._progress:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            click.echo(message, err=True)
