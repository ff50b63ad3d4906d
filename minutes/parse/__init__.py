"""The parser wing: bytes to ``Record``.

``readers/`` turn a file into a ``Document`` as read (lines with provenance, table cells and item
headers as fields); ``furniture``, the first parse step, sets running headers apart; ``segment``
finds where items begin and end; ``meeting`` reads who met, when and where; ``sections`` splits an
item into its sections (with ``titles`` for its title and ``stages`` for its earlier handlings);
``references`` and ``dates`` annotate the text; ``pipeline`` wires the stages together. ``lines``
is the floor: predicates on one line that several stages share, importing no stage. The parser depends on ``minutes.record``, ``minutes.errors`` and ``minutes.language``,
never on the store or the batch.

Its names are loaded when first used, so that a light module of the wing (``hints``) loads without
the readers and the stages (the command line starts quickly, issue 13).
"""

from __future__ import annotations

from minutes.lazy import lazy_names

_HOMES = {"find_dates": ".dates", "MeetingHints": ".hints", "build_record": ".pipeline", "parse_bytes": ".pipeline",
          "parse_document": ".pipeline", "read_document": ".readers", "Context": ".references",
          "find_references": ".references"}

__all__ = ["parse_document", "parse_bytes", "build_record", "read_document", "MeetingHints",
           "find_references", "find_dates", "Context"]


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals(), __all__)
