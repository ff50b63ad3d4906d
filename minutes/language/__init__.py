"""The language floor shared by the parser and the store: the data of ``models/`` loaded and
validated (``lexicon``), word analysis with Voikko or Snowball (``analysis``), the names of
bodies (``bodies``) and of people as typed in a query (``names``).
Depends on ``minutes.record`` and ``minutes.errors`` only."""
