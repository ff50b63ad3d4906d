"""The package's wings and what each may import (ARCHITECTURE.md), read from the source: a module
of the store never imports the parser, no module imports another that imports it back."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "minutes"

# what each wing may import, besides itself
ALLOWED = {
    "minutes.errors": set(),
    "minutes.record": set(),
    "minutes.lazy": set(),
    "minutes.language": {"minutes.errors", "minutes.record"},
    "minutes.parse": {"minutes.errors", "minutes.record", "minutes.language", "minutes.lazy"},
    "minutes.tagging": {"minutes.errors", "minutes.record", "minutes.language"},
    "minutes.store": {"minutes.errors", "minutes.record", "minutes.language", "minutes.lazy", "minutes.tagging"},
    "minutes.batch": {"minutes.errors", "minutes.record", "minutes.language", "minutes.parse", "minutes.store",
                      "minutes.lazy", "minutes.tagging"},
    "minutes.strategy_report": {"minutes.record"},
    "minutes.strategy_chart": {"minutes.record", "minutes.strategy_report"},
    "minutes.web": {"minutes.errors", "minutes.record", "minutes.language", "minutes.parse", "minutes.store",
                    "minutes.lazy", "minutes.tagging", "minutes.strategy_report", "minutes.strategy_chart"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "models" not in p.parts}


def imports_of(path: Path, name: str) -> set[str]:
    """The modules of the package that ``path`` imports anywhere in it (functions included)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    known = modules()
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            targets = [module] + [f"{module}.{a.name}" for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith("minutes") and target != name:
                found.add(target)
    return found


def wing(name: str) -> str | None:
    for prefix in sorted(ALLOWED, key=len, reverse=True):
        if name == prefix or name.startswith(prefix + "."):
            return prefix
    return None


GRAPH = {name: imports_of(path, name) for name, path in modules().items()}


@pytest.mark.parametrize("name", sorted(n for n in GRAPH if wing(n)))
def test_a_wing_imports_only_what_it_may(name):
    own = wing(name)
    allowed = ALLOWED[own] | {own}
    wrong = sorted(t for t in GRAPH[name] if t != "minutes" and wing(t) not in allowed)
    assert not wrong, f"{name} ({own}) imports {wrong}"
    assert "minutes" not in GRAPH[name] or own is None, f"{name} imports the package's public API"


def test_no_import_circle():
    circles = []

    def visit(node, trail):
        for nxt in GRAPH.get(node, ()):
            if nxt == "minutes":
                continue
            if nxt in trail:
                circles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in done:
                visit(nxt, trail + [nxt])
        done.add(node)

    done: set[str] = set()
    for name in sorted(GRAPH):
        if name not in done:
            visit(name, [name])
    assert not circles, circles[:3]


def test_the_store_loads_no_parser():
    code = "import sys, minutes.store; print(sorted(m for m in sys.modules if m.startswith('minutes.parse')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# what would make the command line slow to start (issue 13): loaded only by the commands that need them
HEAVY = {"spacy", "thinc", "numpy", "pdfplumber", "pdfminer", "pypdfium2", "bs4", "lxml", "PIL", "hypothesis",
         "multiprocessing"}


def loaded_after(code: str) -> list[str]:
    """The heavy libraries and the modules of the parser and the batch that ``code`` loads, in a fresh
    interpreter."""
    probe = (f"import sys\n{code}\nprint(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(HEAVY)!r}"
             " or m.startswith(('minutes.parse.', 'minutes.batch.'))))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return ast.literal_eval(out.strip().splitlines()[-1])


def test_the_command_line_loads_no_parser_and_no_heavy_library():
    """Importing the command line (all ``minutes --help`` does) loads only the plain data its options
    show: no reader, parse stage or batch runner, and nothing of spaCy, the PDF libraries or bs4."""
    assert loaded_after("import minutes.cli") == ["minutes.batch.limits", "minutes.parse.choices",
                                                  "minutes.parse.hints"]
    assert loaded_after("import minutes.cli\ntry:\n    minutes.cli.main(['--help'])\nexcept SystemExit:\n"
                        "    pass") == ["minutes.batch.limits", "minutes.parse.choices", "minutes.parse.hints"]
    code = "import sys, minutes.cli; print(sorted(m for m in sys.modules if m.startswith('minutes.store.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(["minutes.store.dialect", "minutes.store.filters", "minutes.store.paths", "minutes.store.stats"])   # no backend


def test_a_search_from_the_command_line_loads_no_parser(tmp_path):
    """``minutes search`` needs the store and the word analysis, never the parser or its libraries."""
    from minutes.store import open_store

    db = tmp_path / "minutes.db"
    with open_store(db):
        pass
    for args in (["search", "valtuusto", "--db", str(db)], ["search", "2024 strategia", "--db", str(db), "--format",
                                                             "json"]):
        code = f"import minutes.cli\ntry:\n    minutes.cli.main({args!r})\nexcept SystemExit:\n    pass"
        assert loaded_after(code) == ["minutes.batch.limits", "minutes.parse.choices", "minutes.parse.hints"], args


def test_the_checker_sees_a_forbidden_import(tmp_path):
    """The rules above are read from real import statements: a store module importing the parser
    is caught."""
    probe = PACKAGE / "store" / "sql.py"
    tree = imports_of(probe, "minutes.store.sql")
    assert "minutes.record" in tree and all(wing(t) != "minutes.parse" for t in tree)
    fake = tmp_path / "x.py"
    fake.write_text("from minutes.parse.pipeline import build_record\n")
    assert "minutes.parse.pipeline" in imports_of(fake, "minutes.store.x")
