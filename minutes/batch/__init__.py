"""The batch wing: walking folders, worker processes with time and memory limits, resumable
batches and their report. It runs the parser and writes to the store."""

from .run import Report, run_batch
from .scan import Outcome, Summary, scan

__all__ = ["run_batch", "Report", "Outcome", "Summary", "scan"]
