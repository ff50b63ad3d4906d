"""Strategy tracking: which stored items carry out which goals of a strategy (issue 14).

``Tagger(strategy).tag(item, language)`` scores an item against every goal and returns the
``record.GoalTag``s it earns, each with its evidence. The rules and weights are data
(``models/strategy_tags.toml``)."""

from .rules import tagging_rules
from .tagger import Tagger

__all__ = ["Tagger", "tagging_rules"]
