"""Names of a package loaded when first used: a package lists where each public name lives, and
importing the package loads none of those modules (the command line starts quickly, issue 13)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path


def lazy_names(package: str, homes: dict[str, str], namespace: dict, exported: list[str],
               modules_of: Path | None = None) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__``: a name of ``homes`` is imported from its module
    (relative to ``package``, or absolute) when first asked for and kept in ``namespace``; with
    ``modules_of`` (the package's folder) a submodule may be asked for by name too.

    Returns ``(__getattr__, __dir__)``."""
    def __getattr__(name: str):
        home = homes.get(name)
        if home is None:
            if modules_of is not None and (modules_of / f"{name}.py").is_file():
                return importlib.import_module(f".{name}", package)
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home, package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted([*namespace, *exported])

    return __getattr__, __dir__
