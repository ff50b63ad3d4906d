"""Readers: format detection from content, each format's lines, and precise errors for bad input."""

import io

import pytest

from minutes import parse_document, read_document
from minutes.errors import (
    EncryptedDocument,
    NoItemsFound,
    NoTextLayer,
    UnreadableDocument,
    UnsupportedFormat,
)
from minutes.parse.document import ItemHeader
from minutes.parse.furniture import set_furniture_apart
from minutes.parse.readers import detect_format, read_bytes
from minutes.parse.readers.pdf import read_pdf

SAMPLES = {
    "jarvela-tekltk-2025-05-14.pdf": "pdf",
    "rantala-sivltk-2025-09-10-esityslista.docx": "docx",
    "lahdenpera-kv-2025-06-16-235.html": "html",
    "kallio-hyvltk-2024-item.txt": "text",
}


@pytest.mark.parametrize("name, fmt", SAMPLES.items())
def test_format_is_read_from_content_not_name(root, tmp_path, name, fmt):
    renamed = tmp_path / "document.bin"
    renamed.write_bytes((root / "samples" / name).read_bytes())
    assert read_document(renamed).format == fmt


BAD_INPUT = [
    ("empty", UnreadableDocument, "empty"),
    ("truncated", UnreadableDocument, "corrupt or truncated"),
    ("corrupt", UnreadableDocument, "corrupt or truncated"),
    ("encrypted", EncryptedDocument, "encrypted"),
    ("scan", NoTextLayer, "no text layer"),
    ("junk", UnsupportedFormat, "not a PDF|no supported format"),
    ("noitems", NoItemsFound, "no agenda items"),
    ("word97", UnsupportedFormat, "Word 97"),
]


@pytest.mark.parametrize("kind, error, message", BAD_INPUT)
def test_bad_input_raises_precise_error_naming_the_file(bad_files, kind, error, message):
    path = bad_files[kind]
    with pytest.raises(error, match=message) as info:
        parse_document(path)
    assert str(path) in str(info.value)
    assert info.value.path == str(path)


def test_encrypted_is_also_unreadable(bad_files):
    with pytest.raises(UnreadableDocument):
        parse_document(bad_files["encrypted"])


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableDocument, match="cannot be opened"):
        read_document(tmp_path / "puuttuu.pdf")


def test_directory_is_not_a_document(tmp_path):
    with pytest.raises(UnreadableDocument, match="directory"):
        read_document(tmp_path)


def test_zip_that_is_not_docx(tmp_path):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.csv", "a,b\n")
    with pytest.raises(UnsupportedFormat, match="ZIP"):
        detect_format(buffer.getvalue(), "x.docx")


def test_html_in_windows_1252_is_decoded():
    page = "<html><head><meta charset='windows-1252'></head><body><p>§ 5 Päätös</p></body></html>"
    document = read_bytes(page.encode("cp1252"), "page.html")
    assert document.lines[0].text == "§ 5 Päätös"


def test_html_table_rows_become_captioned_lines():
    page = ("<html><body><table><tr><td>Päätösehdotus</td><td>Lautakunta päättää hyväksyä.</td></tr>"
            "<tr><td>Kaupunginhallitus</td><td>105 §</td><td>10.4.2017</td></tr></table></body></html>")
    lines = read_bytes(page.encode(), "page.html").lines
    assert (lines[0].caption, lines[0].text) == ("Päätösehdotus", "Lautakunta päättää hyväksyä.")
    assert lines[1].text == "Kaupunginhallitus ¦ 105 § ¦ 10.4.2017"
    assert lines[1].cells == ("Kaupunginhallitus", "105 §", "10.4.2017")
    assert lines[0].cells == ()     # a caption and its text: a layout row, not a table's


