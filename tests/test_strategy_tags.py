"""Strategy tags in the store and on the command line (issue 14): computed when a strategy is added
or changed and when items are ingested, removed with the strategy, the same whatever the order;
`strategy tags`, `strategy report` in every format with its chart, `search --goal`. The minutes
are the team's own, written as text files."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from minutes.batch import run_batch
from minutes.cli import main
from minutes.parse.strategy import read_strategy
from minutes.store import Filters
from minutes.store.sqlite import Store

BOARD = "koivulan-kaupunki/kaupunginhallitus/2025-04-07"

MINUTES = {
    "kh-2025-04-07.txt": """Koivulan kaupunki
Kaupunginhallitus
Pöytäkirja 5/2025
 Aika 7.4.2025 klo 17:00 - 19:00
 Paikka Kaupungintalo

§ 40 Kokouksen laillisuus ja päätösvaltaisuus
Ehdotus
Todetaan kokous lailliseksi. Liikunta ja nuorison harrastukset mainitaan tässä vain kokeeksi.
Päätös
Hyväksyttiin.

§ 41 Nuorison liikuntaharrastusten avustukset
Ehdotus
Kaupunginhallitus myöntää nuorison liikuntaharrastuksiin avustuksia kaupunkistrategian mukaisesti.
Päätös
Hyväksyttiin.

§ 42 Asemakaavan muutos yritysalueelle
Ehdotus
Asemakaavan muutoksella yritykset voivat laajentaa toimintaansa ja elinkeinot vahvistuvat.
Päätös
Hyväksyttiin.

§ 43 Uuden liikuntahallin hankesuunnitelma
Ehdotus
Kaupunginhallitus hyväksyy liikuntahallin hankesuunnitelman nuorison harrastuksia varten.
Päätös
Asia jätettiin pöydälle.

§ 44 Liikuntapaikat <script>alert(1)</script> & "nuoriso"
Ehdotus
Kaupunki kunnostaa <b>liikuntapaikat</b> nuorison harrastuksia varten.
Päätös
Hyväksyttiin.

§ 45 Hyvinvointilautakunnan lausunto
Ehdotus
Hyvinvointilautakunta ja hyvinvointijohtaja antavat lausunnon hyvinvointialueelle.
Päätös
Hyväksyttiin.
""",
    "kh-2022-03-07.txt": """Koivulan kaupunki
Kaupunginhallitus
Pöytäkirja 3/2022
 Aika 7.3.2022 klo 17:00 - 18:00

§ 20 Nuorison liikuntaharrastusten avustukset
Ehdotus
Kaupunginhallitus myöntää nuorison liikuntaharrastuksiin avustuksia.
Päätös
Hyväksyttiin.
""",
    "rantala-kh-2025-04-08.txt": """Rantalan kunta
Kunnanhallitus
Pöytäkirja 4/2025
 Aika 8.4.2025 klo 17:00 - 18:00

§ 12 Nuorison liikuntaharrastusten avustukset
Ehdotus
Kunnanhallitus myöntää nuorison liikuntaharrastuksiin avustuksia.
Päätös
Hyväksyttiin.
""",
}

STRATEGY = """organization: Koivulan kaupunki
name: Koivula 2030
period: {from: 2024, to: 2030}
goals:
  - id: hyvinvointi
    title: Hyvinvoinnin lisääminen
    keywords: [liikunta, nuoriso, harrastus]
    subgoals:
      - id: nuoret
        title: Nuorten hyvä arki
        keywords: [nuoriso, harrastus]
  - id: elinvoima
    title: Vetovoimainen kaupunki
    keywords: [yritys, asemakaava, elinkeino]
  - id: talous
    title: Kestävä talous
    keywords: [talousarvio, veroprosentti]
