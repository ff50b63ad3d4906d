"""Imported by the batch's worker server, when a stored strategy reads meaning (``meaning: true``),
before it forks workers: the word vectors load once there, so that no worker pays for them
against its first file's time limit (workers tag the records they parse)."""

from .meaning import meaning

meaning()
