"""Shared fixtures. Bad-input PDFs are made here with reportlab, so nothing depends on ../shared."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def _pdf(draw) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


@pytest.fixture(scope="session")
def bad_files(tmp_path_factory) -> dict[str, Path]:
    """One file per kind of bad input, keyed by the kind."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    folder = tmp_path_factory.mktemp("bad")
    sample_pdf = (SAMPLES / "jarvela-tekltk-2025-05-14.pdf").read_bytes()
    encrypted = io.BytesIO()
    pdf = canvas.Canvas(encrypted, encrypt="salasana")
    pdf.drawString(100, 700, "§ 1 Salainen asia")
    pdf.showPage()
    pdf.save()
    rng = random.Random(7)
    files = {
        "empty": b"",
        "truncated": sample_pdf[: len(sample_pdf) // 3],
        "corrupt": b"%PDF-1.4\n" + bytes(range(256)) * 20,
        "encrypted": encrypted.getvalue(),
        "scan": _pdf(lambda p: p.drawImage(ImageReader(Image.new("L", (200, 100), 200)), 100, 500, 200, 100)),
        "junk": bytes(rng.randrange(256) for _ in range(4000)),
        "noitems": "Hyvä ystävä,\nkiitos kirjeestäsi. Tapaamme ensi viikolla.\n".encode(),
        "word97": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000,
    }
    names = {"noitems": "kirje.txt", "word97": "poytakirja.doc"}
    paths = {}
    for kind, data in files.items():
        path = folder / names.get(kind, f"{kind}.pdf")
        path.write_bytes(data)
        paths[kind] = path
    return paths


@pytest.fixture(scope="session")
def postgres_server():
    """A private PostgreSQL server for the session (``postgres_server.Server``)."""
    from postgres_server import Server

    server = Server()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server):
    """The URL of an empty PostgreSQL database, dropped after the test."""
    url = postgres_server.fresh_database()
    yield url
    postgres_server.drop(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path):
    """A new minutes database of each backend: an SQLite file's path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return tmp_path / "m.db"
    return request.getfixturevalue("postgres_url")
