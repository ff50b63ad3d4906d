#!/usr/bin/env python3
"""How reference and date finding scale with the number of references in one section.

Times ``find_references`` and ``find_dates`` on a section with N and 8N references and prints the
ratio of the two times: about 8 when the work is linear, about 64 when it is quadratic (a section
of 8,000 references used to take 24 s). The baseline is the small section, measured in the same run.

    python benchmarks/reference_scaling_bench.py [--n 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from minutes.parse.dates import find_dates  # noqa: E402
from minutes.parse.references import find_references  # noqa: E402


def section(n: int) -> str:
    return " ".join(f"Kaupunginhallitus {1 + k % 28}.{1 + k % 12}.2024 § {k}, ja kuntalain {k % 100} §."
                    for k in range(n))


def best(function, text: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    small, large = section(args.n), section(8 * args.n)
    for name, function in (("find_references", find_references), ("find_dates", lambda t: find_dates(t, 2024))):
        a, b = best(function, small, args.rounds), best(function, large, args.rounds)
        print(f"{name:16} {2 * args.n:6} refs {a:6.3f} s   {16 * args.n:6} refs {b:6.3f} s   "
              f"ratio {b / a:5.1f} (linear 8, quadratic 64)")


if __name__ == "__main__":
    main()
