"""Imported by the batch's worker server before it forks workers: spaCy and the rule patterns
load once there, so that no worker pays for them against its first file's time limit. Other
processes (a single `minutes parse`, `minutes search`) load them only when a decision is read."""

from .nlp import rules

rules()
