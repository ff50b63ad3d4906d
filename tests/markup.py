"""Test fixtures rendered from the sample markup of ``scripts/make_samples.py`` (PDF with reportlab,
DOCX, HTML, text), so that one fixture text is tried in every format a rule must hold in."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("pdf-casem", "pdf-tweb", "pdf-sv", "docx", "html", "text")


@cache
def script(name: str):
    """The module of ``scripts/<name>.py`` (the scripts are no package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module     # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _samples():
    return script("make_samples")


def render(markup: str, fmt: str, name: str = "fixture") -> tuple[bytes, str]:
    """The document ``markup`` describes, as bytes in format ``fmt``, and a file name for it."""
    samples = _samples()
    source = samples.parse_source(name, f"@format {fmt}\n{markup}")
    return samples.RENDERERS[fmt](source), f"{name}.{samples.EXTENSIONS[fmt]}"


def parse(markup: str, fmt: str, name: str = "fixture"):
    """The record of the document ``markup`` describes, rendered in format ``fmt``."""
    from minutes import parse_bytes

    data, filename = render(markup, fmt, name)
    return parse_bytes(data, filename)
