"""CaseM/CloudNC's OpenNC API responses saved as files (``readers/opennc``): a meeting read from its
contents and the items' responses beside it, in Finnish and Swedish, under either naming; earlier
handlings with and without their §; an item read alone; what a batch reads and skips; the hash of
a meeting covering its parts; the errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from markup import script
from minutes.batch import run_batch
from minutes.batch.scan import scan
from minutes.cli import main
from minutes.errors import UnreadableDocument
from minutes.parse.pipeline import parse_bytes
from minutes.parse.readers import detect_format, read_source
from minutes.store.sqlite import Store



_EXPORT = script("opennc_export")
Entry, finnish_meeting, swedish_meeting, write_meeting = (_EXPORT.Entry, _EXPORT.finnish_meeting,
                                                          _EXPORT.swedish_meeting, _EXPORT.write_meeting)

NAMINGS = {
    "harvester": lambda n: f"contents_{n}_extended_properties.json",
    "bare id": lambda n: f"{n}.json",
}


def parse(path: Path):
    return parse_bytes(read_source(path), str(path))


def by_number(record) -> dict:
    return {item.number: item for item in record.items}


@pytest.mark.parametrize("naming", NAMINGS)
def test_a_meeting_is_read_from_its_contents_and_the_items_beside_it(tmp_path, naming):
    record = parse(write_meeting(tmp_path, finnish_meeting(), name_of=NAMINGS[naming]))
    assert record.source.format == "opennc"
    assert record.meeting.body == "Kaupunginhallitus" and record.meeting.date == date(2025, 3, 12)
    assert record.meeting.organization == "Koivulan kaupunki"
    assert record.document_type == "agenda"           # no item holds a decision yet
    assert [i.number for i in record.items] == [12, 14, 15]   # in § order, not the API's
    items = by_number(record)
    pool = items[14]
    assert pool.title == "Uimahallin peruskorjauksen hankesuunnitelma" and pool.case_id == "KoiDno-2025-31"
    assert pool.presenter and pool.presenter.startswith("Liisa Lahti")
    kinds = {s.kind: s.text for s in pool.sections}
    assert "uimahalli on valmistunut 1985" in kinds["background"]
    assert kinds["proposal"].startswith("Kaupunginhallitus esittää valtuustolle")
    assert "Hankesuunnitelma.pdf" in kinds["attachments"]
    assert any("Pekka Puro" in p for p in pool.preparers)


def test_earlier_handlings_keep_their_own_sections_with_or_without_their_number(tmp_path):
    pool = by_number(parse(write_meeting(tmp_path, finnish_meeting())))[14]
    assert [(s.date, s.number) for s in pool.history] == [(date(2025, 1, 21), None), (date(2025, 2, 18), 22)]
    assert all(s.body == "Tekninen lautakunta" for s in pool.history)
    first = {s.kind: s.text for s in pool.history[0].sections}
    assert first["background"] == "Lautakunta valmisteli hankesuunnitelman." and first["decision"] == "Hyväksyttiin."
    # the item's own sections are this meeting's, not the last handling's
    own = " ".join(s.text for s in pool.sections)
    assert "täydennettiin" not in own and "Kaupunginhallitus esittää" in own


def test_an_item_given_without_its_number_is_an_item_of_its_own(tmp_path):
    entries = finnish_meeting() + [Entry(9019, 0, "Kevään tapahtumat", proposal="Merkitään kevään tapahtumat.")]
    record = parse(write_meeting(tmp_path, entries))
    assert [(i.number, i.title) for i in record.items][-2:] == [(15, "Avustus nuorisoyhdistykselle"),
                                                                 (None, "Kevään tapahtumat")]
    assert "Kevään" not in " ".join(s.text for s in record.items[-2].sections)


def test_links_are_read_as_html_entities_and_all(tmp_path):
    entries = finnish_meeting()
    entries[2].attachments = ["Kes&auml;leirin ohjelma.pdf", "<b>Budjetti</b> 2025.pdf"]
    record = parse(write_meeting(tmp_path, entries, body="Nuorisolautakunta"))
    attachments = next(s.text for s in by_number(record)[15].sections if s.kind == "attachments")
    assert "Kesäleirin ohjelma.pdf" in attachments and "Budjetti 2025.pdf" in attachments
    assert "&auml;" not in attachments and "<b>" not in attachments
    assert record.meeting.body == "Nuorisolautakunta"


def test_a_rule_typed_inside_a_field_does_not_end_the_item(tmp_path):
    grant = by_number(parse(write_meeting(tmp_path, finnish_meeting())))[15]
    background = next(s.text for s in grant.sections if s.kind == "background")
    assert "kesäleiriin" in background and "40 nuorta" in background and "---" not in background
    assert grant.history == ()


def test_a_swedish_meeting_and_its_decisions(tmp_path):
    entries = swedish_meeting()
    entries[0].decision = "Stadsstyrelsen beviljade bidraget enligt förslaget."
    record = parse(write_meeting(tmp_path, entries, language=2, kind="Protokoll", body="Stadsstyrelsen",
                                 day="3.4.2025"))
    assert record.language == "sv" and record.document_type == "minutes"
    assert record.meeting.body == "Stadsstyrelsen" and record.meeting.date == date(2025, 4, 3)
    grant = by_number(record)[31]
    assert {s.kind for s in grant.sections} >= {"background", "proposal", "decision"}
    assert grant.decision.outcome == "as_proposed"


def test_an_items_response_read_alone_finds_its_meeting_beside_it(tmp_path):
    # the body from the meeting's own entry, not from the proposal's subject ("Kaupunginhallitus myöntää")
    write_meeting(tmp_path, finnish_meeting(), body="Sivistyslautakunta")
    record = parse(tmp_path / "contents_9013_extended_properties.json")
    assert [i.number for i in record.items] == [15]
    assert record.meeting.date == date(2025, 3, 12) and record.meeting.body == "Sivistyslautakunta"
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "item.json").write_bytes((tmp_path / "contents_9013_extended_properties.json").read_bytes())
    record = parse(alone / "item.json")
    assert [i.number for i in record.items] == [15] and record.meeting.date is None


def test_an_item_whose_file_is_missing_is_a_warning_and_the_others_are_read(tmp_path):
    contents = write_meeting(tmp_path, finnish_meeting())
    (tmp_path / "contents_9012_extended_properties.json").unlink()
    record = parse(contents)
    assert [i.number for i in record.items] == [12, 15]
    assert any("Uimahallin peruskorjauksen hankesuunnitelma" in w.message and "not beside" in w.message
               for w in record.warnings)


def test_a_contents_list_without_its_items_is_an_error_naming_the_file(tmp_path):
    contents = write_meeting(tmp_path / "m", finnish_meeting())
    with pytest.raises(UnreadableDocument, match="property files are not beside it") as err:
        parse_bytes(contents.read_bytes(), "<stdin>")
    assert err.value.path == "<stdin>"
    broken = tmp_path / "broken.json"
    broken.write_bytes(contents.read_bytes()[:-20])
    with pytest.raises(UnreadableDocument, match="not valid JSON"):
        parse(broken)


@pytest.mark.parametrize("data, problem", [
    (b'{"odata.metadata": "http://x/api/opennc/v1/$metadata#Contents", "value": ' + b"[" * 100_000
     + b"]" * 100_000 + b"}", "nested too deeply"),
    (b'{"odata.metadata": "http://x/api/opennc/v1/$metadata#ExtendedProperties", "value": 7}', "no list of entries"),
    (b'{"odata.metadata": "http://x/api/opennc/v1/$metadata#ExtendedProperties", "value": ["x"]}',
     "no list of entries"),
    (b'{"minutes.opennc": 1, "contents": 5, "properties": {}}', "parts are not responses"),
    (b'{"minutes.opennc": 1, "contents": null, "properties": {"1": [1]}}', "parts are not responses"),
    (b'{"minutes.opennc": 1, "contents": null, "properties": {}}', "no agenda item"),
])
def test_a_hostile_response_is_a_clear_error(data, problem):
    with pytest.raises(UnreadableDocument, match=problem) as err:
        parse_bytes(data, "vihamielinen.json")
    assert err.value.path == "vihamielinen.json"


def test_the_format_is_told_from_the_content_and_other_json_is_no_document(tmp_path):
    contents = write_meeting(tmp_path, finnish_meeting())
    assert detect_format(contents.read_bytes(), "x.json") == "opennc"
    assert detect_format((tmp_path / "contents_9011_extended_properties.json").read_bytes(), "y") == "opennc"
    (tmp_path / "settings.json").write_text(json.dumps({"odata.metadata": "elsewhere", "value": []}))
    found = scan([tmp_path])
    assert found.files == (contents,)          # the items' responses are read as part of it
    assert (found.skipped, found.parts) == (1, 4)   # another JSON file; four responses


def test_a_batch_stores_one_meeting_and_sees_a_changed_item_file(tmp_path):
    folder = tmp_path / "export"
    write_meeting(folder, finnish_meeting())
    with Store(tmp_path / "m.db") as store:
        summary = run_batch(store, [folder], jobs=1)
        assert summary.counts["inserted"] == 1 and summary.counts["failed"] == 0
        assert summary.line().endswith("0 failed, 4 files read as part of another")
        assert run_batch(store, [folder], jobs=1).counts["unchanged"] == 1
        part = folder / "contents_9013_extended_properties.json"
        response = json.loads(part.read_text(encoding="utf-8"))
        for field in response["value"]:
            if field["Name"] == "Description":
                field["Text"] = "<p>Yhdistys hakee avustusta talvileiriin.</p>"
        part.write_text(json.dumps(response), encoding="utf-8")
        assert run_batch(store, [folder], jobs=1).counts["updated"] == 1
        hits = store.search("talvileiri")
        assert [h.number for h in hits] == [15]


def test_the_command_line_parses_a_meeting_of_several_files(tmp_path):
    contents = write_meeting(tmp_path, finnish_meeting())
    result = CliRunner().invoke(main, ["parse", "--format", "json", str(contents)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["source"]["format"] == "opennc" and [i["number"] for i in record["items"]] == [12, 14, 15]


def test_the_web_serves_the_files_a_meeting_was_read_from_while_unchanged(tmp_path):
    from starlette.testclient import TestClient

    from minutes.web.app import create_app

    folder = tmp_path / "export"
    contents = write_meeting(folder, finnish_meeting())
    meeting = parse(contents).items[0].id.rsplit("/", 1)[0]
    with Store(tmp_path / "m.db") as store:
        run_batch(store, [folder], jobs=1)
    app = create_app(str(tmp_path / "m.db"))
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            served = client.get(f"/source/{meeting}")
            assert served.status_code == 200 and served.headers["content-type"] == "application/json"
            assert "attachment" in served.headers["content-disposition"]
            assert set(served.json()["properties"]) == {"9000", "9011", "9012", "9013"}
            part = folder / "contents_9012_extended_properties.json"
            part.write_text(part.read_text(encoding="utf-8").replace("1985", "1986"), encoding="utf-8")
            gone = client.get(f"/source/{meeting}")
            assert gone.status_code == 404 and "changed" in gone.text
    finally:
        app.state.stores.close()
