"""The batch wing: walking folders, worker processes with time and memory limits, resumable
batches and their report. It runs the parser and writes to the store.

Its names are loaded when first used, so that ``workers`` (the limits the command line's ``parse``
sets) loads without the parser (the command line starts quickly, issue 13)."""

from __future__ import annotations

import importlib

_HOMES = {"run_batch": ".run", "Report": ".run", "Outcome": ".scan", "Summary": ".scan", "scan": ".scan"}

__all__ = ["run_batch", "Report", "Outcome", "Summary", "scan"]


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
