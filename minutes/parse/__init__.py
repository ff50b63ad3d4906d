"""The parser wing: bytes to ``Record``.

``readers/`` turn a file into a ``Document`` as read (lines with provenance, table cells and item
headers as fields); ``furniture``, the first parse step, sets running headers apart; ``segment``
finds where items begin and end; ``meeting`` reads who met, when and where; ``sections`` splits an
item into its sections (with ``titles`` for its title and ``stages`` for its earlier handlings);
``references`` and ``dates`` annotate the text; ``pipeline`` wires the stages together. ``lines``
is the floor: predicates on one line that several stages share, importing no stage. The parser depends on ``minutes.record``, ``minutes.errors`` and ``minutes.language``,
never on the store or the batch.
"""

from .dates import find_dates
from .hints import MeetingHints
from .pipeline import build_record, parse_bytes, parse_document
from .readers import read_document
from .references import Context, find_references

__all__ = ["parse_document", "parse_bytes", "build_record", "read_document", "MeetingHints",
           "find_references", "find_dates", "Context"]
