"""The batch wing: walking folders, worker processes with time and memory limits, resumable
batches and their report. It runs the parser and writes to the store.

Its names are loaded when first used, so that ``workers`` (the limits the command line's ``parse``
sets) loads without the parser (the command line starts quickly, issue 13)."""

from __future__ import annotations

from minutes.lazy import lazy_names

_HOMES = {"run_batch": ".run", "Report": ".run", "Outcome": ".scan", "Summary": ".scan", "scan": ".scan"}

__all__ = ["run_batch", "Report", "Outcome", "Summary", "scan"]


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals(), __all__)
