"""A draft strategy file from a strategy document (issue 14): the goal list after the heading that
announces it, numbered or bulleted, sub-goals one level deeper, in Finnish and Swedish; the draft
is a file ``minutes strategy add`` accepts. The documents are the team's own, in several layouts."""

from __future__ import annotations

from click.testing import CliRunner

import pytest

from minutes.cli import main
from minutes.parse.strategy import read_strategy
from minutes.parse.strategy_draft import draft_strategy, strategy_yaml

NUMBERED = """Kuusiston kaupunki
Kuusiston kaupunkistrategia 2025–2030
Hyväksytty kaupunginvaltuustossa 16.12.2024

Visio
Kuusisto on rohkea ja vihreä kaupunki.

Strategiset tavoitteet

1. Hyvinvoiva kuusistolainen
   1.1 Liikkuvat lapset ja nuoret
   1.2 Ikäihmisten kotona asuminen
2. Elinvoimainen Kuusisto
3. Kestävä talous
   3.1 Investoinnit tulorahoituksella

Strategian toteutumista seurataan vuosittain.
"""

BULLETED = """Järvelän kunta
Järvelän kuntastrategia

Johdanto
1. Strategia on kunnan tärkein asiakirja.
2. Se ohjaa talousarviota.

Päämäärät
• Turvallinen arki
    • Toimivat peruspalvelut
    • Kevyen liikenteen väylät
• Vireä yrittäjyys
• Vastuullinen talous
"""

PARENTHESES = """Rantalan kunta
Strategia 2024–2028

Painopisteet:
1) Lapset ensin
2) Yhteisöllinen kylä
3) Luonto ja ympäristö
"""

SWEDISH = """Strandviks stad
Strategi för Strandviks stad 2023–2027

Mål
– Trygg vardag för alla
– Ett livskraftigt näringsliv
– En hållbar ekonomi
"""

NO_HEADING = """Lahdenperän kaupunki
Lahdenperän strategia 2026

A. Osaava Lahdenperä
B. Vihreä Lahdenperä
"""


@pytest.mark.parametrize("text, name, organization, period, goals", [
    (NUMBERED, "Kuusiston kaupunkistrategia 2025–2030", "Kuusiston kaupunki", (2025, 2030),
     [("Hyvinvoiva kuusistolainen", ["Liikkuvat lapset ja nuoret", "Ikäihmisten kotona asuminen"]),
      ("Elinvoimainen Kuusisto", []), ("Kestävä talous", ["Investoinnit tulorahoituksella"])]),
    (BULLETED, "Järvelän kuntastrategia", "Järvelän kunta", None,
     [("Turvallinen arki", ["Toimivat peruspalvelut", "Kevyen liikenteen väylät"]), ("Vireä yrittäjyys", []),
      ("Vastuullinen talous", [])]),        # the numbered list before the goals heading is not it
    (PARENTHESES, "Strategia 2024–2028", "Rantalan kunta", (2024, 2028),
     [("Lapset ensin", []), ("Yhteisöllinen kylä", []), ("Luonto ja ympäristö", [])]),
    (SWEDISH, "Strategi för Strandviks stad 2023–2027", "Strandviks stad", (2023, 2027),
     [("Trygg vardag för alla", []), ("Ett livskraftigt näringsliv", []), ("En hållbar ekonomi", [])]),
    (NO_HEADING, "Lahdenperän strategia 2026", "Lahdenperän kaupunki", (2026, None),
     [("Osaava Lahdenperä", []), ("Vihreä Lahdenperä", [])]),
])
def test_a_draft_reads_the_goal_list(text, name, organization, period, goals):
    drafted = draft_strategy(text.splitlines())
    assert (drafted.name, drafted.organization) == (name, organization)
    if period:
        assert (drafted.period_from, drafted.period_to) == period
    assert [(g.title, [s.title for s in g.subgoals]) for g in drafted.goals] == goals


def test_the_draft_is_a_file_strategy_add_accepts(tmp_path):
    drafted = draft_strategy(NUMBERED.splitlines())
    path = tmp_path / "draft.yaml"
    path.write_text(strategy_yaml(drafted), encoding="utf-8")
    read = read_strategy(path)
    assert read == drafted and [g.id for g in read.goals] == ["hyvinvoiva-kuusistolainen", "elinvoimainen-kuusisto",
                                                             "kestava-talous"]


def test_the_draft_command_on_a_word_file(tmp_path):
    from docx import Document

    document = Document()
    for line in SWEDISH.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "strategi.docx"
    document.save(path)
    result = CliRunner().invoke(main, ["strategy", "draft", str(path)])
    assert result.exit_code == 0, result.output
    assert "organization: Strandviks stad" in result.stdout and "title: En hållbar ekonomi" in result.stdout


def test_a_document_without_goals_gives_a_draft_and_a_note(tmp_path):
    path = tmp_path / "muistio.txt"
    path.write_text("Kuusiston kaupunki\nMuistio\n\nKokous pidettiin kaupungintalolla.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["strategy", "draft", str(path)])
    assert result.exit_code == 0 and "no list of goals found" in result.stderr and "goals: []" in result.stdout
    missing = CliRunner().invoke(main, ["strategy", "draft", str(tmp_path / "ei.pdf")])
    assert missing.exit_code != 0 and "ei.pdf" in missing.stderr