"""


@pytest.fixture()
def files(tmp_path) -> dict[str, Path]:
    folder = tmp_path / "minutes"
    folder.mkdir()
    paths = {}
    for name, text in MINUTES.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    (tmp_path / "strategy.yaml").write_text(STRATEGY, encoding="utf-8")
    paths["strategy"] = tmp_path / "strategy.yaml"
    return paths


def ingest(store: Store, files: dict[str, Path], names=tuple(MINUTES)) -> None:
    outcome = run_batch(store, [files[n] for n in names], jobs=0)
    assert not outcome.failures, outcome.failures


def tagged(store: Store, **kwargs) -> dict[str, set[str]]:
    return {t.item_id: {g.goal for g in t.goals} for t in store.strategy_tags(**kwargs)}


def rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("SELECT item_pk, goal, round(score, 6), advances, evidence FROM strategy_tags"))


def test_adding_a_strategy_tags_the_stored_items_it_covers(tmp_path, files):
    with Store(tmp_path / "m.db") as store:
        ingest(store, files)
        assert store.add_strategy(read_strategy(files["strategy"])) == "inserted"
        assert tagged(store) == {f"{BOARD}/41": {"hyvinvointi", "nuoret"}, f"{BOARD}/42": {"elinvoima"},
                                 f"{BOARD}/44": {"hyvinvointi", "nuoret"}}
        # the tabled item is about the goal, but advances nothing; the routine item and the body's name: no tag
        everything = {t.item_id: t for t in store.strategy_tags(advancing=False)}
        (tabled,) = [g for g in everything[f"{BOARD}/43"].goals if g.goal == "hyvinvointi"]
        assert not tabled.advances and "tabled" in tabled.evidence[0]
        assert f"{BOARD}/40" not in everything and f"{BOARD}/45" not in everything


def test_items_ingested_after_the_strategy_are_tagged_the_same(tmp_path, files):
    with Store(tmp_path / "first.db") as store:
        ingest(store, files)
        store.add_strategy(read_strategy(files["strategy"]))
    with Store(tmp_path / "later.db") as store:
        store.add_strategy(read_strategy(files["strategy"]))
        assert tagged(store) == {}
        ingest(store, files, ("kh-2025-04-07.txt",))
        assert set(tagged(store)) == {f"{BOARD}/41", f"{BOARD}/42", f"{BOARD}/44"}
        ingest(store, files)
    assert rows(tmp_path / "first.db") == rows(tmp_path / "later.db")


def test_worker_processes_tag_what_they_parse_and_the_store_keeps_their_tags(tmp_path, files, monkeypatch):
    import minutes.store.strategies as stored_strategies

    with Store(tmp_path / "first.db") as store:
        ingest(store, files)
        store.add_strategy(read_strategy(files["strategy"]))

    def refused(*args, **kwargs):
        raise AssertionError("the storing process tagged items the workers had tagged")

    monkeypatch.setattr(stored_strategies, "tag_items", refused)
    with Store(tmp_path / "workers.db") as store:
        store.add_strategy(read_strategy(files["strategy"]))
        outcome = run_batch(store, [files[n] for n in MINUTES], jobs=2)
        assert not outcome.failures and outcome.counts["inserted"] == len(MINUTES)
    assert rows_by_id(tmp_path / "first.db") == rows_by_id(tmp_path / "workers.db")


def rows_by_id(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("SELECT i.id, t.goal, round(t.score, 6), t.advances, t.evidence FROM "
                                   "strategy_tags t JOIN items i ON i.pk = t.item_pk"))


def test_the_store_tags_items_itself_for_a_strategy_they_were_not_tagged_with(tmp_path, files):
    from minutes.parse.pipeline import parse_document
    from minutes.record import GoalTag
    from minutes.tagging.document import RecordTags, definition_of

    strategy = read_strategy(files["strategy"])
    record = parse_document(files["kh-2025-04-07.txt"])
    with Store(tmp_path / "m.db") as store:
        store.add_strategy(strategy)
        # tags made for a strategy as it was before a change: not this one's, computed again
        stale = RecordTags({definition_of(strategy).replace("Kestävä", "Vanha"): {
            f"{BOARD}/40": (GoalTag("talous", 0.9, True, ("stale",)),)}})
        store.upsert(record, tags=stale)
        assert set(tagged(store)) == {f"{BOARD}/41", f"{BOARD}/42", f"{BOARD}/44"}
        # tags made for this very strategy are stored as they came
        given = RecordTags({definition_of(strategy): {f"{BOARD}/40": (GoalTag("talous", 0.9, True, ("given",)),)}})
        assert store.upsert(record, replace=True, tags=given) == "updated"
        (only,) = store.strategy_tags()
        assert only.item_id == f"{BOARD}/40" and only.goals[0].evidence == ("given",)


def test_a_changed_strategy_is_tagged_again_and_a_removed_one_leaves_no_tag(tmp_path, files):
    with Store(tmp_path / "m.db") as store:
        ingest(store, files)
        store.add_strategy(read_strategy(files["strategy"]))
        assert store.add_strategy(read_strategy(files["strategy"])) == "unchanged"
        files["strategy"].write_text(STRATEGY.replace("[liikunta, nuoriso, harrastus]", "[kulttuuri]")
                                     .replace("keywords: [nuoriso, harrastus]", "keywords: [kirjasto]"), "utf-8")
        assert store.add_strategy(read_strategy(files["strategy"])) == "updated"
        assert tagged(store) == {f"{BOARD}/42": {"elinvoima"}}
        assert store.remove_strategy("koivulan-kaupunki/koivula-2030")
        assert store.conn.execute("SELECT count(*) FROM strategy_tags").fetchone()[0] == 0


def test_an_agenda_advances_nothing_and_its_minutes_do(tmp_path, files):
    agenda = files["kh-2025-04-07.txt"].parent / "esityslista.txt"
    agenda.write_text(MINUTES["kh-2025-04-07.txt"].replace("Pöytäkirja", "Esityslista")
                      .replace("Päätös\nHyväksyttiin.\n", "Päätös\n"), encoding="utf-8")
    with Store(tmp_path / "m.db") as store:
        assert not run_batch(store, [agenda], jobs=0).failures
        store.add_strategy(read_strategy(files["strategy"]))
        assert tagged(store) == {}                                   # proposals only
        everything = tagged(store, advancing=False)
        assert f"{BOARD}/41" in everything
        (entry,) = [t for t in store.strategy_tags(advancing=False) if t.item_id == f"{BOARD}/41"]
        assert all("not yet decided" in g.evidence[0] for g in entry.goals)
        ingest(store, files, ["kh-2025-04-07.txt"])                  # the minutes: the decided version
        assert tagged(store)[f"{BOARD}/41"] >= {"hyvinvointi"}


def test_tags_are_computed_again_when_the_rules_change(tmp_path, files, monkeypatch):
    import minutes.store.derived as derived

    db = tmp_path / "m.db"
    with Store(db) as store:
        ingest(store, files)
        store.add_strategy(read_strategy(files["strategy"]))
    before = rows(db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE strategy_tags SET score = 0.01")
    Store(db).close()                                      # the same rules: nothing is recomputed
    assert {r[2] for r in rows(db)} == {0.01}
    real = derived.fingerprint                            # the rules' files changed
    monkeypatch.setattr(derived, "fingerprint", lambda name: 12345 if name == "strategy_tags" else real(name))
    with Store(db, readonly=True) as store:                # reading never writes
        assert {t.goals[0].score for t in store.strategy_tags()} == {0.01}
    Store(db).close()
    assert rows(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT value FROM search_state WHERE key = 'data:strategy_tags'").fetchone() == (12345,)
        conn.execute("UPDATE strategy_tags SET score = 0.01")
    with Store(db) as store:                               # rebuilding the impact lists keeps the fingerprints
        derived.refresh(store.conn, ["impacts"])
    assert {r[2] for r in rows(db)} == {0.01}
    monkeypatch.setattr(derived, "fingerprint", lambda name: 12345)       # the analysis' data changed too:
    Store(db).close()                                      # the stored forms, then the tags that read them
    assert rows(db) == before


def test_only_the_organisation_inside_the_period_is_tagged(tmp_path, files):
    with Store(tmp_path / "m.db") as store:
        ingest(store, files)
        store.add_strategy(read_strategy(files["strategy"]))
        ids = set(tagged(store, advancing=False))
        assert all(i.startswith(BOARD) for i in ids)      # not 2022, not Rantala


def test_search_narrows_to_a_goal(tmp_path, files):
    with Store(tmp_path / "m.db") as store:
        ingest(store, files)
        store.add_strategy(read_strategy(files["strategy"]))
        listed = store.search("", Filters(goal="hyvinvointi"), 20)
        assert {h.item_id for h in listed} == {f"{BOARD}/41", f"{BOARD}/44"}
        assert {h.item_id for h in store.search("avustus", Filters(goal="nuoret"), 20)} == {f"{BOARD}/41"}
        assert {h.item_id for h in store.search("avustus", Filters(), 20)} >= {f"{BOARD}/41"}
        full = "koivulan-kaupunki/koivula-2030/elinvoima"
        assert [h.item_id for h in store.search("", Filters(goal=full), 20)] == [f"{BOARD}/42"]
        assert list(store.search("", Filters(goal="talous"), 20)) == []
        assert "hyvinvointi" in store.goal_ids() and full in store.goal_ids()


@pytest.fixture()
def db(tmp_path, files) -> Path:
    path = tmp_path / "cli.db"
    with Store(path) as store:
        ingest(store, files)
    result = CliRunner().invoke(main, ["strategy", "add", str(files["strategy"]), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "3 stored items advance its goals" in result.output
    return path


def test_strategy_tags_json_has_the_documented_shape(db):
    result = CliRunner().invoke(main, ["strategy", "tags", "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert [t["item_id"] for t in listed] == [f"{BOARD}/41", f"{BOARD}/42", f"{BOARD}/44"]
    first = listed[0]
    assert {"item_id", "body", "date", "number", "goals"} <= set(first)
    assert (first["body"], first["date"], first["number"]) == ("Kaupunginhallitus", "2025-04-07", 41)
    goals = {g["id"]: g for g in first["goals"]}
    assert set(goals) == {"hyvinvointi", "nuoret"} and goals["nuoret"]["parent"] == "hyvinvointi"
    assert all(0 < g["score"] < 1 and g["evidence"] and all(isinstance(e, str) for e in g["evidence"])
               for g in first["goals"])
    assert any("kaupunkistrategian" in e for e in goals["hyvinvointi"]["evidence"])
    everything = CliRunner().invoke(main, ["strategy", "tags", "--all", "--format", "csv", "--db", str(db)])
    table = list(csv.DictReader(io.StringIO(everything.output)))
    assert any(r["item_id"] == f"{BOARD}/43" and r["advances"] == "0" for r in table)


def test_strategy_report_in_every_format(db, tmp_path):
    runner = CliRunner()
    text = runner.invoke(main, ["strategy", "report", "--db", str(db)])
    assert text.exit_code == 0, text.output
    assert "hyvinvointi: Hyvinvoinnin lisääminen — 2 decisions" in text.output
    assert "goals without decisions in the period: talous" in text.output
    report = json.loads(runner.invoke(main, ["strategy", "report", "--format", "json", "--db", str(db)]).output)
    goals = {g["id"]: g for g in report["goals"]}
    assert report["without_decisions"] == ["talous"] and report["quarters"] == ["2025Q2"]
    assert report["per_quarter"] == {"hyvinvointi": [2], "elinvoima": [1], "talous": [0]}
    assert goals["hyvinvointi"]["by_body"] == {"Kaupunginhallitus": 2} and goals["elinvoima"]["by_year"] == {"2025": 1}
    assert [d["number"] for d in goals["hyvinvointi"]["decisions"]] == [41, 44]
    table = list(csv.DictReader(io.StringIO(runner.invoke(
        main, ["strategy", "report", "--format", "csv", "--db", str(db)]).output)))
    assert [(r["goal"], r["number"]) for r in table] == [("hyvinvointi", "41"), ("hyvinvointi", "44"),
                                                         ("nuoret", "41"), ("nuoret", "44"), ("elinvoima", "42"),
                                                         ("talous", "")]
    later = json.loads(runner.invoke(main, ["strategy", "report", "--from", "2026", "--format", "json",
                                            "--db", str(db)]).output)
    assert later["without_decisions"] == ["hyvinvointi", "nuoret", "elinvoima", "talous"]
    page, picture = tmp_path / "report.html", tmp_path / "chart.png"
    result = runner.invoke(main, ["strategy", "report", "--format", "html", "-o", str(page), "--chart", str(picture),
                                  "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    html = page.read_text(encoding="utf-8")
    assert '<img src="data:image/svg+xml;base64,' in html and "Decisions per goal per quarter" in html
    assert "<script" not in html.casefold() and "src=\"http" not in html and "href=\"http" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;liikuntapaikat&lt;/b&gt;" in html


def test_search_and_stats_take_a_goal_and_name_the_goals_when_it_is_unknown(db):
    runner = CliRunner()
    result = runner.invoke(main, ["search", "--goal", "elinvoima", "--format", "json", "--db", str(db)])
    assert [h["item_id"] for h in json.loads(result.output)["hits"]] == [f"{BOARD}/42"]
    result = runner.invoke(main, ["stats", "--goal", "hyvinvointi", "--format", "json", "--db", str(db)])
    assert json.loads(result.output)["total"]["items"] == 2
    result = runner.invoke(main, ["search", "avustus", "--goal", "kulttuuri", "--db", str(db)])
    assert result.exit_code == 2
    assert "--goal 'kulttuuri': no stored strategy has this goal (goals: elinvoima, hyvinvointi, nuoret, talous)" \
        in result.stderr


def test_a_report_needs_a_strategy_to_report_on(tmp_path, files, db):
    runner = CliRunner()
    empty = tmp_path / "empty.db"
    Store(empty).close()
    result = runner.invoke(main, ["strategy", "report", "--db", str(empty)])
    assert result.exit_code == 9 and "no strategies stored" in result.stderr
    result = runner.invoke(main, ["strategy", "report", "--strategy", "x/y", "--db", str(db)])
    assert result.exit_code == 9 and "x/y: no such strategy" in result.stderr
    second = tmp_path / "second.yaml"
    second.write_text(STRATEGY.replace("Koivula 2030", "Koivula 2040"), encoding="utf-8")
    runner.invoke(main, ["strategy", "add", str(second), "--db", str(db)])
    result = runner.invoke(main, ["strategy", "report", "--db", str(db)])
    assert result.exit_code == 2 and "choose one with --strategy" in result.stderr
    result = runner.invoke(main, ["strategy", "report", "--strategy", "koivulan-kaupunki/koivula-2040",
                                  "--format", "json", "--db", str(db)])
    assert json.loads(result.output)["strategy"]["name"] == "Koivula 2040"


def test_the_analysis_of_every_stored_form_is_kept_and_rebuilt(tmp_path, files):
    from minutes.store.derived import refresh
    from minutes.tagging.text import analysed

    with Store(tmp_path / "m.db") as store:
        ingest(store, files)
        stored = dict(((form), (terms, lemmas)) for form, terms, lemmas in store.conn.execute(
            "SELECT form, terms, lemmas FROM word_forms WHERE language = 'fi'"))
        assert {"liikuntaharrastuksiin", "hyvinvointilautakunta", "asemakaavan", "kaupunginhallitus"} <= set(stored)
        terms, lemmas = analysed("liikuntaharrastuksiin", "fi")
        assert stored["liikuntaharrastuksiin"] == (" ".join(terms), " ".join(lemmas))
        assert "liikunta" in terms and "harrastus" in terms
        store.conn.execute("DELETE FROM word_forms")
        assert refresh(store.conn, {"word_forms"}) == ["word_forms", "strategy_tags"]   # tags read the forms
        again = {form: (t, lem) for form, t, lem in store.conn.execute(
            "SELECT form, terms, lemmas FROM word_forms WHERE language = 'fi'")}
        assert again == stored


def test_the_stored_analysis_is_read_many_forms_at_a_time(tmp_path, files, monkeypatch):
    import minutes.store.word_forms
    from minutes.store.word_forms import stored_analysis
    from minutes.tagging.text import analysed

    monkeypatch.setattr(minutes.store.word_forms, "CHUNK", 7)
    with Store(tmp_path / "m.db") as store:
        ingest(store, files)
        forms = [f for (f,) in store.conn.execute("SELECT form FROM word_forms WHERE language = 'fi'")]
        assert len(forms) > 5 * 7            # several queries
        found = stored_analysis(store.conn)(forms + ["eisäilytettysana"], "fi")
        assert set(found) == set(forms)
        assert found["liikuntaharrastuksiin"] == analysed("liikuntaharrastuksiin", "fi")
        assert stored_analysis(store.conn)(forms, "sv") == {}


def test_adding_a_strategy_reads_the_stored_analysis_not_the_analyser(tmp_path, files, monkeypatch):
    import minutes.tagging.tagger as tagger_module
    from minutes.tagging.document import tagger_of

    with Store(tmp_path / "m.db") as store, Store(tmp_path / "fresh.db") as fresh:
        ingest(store, files)
        ingest(fresh, files)
        fresh.add_strategy(read_strategy(files["strategy"]))
        expected = tagged(fresh)
        tagger_of.cache_clear()         # a new process: no form worked out yet

        def no_analyser(form, language):
            raise AssertionError(f"{form} analysed again")

        monkeypatch.setattr(tagger_module, "analysed", no_analyser)
        store.add_strategy(read_strategy(files["strategy"]))
        assert tagged(store) == expected and expected


def test_forms_of_a_document_that_failed_to_store_are_stored_with_the_next(tmp_path, files, monkeypatch):
    import minutes.store.sql as sqlite_store

    with Store(tmp_path / "m.db") as store:
        real = sqlite_store.insert_decisions

        def broken(*args):
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(sqlite_store, "insert_decisions", broken)
        with pytest.raises(RuntimeError):
            ingest_one(store, files["kh-2022-03-07.txt"])
        assert store.conn.execute("SELECT count(*) FROM word_forms").fetchone()[0] == 0
        monkeypatch.setattr(sqlite_store, "insert_decisions", real)
        ingest_one(store, files["kh-2022-03-07.txt"])
        forms = {f for (f,) in store.conn.execute("SELECT form FROM word_forms")}
        assert {"liikuntaharrastuksiin", "avustuksia"} <= forms


def ingest_one(store: Store, path: Path) -> None:
    from minutes import parse_document

    store.upsert(parse_document(path))


def test_many_items_are_tagged_on_every_core_with_the_same_tags(tmp_path, files):
    from minutes.store.strategies import tag_strategy
    from minutes.store.transaction import transaction

    with Store(tmp_path / "m.db") as store:
        ingest(store, files)
        store.add_strategy(read_strategy(files["strategy"]))
        before = rows(tmp_path / "m.db")
        (pk, definition), = store.conn.execute("SELECT pk, definition FROM strategies").fetchall()
        with transaction(store.conn):
            assert tag_strategy(store.conn, pk, definition, jobs=2, parallel_from=0) == len(before)
    assert rows(tmp_path / "m.db") == before


def test_adding_a_strategy_notes_keywords_that_are_names(tmp_path, files):
    strategy = tmp_path / "names.yaml"
    strategy.write_text(STRATEGY.replace("keywords: [yritys, asemakaava, elinkeino]",
                                         "keywords: [yritys, nuorisovaltuusto, Elinvoimalautakunta]"), "utf-8")
    result = CliRunner().invoke(main, ["strategy", "add", str(strategy), "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 0, result.output
    assert "goal elinvoima: keyword 'nuorisovaltuusto' names a body" in result.stderr
    assert "keyword 'Elinvoimalautakunta'" in result.stderr and "'yritys'" not in result.stderr
