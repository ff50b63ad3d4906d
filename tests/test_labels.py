"""Labels inside a section: a proposal's own justification stays in the proposal; a note in the
minutes after the decision is a notice."""

from __future__ import annotations

import pytest
from markup import parse

ITEM = """@header Koivulan kaupunki | Pöytäkirja | 5/2025 | {{page}}
# § 21 Avustukset urheiluseuroille
  Seurat ovat hakeneet avustuksia kuluvalle vuodelle.
> Ehdotus | Lautakunta myöntää avustukset liitteen mukaisesti.
  {justification}
  Määräraha riittää kaikkiin hakemuksiin.
> Päätös | Ehdotus hyväksyttiin yksimielisesti.
  {note}
  Maija Malli poistui kokouksesta asian käsittelyn ajaksi.
# § 22 Muut asiat
> Päätös | Ei muita asioita.
"""


@pytest.mark.parametrize("fmt,justification,note", [
    (fmt, "Perustelut:", "Pöytäkirjamerkintä:") for fmt in ("pdf-casem", "pdf-tweb", "text", "html", "docx")] + [
    (fmt, "Perustelut", "Pöytäkirjamerkintä") for fmt in ("pdf-casem", "pdf-tweb", "text")])
# (the HTML and DOCX renderers join plain lines into one paragraph: without a colon the label
# would be glued to the sentence)
def test_justification_stays_in_the_proposal_and_a_note_is_a_notice(fmt, justification, note):
    item = parse(ITEM.format(justification=justification, note=note), fmt).items[0]
    kinds = [s.kind for s in item.sections]
    assert kinds == ["background", "proposal", "decision", "notice"]
    proposal = item.sections[1].text
    assert "Määräraha riittää" in proposal and "Perustelut" in proposal
    assert item.sections[2].text == "Ehdotus hyväksyttiin yksimielisesti."
    assert item.sections[3].text == "Maija Malli poistui kokouksesta asian käsittelyn ajaksi."


@pytest.mark.parametrize("fmt", ["pdf-casem", "html"])
def test_a_justification_printed_as_a_heading_opens_its_own_section(fmt):
    markup = ITEM.format(justification="", note="").replace("  Määräraha", "# Perustelut\n  Määräraha")
    item = parse(markup, fmt).items[0]
    assert [s.kind for s in item.sections][:4] == ["background", "proposal", "background", "decision"]
