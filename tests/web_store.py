"""The store the web tests read, written by the team: the samples, the two meetings of
``decision_minutes`` (a roll-call vote, motions, a disqualification, a dissent), a council meeting
whose item cites the board's decision (a reference to follow), and an item whose title and text
are hostile markup (a ``<script>``, a ``javascript:`` link, HTML-looking titles), with a strategy
whose goal text is hostile too. ``build(folder)`` returns the database's path."""

from __future__ import annotations

from pathlib import Path

from decision_minutes import BOARD, store_minutes

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = '<script>alert("x")</script>'
HOSTILE_LINK = 'javascript:alert(1)'
COUNCIL_2025 = "esimerkin-kaupunki/kaupunginvaltuusto/2025-04-14"
CITING = f"{COUNCIL_2025}/20"
CITED = f"{BOARD}/10"
HOSTILE_ITEM = f"{COUNCIL_2025}/21"

COUNCIL_MINUTES = f"""Esimerkin kaupunki
Kaupunginvaltuusto
Pöytäkirja 3/2025
 Aika 14.4.2025 klo 18:00 - 20:00
 Paikka Kaupungintalo

Läsnä
Olli Salo, puheenjohtaja
Pekka Hella
Aino Laine

§ 20 Uimahallin peruskorjauksen rahoitus
Kaupunginhallitus 3.3.2025 § 10 hyväksyi uimahallin peruskorjauksen hankesuunnitelman.
Peruskorjauksen kustannusarvio on 4 200 000 euroa.
Ehdotus
Kaupunginvaltuusto myöntää uimahallin peruskorjaukseen 4 200 000 euron määrärahan.
Päätös
Hyväksyttiin.

§ 21 Aloite <b>uimahallista</b> {HOSTILE} ja <a href="{HOSTILE_LINK}">linkki</a>
Kaupunkilaiset ovat lähettäneet aloitteen <img src=x onerror=alert(2)> uimahallin aukioloajoista.
Lisätietoja {HOSTILE_LINK} ja <iframe src="{HOSTILE_LINK}"></iframe> sekä &lt;tag&gt; ja &amp; merkit.
Ehdotus
Kaupunginvaltuusto merkitsee aloitteen tiedoksi. {HOSTILE}
Päätös
Hyväksyttiin.
"""

STRATEGY = f"""organization: Esimerkin kaupunki
name: Esimerkki 2030 {HOSTILE}
period: {{from: 2024, to: 2030}}
goals:
  - id: liikkuva
    title: Liikkuva kaupunki <i>{HOSTILE}</i>
    description: Uimahallit ja liikuntapaikat kunnossa. {HOSTILE_LINK}
    keywords: [uimahalli, liikuntapaikka]
  - id: talous
    title: Tasapainoinen talous
    keywords: [talousarvio, määräraha]
"""


def build(folder: Path, target: str | Path | None = None) -> str | Path:
    """The store in ``folder`` ("web.db"), or in ``target`` (a PostgreSQL URL), with everything
    above stored and the strategies of the samples and of Esimerkin kaupunki added; its target."""
    from minutes import parse_document
    from minutes.parse.strategy import read_strategy
    from minutes.store import open_store

    folder.mkdir(parents=True, exist_ok=True)
    db = target or folder / "web.db"
    with open_store(db) as store:
        for sample in sorted((ROOT / "samples").iterdir()):
            if sample.suffix in (".pdf", ".txt", ".html", ".docx"):
                store.upsert(parse_document(sample))
        store_minutes(store, folder / "minutes")
        council = folder / "minutes" / "esimerkki-kv-2025-04-14.txt"
        council.write_text(COUNCIL_MINUTES, encoding="utf-8")
        store.upsert(parse_document(council))
        store.refresh_search()
        strategy_file = folder / "esimerkki-strategia.yaml"
        strategy_file.write_text(STRATEGY, encoding="utf-8")
        store.add_strategy(read_strategy(strategy_file))
        store.add_strategy(read_strategy(ROOT / "samples" / "rantala-strategia.yaml"))
    return db