def test_a_table_row_inside_a_layout_cell_keeps_its_cells():
    page = ("<html><body><table><tr><td>Käsittely</td><td><table><tr><td>Kaupunginhallitus</td><td>105 §</td>"
            "<td>10.4.2017</td></tr></table></td></tr></table></body></html>")
    lines = read_bytes(page.encode(), "page.html").lines
    assert [(line.full_text, line.cells) for line in lines] == [
        ("Käsittely", ()), ("Kaupunginhallitus ¦ 105 § ¦ 10.4.2017", ("Kaupunginhallitus", "105 §", "10.4.2017"))]


def test_html_wide_spaces_split_a_layout_heading():
    page = "<html><body><div>Päätösehdotus&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;Kaupunginjohtaja Liisa Lahti</div></body></html>"
    line = read_bytes(page.encode(), "page.html").lines[0]
    assert (line.caption, line.text) == ("Päätösehdotus", "Kaupunginjohtaja Liisa Lahti")


def test_html_scripts_and_styles_are_skipped():
    page = "<html><head><style>p{}</style></head><body><script>var x=1;</script><p>Teksti</p></body></html>"
    assert [line.text for line in read_bytes(page.encode(), "p.html").lines] == ["Teksti"]


def test_markdown_headings_and_tables():
    text = "## Lapuan kaupunki\n\n| § 132 | Kokouksen laillisuus |\n|---|---|\n<!-- image -->\n**Päätös**\n"
    lines = read_bytes(text.encode(), "doc.md").lines
    assert [line.text for line in lines] == ["Lapuan kaupunki", "§ 132 ¦ Kokouksen laillisuus", "Päätös"]
    assert [line.cells for line in lines] == [(), ("§ 132", "Kokouksen laillisuus"), ()]
    assert lines[0].heading


def test_text_form_feeds_are_pages():
    document = read_bytes("yksi\n\fkaksi\n".encode(), "doc.txt")
    assert document.pages == 2
    assert [line.page for line in document.lines] == [1, 2]


def test_pdf_lines_keep_geometry_and_margin_captions(root):
    document = read_document(root / "samples" / "kuusisto-kh-2025-03-24.pdf")
    dno = next(line for line in document.lines if line.caption == "Dno")
    assert dno.text == "KUUS/212/02.08.00/2025"
    assert dno.page == 2 and dno.x0 is not None and dno.top is not None and dno.size > 0
    title = next(line for line in document.lines if line.text.startswith("Ulkoilureittien"))
    assert title.bold


def test_pdf_running_headers_become_furniture(root):
    read = read_document(root / "samples" / "jarvela-tekltk-2025-05-14.pdf")
    # the reader returns every line; setting the running headers apart is the first parse step
    assert read.furniture == ()
    assert "Järvelän kunta Pöytäkirja 4/2025 3 (8)" in [line.full_text for line in read.lines]
    document = set_furniture_apart(read)
    assert len(document.lines) + len(document.furniture) == len(read.lines)
    furniture = [line.full_text for line in document.furniture]
    assert "Järvelän kunta Pöytäkirja 4/2025 3 (8)" in furniture
    assert not any(line.full_text.startswith("Järvelän kunta Pöytäkirja") for line in document.lines)
    # item headers repeat at the same place on many pages and still stay in the text
    assert sum(1 for line in document.lines if line.full_text.startswith("§ 4")) >= 5


def test_docx_reads_tables_numbering_and_skips_page_headers(root):
    document = read_document(root / "samples" / "rantala-sivltk-2025-09-10-esityslista.docx")
    texts = [line.full_text for line in document.lines]
    assert "Aika 10.9.2025 klo 18:00" in texts
    assert "1. Kokoaikaisen hoidon enimmäismaksu nousee 311 eurosta 318 euroon." in texts
    assert "2. Sisarusalennus säilyy ennallaan." in texts
    assert texts.count("Rantalan kunta Esityslista 7/2025") == 0   # the page header, set apart:
    assert [line.full_text for line in document.furniture] == ["Rantalan kunta Esityslista 7/2025"]


