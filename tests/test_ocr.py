"""OCR (Tesseract): scanned PDFs and pages whose text layer is unreadable (`--ocr auto`, the
default), `--ocr never` and `--ocr always`; the text-layer quality score."""

import io
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from minutes import parse_document
from minutes.errors import NoTextLayer, OcrUnavailable
from minutes.parse.document import Line
from minutes.parse.readers.ocr import repair, tesseract_available
from minutes.parse.readers.pdf_ocr import ocr_mode

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


@pytest.mark.parametrize("ocr", ["never", False])
def test_a_scan_without_ocr_has_no_text_layer(tmp_path, ocr):
    with pytest.raises(NoTextLayer, match=r"no text layer .*\(--ocr auto\)"):
        parse_document(_scan(tmp_path / "skannattu.pdf"), ocr=ocr)


@OCR
@pytest.mark.parametrize("ocr", ["auto", "always", True])
def test_a_scan_is_read_with_ocr(tmp_path, ocr):
    record = parse_document(_scan(tmp_path / "skannattu.pdf"), ocr=ocr)
    (item,) = record.items
    assert item.number == 101
    assert item.title == "Uimahallin aukioloajat"
    assert {s.kind: s.text for s in item.sections}["decision"] == "Aukioloajat hyväksyttiin."
    assert record.meeting.organization == "Järvelän kunta"


@pytest.mark.parametrize("read, repaired", [
    ("8 101", "§ 101"), ("$ 101 Uimahalli", "§ 101 Uimahalli"), ("S101", "§ 101"),
    ("39 8 Val av protokolljusterare", "39 § Val av protokolljusterare"),
    ("Kuntalain 103 8:n mukaan", "Kuntalain 103 §:n mukaan"),
    ("8 kappaletta", "8 kappaletta"), ("Sivu 3", "Sivu 3"), ("1208", "120 §"), ("398", "39 §"),
    ("2018", "2018"), ("1998", "1998"), ("1200", "1200"),
    ("208 Nationella kampanjen", "20 § Nationella kampanjen"), ("1988 Ändring av", "198 § Ändring av"),
    ("23$ Anhållan om", "23 § Anhållan om"), ("2008 budgeten", "2008 budgeten"),
    ("Protokoll 208 09.05.2023 Sida", "Protokoll 20 § 09.05.2023 Sida"),
    ("Ungdomsfullmäktige 9.5.2023, 20 8", "Ungdomsfullmäktige 9.5.2023, 20 §"),
    ("Summa 1208 euroa", "Summa 1208 euroa"),
    ("Ungdomsfullmäktige 20.2.2023, 13", "Ungdomsfullmäktige 20.2.2023, 13 §"),
    ("Kokous 20.2.2023, 13 henkilöä", "Kokous 20.2.2023, 13 henkilöä"),
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
    without = runner.invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "a.db"), "-q", "--ocr", "never"])
    assert without.exit_code == 8 and "[no_text_layer]" in without.stderr
    with_ocr = runner.invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "b.db"), "-q"])
    assert with_ocr.exit_code == 0, with_ocr.output
    assert with_ocr.stdout.startswith("1 inserted, 0 updated, 0 unchanged, 0 failed, 1 pages")


# --- broken text layers (`--ocr auto`) ---------------------------------------------------------

