"""Links between the sample meetings: earlier handlings and references resolve to stored items
whatever the ingest order, and the chain of a matter runs across bodies in date order."""

from pathlib import Path

import pytest

from minutes.batch import run_batch
from minutes.record import slugify
from minutes.store.links import body_key, chain
from minutes.store.sqlite import Store

ROOT = Path(__file__).resolve().parent.parent
TL = ROOT / "samples" / "jarvela-tekltk-2025-05-14.pdf"
KH = ROOT / "samples" / "jarvela-kh-2025-03-10.txt"
TL44 = "jarvelan-kunta/tekninen-lautakunta/2025-05-14/44"
KH57 = "jarvelan-kunta/kunnanhallitus/2025-03-10/57"


@pytest.mark.parametrize("order", [(TL, KH), (KH, TL)], ids=["handling-first", "decision-first"])
def test_handlings_resolve_whatever_the_order(tmp_path, order):
    with Store(tmp_path / "m.db") as store:
        for path in order:
            run_batch(store, [path], jobs=0)
        links = store.item_links(TL44)
        assert [(h["body"], h["number"], h["resolved_to"]) for h in links["history"]] == [
            ("Tekninen lautakunta", 12, None), ("Kunnanhallitus", 57, KH57)]
        assert store.item_links(KH57)["referenced_by"] == [TL44]


def test_references_keep_unresolved_ones(tmp_path):
    with Store(tmp_path / "m.db") as store:
        run_batch(store, [TL, KH], jobs=0)
        refs = store.item_links(KH57)["references"]
    assert [(r["body"], r["number"], r["resolved_to"]) for r in refs] == [
        ("Tekninen lautakunta", 12, None), ("Kunnanvaltuusto", 88, None)]


def test_replacing_a_document_keeps_links_right(tmp_path):
    kh = tmp_path / "kh.txt"
    kh.write_bytes(KH.read_bytes())
    with Store(tmp_path / "m.db") as store:
        run_batch(store, [TL, kh], jobs=0)
        kh.write_text(KH.read_text(encoding="utf-8").replace("Hyväksyttiin.", "Hyväksyttiin yksimielisesti."),
                      encoding="utf-8")
        assert run_batch(store, [kh], jobs=0).counts["updated"] == 1
        history = store.item_links(TL44)["history"]
    assert history[1]["resolved_to"] == KH57


def test_chain_runs_across_bodies_in_date_order(tmp_path):
    with Store(tmp_path / "m.db") as store:
        run_batch(store, [ROOT / "samples"], jobs=0)
        steps = chain(store.conn, store.item_pk(TL44))
    assert [(s.date, s.body, s.number, s.item_id) for s in steps] == [
        ("2025-02-18", "Tekninen lautakunta", 12, None),
        ("2025-03-10", "Kunnanhallitus", 57, KH57),
        ("2025-05-14", "Tekninen lautakunta", 44, TL44),
    ]


def test_items_sharing_a_diary_number_are_one_matter(tmp_path):
    with Store(tmp_path / "m.db") as store:
        run_batch(store, [ROOT / "samples"], jobs=0)
        steps = chain(store.conn, store.item_pk("jarvelan-kunta/kunnanhallitus/2025-03-10/58"))
    assert [s.item_id for s in steps] == ["jarvelan-kunta/kunnanhallitus/2025-03-10/58",
                                          "jarvelan-kunta/tekninen-lautakunta/2025-05-14/43"]
    assert steps[1].via == "case"


@pytest.mark.parametrize("name, key", [("Kaupunginvaltuusto", "valtuusto"), ("KV", "valtuusto"),
                                       ("kunnanvaltuuston", "valtuusto"), ("Kunnanhallitus", "hallitus"),
                                       ("Tekninen lautakunta", "tekninen-lautakunta"),
                                       ("teknisen lautakunnan", "tekninen-lautakunta"),
                                       ("Stadsfullmäktige", "fullmaktige")])
def test_body_keys_match_across_forms(name, key):
    assert body_key(name) == key


COUNCIL = """{organization}
{body}
Pöytäkirja 4/2017
 Aika {day} klo 17:00 - 18:30

§ {number} Uimahallin peruskorjauksen hankesuunnitelma
{stage}
Ehdotus
Esitetään hankesuunnitelman hyväksymistä.
Päätös
Hyväksyttiin.
"""

# organisation, the stored board's name, the stage line printed in the council's item, resolves
ABBREVIATED_STAGES = [
    ("Rantalan kaupunki", "Kaupunginhallitus", "Kh 20.3.2017 § 66", True),
    ("Rantalan kaupunki", "Kaupunginhallitus", "Khall 20.3.2017 § 66", True),
    ("Rantalan kaupunki", "Kaupunginhallitus", "KH 20.3.2017 § 66", True),
    ("Mäkelän kunta", "Kunnanhallitus", "Kh 20.3.2017 § 66", True),
    ("Rantalan kaupunki", "Kaupunginhallitus", "Kaupunginhallitus 20.3.2017 § 66", True),
    # only Helsinki's table knows "Ylj": resolved by its full name, found with the organisation
    ("Helsingin kaupunki", "Kaupunkiympäristölautakunnan ympäristö- ja lupajaosto", "Ylj 20.3.2017 § 66", True),
    ("Rantalan kaupunki", "Kaupunginhallitus", "Kh 20.3.2017 § 67", False),
    ("Rantalan kaupunki", "Kaupunginhallitus", "Tela 20.3.2017 § 66", False),
]


@pytest.mark.parametrize("organization, board, line, resolves", ABBREVIATED_STAGES)
def test_an_abbreviated_handling_resolves_to_the_stored_item(tmp_path, organization, board, line, resolves):
    (tmp_path / "kh.txt").write_text(COUNCIL.format(organization=organization, body=board, day="20.3.2017",
                                                    number=66, stage=""), encoding="utf-8")
    (tmp_path / "kv.txt").write_text(COUNCIL.format(organization=organization, body="Valtuusto", day="10.4.2017",
                                                    number=21, stage=line), encoding="utf-8")
    with Store(tmp_path / "m.db") as store:
        run_batch(store, [tmp_path / "kv.txt", tmp_path / "kh.txt"], jobs=0)
        (council,) = [i for i in store.conn.execute("SELECT id FROM items").fetchall() if "/21" in i[0]]
        (stage,) = store.item_links(council[0])["history"]
    board_id = f"{slugify(organization)}/{slugify(board)}/2017-03-20/66"
    assert stage["body"] == line.split()[0]
    assert stage["resolved_to"] == (board_id if resolves else None)
