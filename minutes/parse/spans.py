"""Spans of a text already claimed by a match, so that patterns tried one after another never
claim the same characters twice."""

from __future__ import annotations

import bisect


class Claimed:
    """Spans of a text already claimed (by a reference, a date): disjoint, kept sorted, so that
    checking a new span costs a binary search (a section with thousands of them stays linear)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, span: tuple[int, int]) -> bool:
        k = bisect.bisect_right(self.starts, span[0])
        if k and self.ends[k - 1] > span[0]:
            return False                       # the span before reaches into this one
        return k == len(self.starts) or self.starts[k] >= span[1]

    def add(self, span: tuple[int, int]) -> None:
        k = bisect.bisect_right(self.starts, span[0])
        self.starts.insert(k, span[0])
        self.ends.insert(k, span[1])