# Two pages of minutes: the first drawn with a font whose text layer is right, the second with a
# font whose /ToUnicode map sends every letter to another (ROT13), as broken glyph maps do: the
# page shows real words, its text layer reads "Hvznunyyva xbeandf".
BROKEN_LAYER_PAGES = {
    "fi": [
        ["Järvelän kunta          Pöytäkirja 6/2025", "Kunnanhallitus          16.06.2025", "",
         "§ 120", "Kirjaston aukioloajat",
         "Kirjaston aukioloajat muutetaan kesän ajaksi, koska kävijöitä on silloin vähemmän",
         "ja henkilökunta pitää lomansa kesällä. Muutoksesta tiedotetaan asukkaille hyvissä ajoin",
         "kunnan verkkosivuilla ja kirjaston ilmoitustaululla. Muutos koskee kaikkia toimipisteitä.",
         "Päätös", "Kunnanhallitus hyväksyi esityksen yksimielisesti."],
        ["§ 121", "Uimahallin korjaus",
         "Uimahallin katto on huonossa kunnossa ja se korjataan syksyllä, kun hallin kävijämäärät",
         "ovat pienimmillään. Korjauksen kustannukset katetaan talousarvion investointimäärärahoista",
         "ja työ kilpailutetaan hankintalain mukaisesti ennen kuin urakka aloitetaan.",
         "Päätös", "Kunnanhallitus hyväksyi korjauksen ja sen rahoituksen."],
    ],
    "sv": [
        ["Nykarleby stad          Protokoll 6/2025", "Stadsstyrelsen          16.06.2025", "",
         "120 §", "Bibliotekets öppettider",
         "Bibliotekets öppettider ändras under sommaren eftersom antalet besökare då är mindre",
         "och personalen har sina semestrar under sommaren. Om ändringen informeras invånarna",
         "i god tid på stadens webbplats och på bibliotekets anslagstavla i entrén.",
         "Beslut", "Stadsstyrelsen godkände förslaget enhälligt."],
        ["121 §", "Reparation av simhallen",
         "Simhallens tak är i dåligt skick och det repareras under hösten när antalet besökare",
         "är som minst. Kostnaderna för reparationen täcks med investeringsanslagen i budgeten",
         "och arbetet konkurrensutsätts enligt upphandlingslagen innan det påbörjas.",
         "Beslut", "Stadsstyrelsen godkände reparationen och dess finansiering."],
    ],
}
_ROT13 = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                       "nopqrstuvwxyzabcdefghijklmNOPQRSTUVWXYZABCDEFGHIJKLM")


def _broken_text_layer(path: Path, language: str) -> Path:
    """A two-page PDF: the first page in Helvetica (a right text layer), the second in Vera, an
    embedded font whose /ToUnicode map is rewritten to send each letter to another (ROT13)."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("TestVera", str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595.3, 841.9), pageCompression=0, invariant=1)
    for font, lines in zip(("Helvetica", "TestVera"), BROKEN_LAYER_PAGES[language]):
        for k, text in enumerate(lines):
            pdf.setFont(font, 11)
            pdf.drawString(70, 780 - k * 18, text)
        pdf.drawImage(_logo(), 420, 790, 120, 30)    # a logo: a picture with a word in it
        pdf.showPage()
    pdf.save()
    data = out.getvalue()
    start = data.index(b"beginbfchar")     # the only /ToUnicode map: the embedded font's
    end = data.index(b"endbfchar", start)

    def rot13(match: re.Match) -> bytes:
        char = chr(int(match.group(2), 16)).translate(_ROT13)
        return match.group(1) + f"<{ord(char):04X}>".encode()

    cmap = re.sub(rb"(<[0-9A-F]{2}> )<([0-9A-F]{4})>", rot13, data[start:end])   # same length: offsets hold
    assert cmap != data[start:end]
    path.write_bytes(data[:start] + cmap + data[end:])
    return path


def _logo():
    """A picture of the word LOGOTEXT, as a municipality's logo prints its name."""
    import reportlab
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (480, 120), 255)
    font = ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf"), 60)
    ImageDraw.Draw(image).text((20, 25), "LOGOTEXT", font=font, fill=0)
    return ImageReader(image)


def _ocr_pages(path: Path, ocr) -> tuple:
    from minutes.parse.readers import read_document

    return read_document(path, ocr=ocr).metadata.get("ocr_pages", ())


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_broken_test_page_has_a_garbled_text_layer(tmp_path, language):
    record = parse_document(_broken_text_layer(tmp_path / "rikki.pdf", language), ocr="never")
    assert [i.number for i in record.items] == [120, 121]
    assert record.items[1].title == BROKEN_LAYER_PAGES[language][1][1].translate(_ROT13)
    assert not any("text layer" in w.message for w in record.warnings)


