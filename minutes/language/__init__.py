"""The language floor shared by the parser and the store: the data of ``models/`` loaded and
validated (``lexicon``), word analysis with Voikko or Snowball (``analysis``), and the names of
bodies (``bodies``). Depends on ``minutes.record`` and ``minutes.errors`` only."""
