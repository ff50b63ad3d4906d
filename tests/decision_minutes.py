"""Two meetings of one town written by the team for the tests of the decisions' tables, search
filters, ``minutes person`` and ``minutes stats``: a board meeting with a roll-call vote on a
motion to return, a disqualification and a motion to table (two members named Hella, a Maija
Virtanen), and a council meeting a year earlier with an adopted amendment and a dissent (a Sanna
Virtanen). ``write_minutes(folder)`` writes them as text files and returns their paths."""

from __future__ import annotations

from pathlib import Path

BOARD = "esimerkin-kaupunki/kaupunginhallitus/2025-03-03"
COUNCIL = "esimerkin-kaupunki/kaupunginvaltuusto/2024-11-18"

BOARD_MINUTES = """Esimerkin kaupunki
Kaupunginhallitus
Pöytäkirja 4/2025
 Aika 3.3.2025 klo 17:00 - 19:00
 Paikka Kaupungintalo

Läsnä
Maija Virtanen, puheenjohtaja
Pekka Hella, jäsen
Juha Hella, varajäsen
Olli Salo, jäsen
Aino Laine, jäsen
Eero Mäki, kaupunginjohtaja, esittelijä

§ 10 Uimahallin peruskorjaus
Esittelijä
Kaupunginjohtaja Eero Mäki
Ehdotus
Kaupunginhallitus hyväksyy uimahallin peruskorjauksen hankesuunnitelman.
Käsittely
Jäsen Pekka Hella ehdotti Maija Virtasen kannattamana, että asia palautetaan valmisteluun.
Puheenjohtaja totesi, että on tehty esittelijän ehdotuksesta poikkeava kannatettu ehdotus, joten asiasta on äänestettävä.
Äänestyksessä annettiin 3 JAA-ääntä (Virtanen, Salo, Laine) ja 2 EI-ääntä (Pekka Hella, Juha Hella).
Päätös
Kaupunginhallitus hyväksyi esittelijän ehdotuksen äänin 3–2.

§ 11 Tontin myynti
Esittelijä
Kaupunginjohtaja Eero Mäki
Ehdotus
Kaupunginhallitus myy tontin 12 Yritys Oy:lle.
Käsittely
Juha Hella ilmoitti olevansa esteellinen (asianosaisjäävi) ja poistui kokouksesta asian käsittelyn ajaksi.
Päätös
Hyväksyttiin.

§ 12 Lausunto kaavasta
Esittelijä
Kaupunginjohtaja Eero Mäki
Ehdotus
Kaupunginhallitus antaa lausunnon.
Käsittely
Jäsen Aino Laine ehdotti Olli Salon kannattamana, että asia jätetään pöydälle.
Päätös
Asia jätettiin pöydälle.
"""

COUNCIL_MINUTES = """Esimerkin kaupunki
Kaupunginvaltuusto
Pöytäkirja 8/2024
 Aika 18.11.2024 klo 18:00 - 21:00
 Paikka Kaupungintalo

Läsnä
Olli Salo, puheenjohtaja
Pekka Hella
Sanna Virtanen
Aino Laine

§ 5 Talousarvio 2025
Ehdotus
Kaupunginvaltuusto hyväksyy talousarvion vuodelle 2025.
Käsittely
Valtuutettu Sanna Virtanen ehdotti Aino Laineen kannattamana, että kirjastolle lisätään 20 000 euroa.
Kaupunginvaltuusto hyväksyi yksimielisesti Virtasen muutosehdotuksen.
Päätös
Kaupunginvaltuusto hyväksyi talousarvion Sanna Virtasen muutosehdotuksen mukaisesti muutettuna.
Pekka Hella jätti päätöksestä eriävän mielipiteen.

§ 6 Valtuutetun eronpyyntö
Ehdotus
Kaupunginvaltuusto myöntää eron.
Päätös
Hyväksyttiin.
"""


def write_minutes(folder: Path) -> list[Path]:
    """The two meetings as text files in ``folder``: the board's, then the council's."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "esimerkki-kh-2025-03-03.txt", folder / "esimerkki-kv-2024-11-18.txt"]
    for path, text in zip(paths, (BOARD_MINUTES, COUNCIL_MINUTES)):
        path.write_text(text, encoding="utf-8")
    return paths


def store_minutes(store, folder: Path) -> None:
    """The two meetings written to ``folder``, parsed and stored in ``store``."""
    from minutes import parse_document

    for document in write_minutes(folder):
        store.upsert(parse_document(document))