@OCR
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_auto_reads_only_the_broken_page_by_ocr_and_names_it(tmp_path, language):
    path = _broken_text_layer(tmp_path / "rikki.pdf", language)
    record = parse_document(path)            # ocr="auto" is the default
    assert _ocr_pages(path, "auto") == (2,)
    (warning,) = [w for w in record.warnings if "text layer" in w.message]
    assert warning.page == 2
    assert re.fullmatch(r"text layer unreadable \(\d+ % known words\); read by OCR", warning.message)
    titles = {i.number: i.title for i in record.items}
    assert titles == {120: BROKEN_LAYER_PAGES[language][0][4], 121: BROKEN_LAYER_PAGES[language][1][1]}
    decision = {s.kind: s.text for s in record.items[1].sections}["decision"]
    assert decision == BROKEN_LAYER_PAGES[language][1][-1]
    from minutes.parse.readers import read_document

    read = read_document(path)
    assert not any("LOGOTEXT" in line.full_text for line in read.lines + read.furniture)   # the logo's word
    always = read_document(path, ocr="always")
    assert any("LOGOTEXT" in line.full_text for line in always.lines + always.furniture)


@OCR
def test_never_reads_no_page_and_always_every_page_by_ocr(tmp_path):
    path = _broken_text_layer(tmp_path / "rikki.pdf", "fi")
    assert _ocr_pages(path, "never") == ()
    assert _ocr_pages(path, "always") == (1, 2)
    assert not [w for w in parse_document(path, ocr="always").warnings if "text layer" in w.message]


def test_without_tesseract_auto_keeps_the_text_layer_and_warns_once(tmp_path, monkeypatch):
    from minutes.parse.readers import pdf_ocr

    monkeypatch.setattr(pdf_ocr, "tesseract_available", lambda: False)
    record = parse_document(_broken_text_layer(tmp_path / "rikki.pdf", "fi"))
    (warning,) = [w for w in record.warnings if "text layer" in w.message]
    assert warning.page is None
    assert re.fullmatch(r"text layer unreadable on page 2 \(\d+ % known words\); install Tesseract to read it "
                        r"by OCR: apt-get install .*", warning.message)
    assert record.items[1].title == BROKEN_LAYER_PAGES["fi"][1][1].translate(_ROT13)
    with pytest.raises(NoTextLayer, match="no text layer .*install Tesseract"):
        parse_document(_scan(tmp_path / "skannattu.pdf"))
    with pytest.raises(OcrUnavailable, match="needs Tesseract"):
        parse_document(tmp_path / "rikki.pdf", ocr="always")


@pytest.mark.parametrize("value, mode", [
    (None, "auto"), (True, "auto"), (False, "never"), ("auto", "auto"), ("never", "never"), ("always", "always"),
])
def test_the_ocr_argument_takes_modes_and_the_old_bools(value, mode):
    assert ocr_mode(value) == mode


def test_an_unknown_ocr_mode_is_refused():
    with pytest.raises(ValueError, match="auto, never, always"):
        ocr_mode("sometimes")


# --- the quality score, on word lists ------------------------------------------------------------

WORDS = ["kunnanhallitus", "hyväksyi", "esityksen", "nämnden", "godkänner", "förslaget", "och", "att",
         "ja", "että", "päätös", "beslut", "stads", "styrelsen", "välfärds"]


def _check(languages=("fi", "sv"), **rules):
    from minutes.language.lexicon import load_text_layer
    from minutes.parse.readers.text_quality import TextLayerCheck, WordListVocabulary

    base = load_text_layer()
    rules = replace(base, lexicon_words={k: frozenset() for k in base.lexicon_words}, **rules)
    return TextLayerCheck([WordListVocabulary(lang, WORDS, base.swedish_compound_parts, base.swedish_linking)
                           for lang in languages], rules)


SCORE_TESTS = [
    # (page text, known / scored tokens, language, unreadable)
    ("kunnanhallitus hyväksyi esityksen ja päätös " * 5, (20, 20), "fi", False),
    ("nämnden godkänner förslaget och beslut " * 5, (25, 25), "sv", False),
    ("nämnden gjdkänner förslagyt och beslat " * 5, (10, 25), "sv", True),
    ("stadsstyrelsen och välfärdsnämnden att " * 10, (30, 30), "sv", False),     # compounds; the first 30 known: no more looked up
    ("stadsstrrelsen och vvllvrdsnämnden att " * 10, (20, 40), "sv", True),
    ("Lindvall Mikael Norrgård Backman och " * 10 + "nämnden godkänner " * 10, (30, 30), "sv", False),  # names
    ("nämnden godkänner, förslaget 12.3.2025 och " * 3, None, "sv", False),    # 9 tokens: too few to judge
]


