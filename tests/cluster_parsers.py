"""Parsers the Dask tests hand to the cluster's workers (importable there, as a worker needs):
one that kills its worker process the first time it meets a chosen file, one that kills it
every time, one that never ends. The chosen file's name and the marker file are read from the
environment the workers inherit."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from minutes.parse.pipeline import parse_bytes

VICTIM = "MINUTES_TEST_VICTIM"     # the name of the file the parser acts on
MARKER = "MINUTES_TEST_MARKER"     # a file written when the worker is killed the first time


def kill_once(data: bytes, path: str, *args, **kwargs):
    if Path(path).name == os.environ[VICTIM] and not Path(os.environ[MARKER]).exists():
        Path(os.environ[MARKER]).write_text(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    return parse_bytes(data, path, *args, **kwargs)


def kill_always(data: bytes, path: str, *args, **kwargs):
    if Path(path).name == os.environ[VICTIM]:
        os.kill(os.getpid(), signal.SIGKILL)
    return parse_bytes(data, path, *args, **kwargs)


def never_ends(data: bytes, path: str, *args, **kwargs):
    if Path(path).name == os.environ[VICTIM]:
        while True:
            time.sleep(0.05)
    return parse_bytes(data, path, *args, **kwargs)