def _docx_with_header(header: str | tuple[str, ...], body: list[str]) -> bytes:
    """A Word file whose page header is a paragraph (a text) or a table row (a tuple of cells)."""
    import docx

    document = docx.Document()
    part = document.sections[0].header
    if isinstance(header, str):
        part.paragraphs[0].text = header
    else:
        table = part.add_table(rows=1, cols=len(header), width=docx.shared.Inches(6))
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = text
    for text in body:
        paragraph = document.add_paragraph()
        paragraph.add_run(text).bold = text.startswith("§")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("header, organization, kind, when", [
    ("Marieholms kommun\tFöredragningslista 2/2025", "Marieholms kommun", "agenda", None),
    (("Korpilahden kunta\nHyvinvointilautakunta", "PÖYTÄKIRJA 3/2025", "19.3.2025"), "Korpilahden kunta",
     "minutes", "2025-03-19"),
    (("KORPILAHDEN KUNTA", "ESITYSLISTA 3/2025", "2.4.2025"), "Korpilahden kunta", "agenda", "2025-04-02"),
])
def test_a_word_page_header_names_the_meeting(header, organization, kind, when):
    """What only a Word file's page header prints (the organisation, the document's kind, the
    date in a cell of its own beside the kind) is read: the header is the document's furniture,
    not dropped. The body prints no date."""
    from minutes import parse_bytes

    body = ["Hyvinvointilautakunta", "§ 12 Kokouksen laillisuus", "Ehdotus: Todetaan kokous lailliseksi.",
            "§ 13 Uimahallin aukioloajat", "Ehdotus: Aukioloajat vahvistetaan."]
    record = parse_bytes(_docx_with_header(header, body), "kokous.docx")
    assert (record.meeting.organization, record.document_type) == (organization, kind)
    assert (record.meeting.date.isoformat() if record.meeting.date else None) == when
    assert [i.number for i in record.items] == [12, 13]


def test_meeting_index_table_lists_items():
    page = ("<html><body><table><tr><td>Kaupunginhallitus 3/2025</td></tr>"
            "<tr><th>§</th><th>Otsikko</th><th>Liitteet</th></tr>"
            "<tr><td>12</td><td>Talousarvion toteutuminen</td><td>1 kpl</td></tr>"
            "<tr><td>13</td><td>Kaavan hyväksyminen</td><td>-</td></tr></table></body></html>")
    texts = [line.full_text for line in read_bytes(page.encode(), "index.html").lines]
    assert texts == ["Kaupunginhallitus 3/2025", "§ 12 Talousarvion toteutuminen", "§ 13 Kaavan hyväksyminen"]
    items = [line.item for line in read_bytes(page.encode(), "index.html").lines]
    assert items == [None, ItemHeader(12, "Talousarvion toteutuminen"), ItemHeader(13, "Kaavan hyväksyminen")]


def test_handling_table_is_not_an_index():
    page = ("<html><body><table><tr><td>Kaupunki</td><td>§</td><td>Kokouspvm</td><td>Asia</td></tr>"
            "<tr><td>Kaupunginhallitus</td><td>195</td><td>02.05.2017</td><td>2</td></tr></table></body></html>")
    texts = [line.full_text for line in read_bytes(page.encode(), "item.html").lines]
    assert "Kaupunginhallitus ¦ 195 ¦ 02.05.2017 ¦ 2" in texts
    assert not any(line.item for line in read_bytes(page.encode(), "item.html").lines)


def test_a_text_line_printed_as_a_table_row_keeps_its_cells():
    lines = read_bytes("Otsikko\nTekninen lautakunta ¦ 40 § ¦ 3.4.2024\n".encode(), "page.txt").lines
    assert [line.cells for line in lines] == [(), ("Tekninen lautakunta", "40 §", "3.4.2024")]


PDF_SAMPLES = ["jarvela-tekltk-2025-05-14.pdf", "kuusisto-kh-2025-03-24.pdf", "strandvik-bildn-2024-06-12.pdf"]