@pytest.mark.parametrize("text, counts, language, unreadable", SCORE_TESTS)
def test_the_quality_score_of_a_page(text, counts, language, unreadable):
    check = _check()
    quality = check.score(1, text.split())
    assert ((quality.known, quality.tokens) if quality else None) == counts
    assert check.language_of(text.split()) == language
    assert check.unreadable(quality) is unreadable


def test_a_page_in_a_language_without_a_dictionary_is_never_judged():
    check = _check(languages=("fi",))
    assert check.score(1, ("nämnden gjdkänner förslagyt och beslat " * 5).split()) is None
    assert _check(languages=("fi",)).score(1, ("kunnanhallitus hyväksyi esityksen ja " * 7).split()).known == 21


def test_at_most_the_sample_size_is_looked_up():
    check = _check(sample=50, min_words=10)
    good = check.score(1, ("kunnanhallitus hyväksyi esityksen ja päätös " * 100).split())
    assert (good.tokens, good.known) == (30, 30)      # the first 30 are clearly known: no more
    garbled = check.score(1, ("kunnanhallitus hyväksyi qwxz " * 101).split())   # two known in three
    assert garbled.tokens == 50 and 20 <= garbled.known <= 40


def test_the_swedish_word_list_is_read_from_a_file(tmp_path):
    from minutes.parse.readers.text_quality import WordListVocabulary

    (tmp_path / "swedish").write_bytes("nämnd\nnämnden\nstyrelse\nstyrelsen\nstad\n".encode("latin-1"))
    vocabulary = WordListVocabulary.read("sv", tmp_path / "swedish", "latin-1", 3, ["s"])
    assert [vocabulary.knows(w) for w in ("nämnden", "stadsstyrelsen", "stadsstrrelsen", "nämn")] == \
        [True, True, False, False]


@pytest.mark.skipif(not Path("/usr/share/dict/swedish").is_file(), reason="needs wswedish (scripts/setup.sh)")
def test_the_installed_dictionaries_know_minutes_and_not_broken_glyph_maps():
    from minutes.parse.readers.text_quality import text_layer_check

    check = text_layer_check()
    if check.languages != {"fi", "sv"}:
        pytest.skip("needs Voikko and wswedish (scripts/setup.sh)")
    known = ["välfärdsnämnden", "protokollet", "föredragningslistan", "kunnanhallitus", "pöytäkirjan"]
    broken = ["protokojjet", "vvllvrdsnvmndens", "stadsstrrelsen", "omprövmnmg", "begälrnm"]
    assert all(map(check.knows, known)) and not any(map(check.knows, broken))


def test_the_cli_ocr_modes_and_their_exit_codes(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from minutes.cli import main
    from minutes.parse.readers import pdf_ocr

    scan = str(_scan(tmp_path / "skannattu.pdf"))
    runner = CliRunner()
    never = runner.invoke(main, ["parse", "--ocr", "never", scan])
    assert never.exit_code == 6 and "no text layer" in never.stderr and "(--ocr auto)" in never.stderr
    monkeypatch.setattr(pdf_ocr, "tesseract_available", lambda: False)
    always = runner.invoke(main, ["parse", "--ocr", "always", scan])
    assert always.exit_code == 2
    assert always.stderr.startswith(f"minutes: error: {scan}: OCR of every page needs Tesseract: apt-get install")
    assert runner.invoke(main, ["parse", "--ocr", "sometimes", scan]).exit_code == 2


def test_the_text_layer_rules_are_validated(monkeypatch):
    from minutes.errors import LexiconError
    from minutes.language import lexicon

    rules = lexicon.load_text_layer()
    assert 0 < rules.min_known < rules.clearly_known <= 1 and rules.first_sample <= rules.sample
    assert {"beslut", "päätös"} <= rules.lexicon_words["sv"] | rules.lexicon_words["fi"]
    real = lexicon._read

    def bad(name):
        data = real(name)
        if name == "patterns.toml":
            data = {**data, "text_layer": {**data["text_layer"], "min_known": 0.95}}
        return data

    lexicon.load_text_layer.cache_clear()
    monkeypatch.setattr(lexicon, "_read", bad)
    try:
        with pytest.raises(LexiconError, match=r"\[text_layer\]: need 0 < min_known < clearly_known"):
            lexicon.load_text_layer()
    finally:
        lexicon.load_text_layer.cache_clear()
