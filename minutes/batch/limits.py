"""The limits of a file's parse, as plain data: the command line shows them in its options without
loading the workers (it starts quickly, issue 13)."""

from __future__ import annotations

DEFAULT_TIMEOUT = 120       # seconds a file may take to parse (--timeout)
DEFAULT_MEMORY_MIB = 2048   # address space per worker (--max-memory): a hostile file fails alone