@pytest.mark.parametrize("name", PDF_SAMPLES)
def test_both_pdf_engines_give_the_same_record(root, name):
    import regex

    words = lambda text: regex.findall(r"\w+", text)  # noqa: E731
    plumber = parse_document(root / "samples" / name, engine="pdfplumber")
    pdfium = parse_document(root / "samples" / name, engine="pdfium")
    assert pdfium.meeting == plumber.meeting
    assert [(i.number, i.title, i.case_id, i.preparers, i.presenter) for i in pdfium.items] == \
        [(i.number, i.title, i.case_id, i.preparers, i.presenter) for i in plumber.items]
    for a, b in zip(pdfium.items, plumber.items):
        assert [(s.kind, s.heading, words(s.text)) for s in a.sections] == \
            [(s.kind, s.heading, words(s.text)) for s in b.sections]
        assert [(h.body, h.date, h.number) for h in a.history] == [(h.body, h.date, h.number) for h in b.history]


@pytest.mark.parametrize("kind, error", [("encrypted", EncryptedDocument), ("scan", NoTextLayer),
                                         ("truncated", UnreadableDocument), ("corrupt", UnreadableDocument)])
def test_pdfium_engine_errors(bad_files, kind, error):
    with pytest.raises(error):
        parse_document(bad_files[kind], engine="pdfium")


@pytest.mark.parametrize("name", PDF_SAMPLES)
def test_both_pdf_engines_read_the_same_lines(root, name):
    data = (root / "samples" / name).read_bytes()
    pdfium, pages, _ = read_pdf(data, name, "pdfium")
    plumber, plumber_pages, _ = read_pdf(data, name, "pdfplumber")
    assert pages == plumber_pages and len(pdfium) == len(plumber)
    for a, b in zip(pdfium, plumber):
        # glyph boxes (PDFium) and advance boxes (pdfminer) differ by a point at most
        assert (a.text.replace(" ", ""), a.caption, a.page, a.bold, a.gap_before) == \
            (b.text.replace(" ", ""), b.caption, b.page, b.bold, b.gap_before)
        assert abs(a.x0 - b.x0) <= 1.5 and abs(a.top - b.top) <= 1.5 and a.size == pytest.approx(b.size, abs=0.1)


def _runs_pdf() -> bytes:
    """One page whose lines are drawn by several text objects each."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 700, "Päätös")
    pdf.drawString(160, 700, "Lautakunta hyväksyi")
    text = pdf.beginText(72, 680)
    for font, words in (("Helvetica", "Esittelijä "), ("Helvetica-Bold", "tekninen johtaja"), ("Helvetica", " ja sihteeri")):
        text.setFont(font, 11)
        text.textOut(words)
    pdf.drawText(text)
    pdf.drawString(72, 660, "kaavat/")
    pdf.drawString(109, 660, "\xa0\xa0")   # an object of no-break spaces: boxes and runs do not pair up
    x = 300.0
    for char in "Sivu 1 (49)":   # a glyph at a time, each at its advance
        pdf.drawString(x, 640, char)
        x += pdf.stringWidth(char, "Helvetica", 11)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_pdfium_runs_follow_text_objects():
    from minutes.parse.readers.pdf import ENGINES

    (page,) = ENGINES["pdfium"].iter_pages(_runs_pdf(), "runs.pdf")
    words = [(w.text, round(w.x0), w.bold) for w in page.words]
    assert words[:5] == [("Päätös", 73, False), ("Lautakunta hyväksyi", 161, False),
                         ("Esittelijä", 73, False), ("tekninen johtaja", 116, True), ("ja sihteeri", 200, False)]
    assert [w for w, _, _ in words[5:]] == ["kaavat/", "Sivu", "1", "(49)"]   # read once, glyphs joined
    assert {round(w.top) for w in page.words[:2]} == {133} and all(w.size == 11 for w in page.words)


def test_pdfium_and_pdfplumber_agree_on_lines_of_many_objects():
    data = _runs_pdf()
    pdfium = [(line.caption, line.text) for line in read_pdf(data, "runs.pdf", "pdfium")[0]]
    plumber = [(line.caption, line.text) for line in read_pdf(data, "runs.pdf", "pdfplumber")[0]]
    assert pdfium == plumber


def test_pdfium_reads_a_rotated_page_upright():
    """A page turned with /Rotate (a landscape table page) keeps its lines readable."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1)
    pdf.setPageRotation(90)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 700, "§ 5 Kaavan hyväksyminen")
    pdf.drawString(72, 680, "Päätös")
    pdf.drawString(160, 680, "Hyväksyttiin.")
    pdf.showPage()
    pdf.save()
    lines, pages, heights = read_pdf(out.getvalue(), "rotated.pdf", "pdfium")
    assert [line.text for line in lines] == ["§ 5 Kaavan hyväksyminen", "Päätös Hyväksyttiin."]
    assert lines[0].top < lines[1].top < heights[1]


