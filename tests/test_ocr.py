"""Scanned PDFs: reported as having no text layer, or read by OCR with --ocr (Tesseract)."""

import io
import os
from pathlib import Path

import pytest

from minutes import parse_document
from minutes.errors import NoTextLayer
from minutes.readers.ocr import repair, tesseract_available
from minutes.document import Line

SCAN_LINES = [
    "Järvelän kunta          Pöytäkirja 5/2025",
    "Liikuntalautakunta      12.06.2025",
    "",
    "§ 101",
    "Uimahallin aukioloajat",
    "Liikuntalautakunta on selvittänyt uimahallin aukioloajat kesäksi.",
    "Päätös",
    "Aukioloajat hyväksyttiin.",
]

OCR = pytest.mark.skipif(not tesseract_available(), reason="needs Tesseract (scripts/setup.sh --test installs it)")


def _scan(path: Path) -> Path:
    """An image-only PDF: the lines rendered as a picture, no text layer."""
    import reportlab
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    font = ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"), 46)
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for k, text in enumerate(SCAN_LINES):
        draw.text((240, 300 + k * 80), text, font=font, fill=0)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595.3, 841.9))
    pdf.drawImage(ImageReader(image), 0, 0, 595.3, 841.9)
    pdf.showPage()
    pdf.save()
    path.write_bytes(out.getvalue())
    return path


def test_tesseract_is_installed_in_ci():
    if os.environ.get("CI"):
        assert tesseract_available()


def test_a_scan_without_ocr_has_no_text_layer(tmp_path):
    with pytest.raises(NoTextLayer, match="no text layer"):
        parse_document(_scan(tmp_path / "skannattu.pdf"))


@OCR
def test_a_scan_is_read_with_ocr(tmp_path):
    record = parse_document(_scan(tmp_path / "skannattu.pdf"), ocr=True)
    (item,) = record.items
    assert item.number == 101
    assert item.title == "Uimahallin aukioloajat"
    assert {s.kind: s.text for s in item.sections}["decision"] == "Aukioloajat hyväksyttiin."
    assert record.meeting.organization == "Järvelän kunta"


@pytest.mark.parametrize("read, repaired", [
    ("8 101", "§ 101"), ("$ 101 Uimahalli", "§ 101 Uimahalli"), ("S101", "§ 101"),
    ("39 8 Val av protokolljusterare", "39 § Val av protokolljusterare"),
    ("Kuntalain 103 8:n mukaan", "Kuntalain 103 §:n mukaan"),
    ("8 kappaletta", "8 kappaletta"), ("Sivu 3", "Sivu 3"),
])
def test_ocr_misreadings_are_repaired(read, repaired):
    (line,) = repair([Line(read)])
    assert line.text == repaired


@OCR
def test_ingest_with_ocr_stores_the_scan(tmp_path):
    from click.testing import CliRunner

    from minutes.cli import main

    folder = tmp_path / "skannaukset"
    folder.mkdir()
    _scan(folder / "skannattu.pdf")
    runner = CliRunner()
    without = runner.invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "a.db"), "-q"])
    assert without.exit_code == 8 and "[no_text_layer]" in without.stderr
    with_ocr = runner.invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "b.db"), "-q", "--ocr"])
    assert with_ocr.exit_code == 0, with_ocr.output
    assert with_ocr.stdout.startswith("1 inserted, 0 updated, 0 unchanged, 0 failed, 1 pages")