def test_header_at_the_same_place_is_furniture_when_appendices_fill_most_pages():
    """Minutes pages carry "Protokoll 16 § ... Sida" at one height; appended attachments (more than
    half of the pages) carry headers of their own, so the minutes' header is on too few pages to
    count by share alone."""
    from minutes.parse.document import Line
    from minutes.parse.furniture import remove_furniture

    appendix = ["Talousarvion toteuma", "Kartta", "Lausunto", "Hakemus", "Tarjousvertailu", "Sopimus", "Muistio"]
    lines = []
    for page in range(1, 11):
        if page in (1, 2, 6):
            lines += [Line(f"Protokoll {10 + page} § 28.03.2023 Sida", page=page, top=77.3),
                      Line("Lautakunta hyväksyi ehdotuksen.", page=page, top=800.0)]
        else:
            lines += [Line(appendix.pop(), page=page, top=30.0 + page), Line("Yhteensä", page=page, top=300.0)]
    body, furniture = remove_furniture(lines, 10, {page: 842.0 for page in range(1, 11)})
    assert [line.text for line in furniture] == [f"Protokoll {10 + p} § 28.03.2023 Sida" for p in (1, 2, 6)]
    # a repeated line without numbers at one place is text: items printed one per page alike
    assert sum(line.text == "Lautakunta hyväksyi ehdotuksen." for line in body) == 3


def test_pdfium_page_text_read_by_character_matches_the_fast_read(root):
    """The fallback for pages whose text does not align with PDFium's character indices gives
    the same text where both work."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from minutes.parse.readers.pdfium_engine import _PdfiumPage

    pdf = pdfium.PdfDocument((root / "samples" / "kuusisto-kh-2025-03-24.pdf").read_bytes())
    try:
        page = pdf[1]
        textpage = page.get_textpage()
        reader = _PdfiumPage(raw, textpage, page.get_size()[1], 600, None)
        text = reader._text()
        assert len(text) == textpage.count_chars() > 100
        assert reader._text_by_char(textpage.count_chars()) == text
        textpage.close()
        page.close()
    finally:
        pdf.close()


def test_the_choices_the_command_line_shows_are_the_readers_own():
    """``minutes.parse.choices`` names the engines as plain data (the command line shows them without
    loading a reader): the same names as the engines the readers have."""
    from minutes.parse import choices, readers

    assert sorted(choices.ENGINE_NAMES) == sorted(readers.ENGINES)
    assert choices.DEFAULT_ENGINE in readers.ENGINES
    assert (readers.DEFAULT_ENGINE, readers.DEFAULT_OCR, readers.OCR_MODES, readers.DEFAULT_MAX_BYTES) == (
        choices.DEFAULT_ENGINE, choices.DEFAULT_OCR, choices.OCR_MODES, choices.DEFAULT_MAX_BYTES)
