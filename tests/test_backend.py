"""The store's interface (``minutes.store.backend``): the SQLite and PostgreSQL stores implement
every operation of it, the command line and the batch use nothing else, a URL opens the
PostgreSQL store (a clear error when the driver is missing), and the migrations are frozen SQL
whose stale derived data is rebuilt."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from click.testing import CliRunner

from minutes import parse_document
from minutes.cli import main
from minutes.store import Backend, BackendUnavailable, Store, open_store
from minutes.store import derived
from minutes.store.database import DatabaseError
from minutes.store.fulltext import COLUMNS
from minutes.store.migrations import DERIVED, LATEST, MIGRATIONS
from minutes.store.postgres import PostgresStore

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "minutes"
SAMPLES = ROOT / "samples"
OPERATIONS = sorted(Backend.__abstractmethods__)


def test_the_interface_lists_the_operations():
    assert {"close", "status_of", "holds_file", "upsert", "refresh_search", "iter_records", "iter_versions",
            "find", "show", "item", "meeting", "item_links", "search", "chain", "person", "stats",
            "counts"} <= set(OPERATIONS)


@pytest.mark.parametrize("backend", [Store, PostgresStore])
@pytest.mark.parametrize("name", OPERATIONS)
def test_each_store_implements_every_operation(name, backend):
    assert issubclass(backend, Backend) and not inspect.isabstract(backend)
    ours, theirs = getattr(backend, name), getattr(Backend, name)
    assert ours is not theirs, f"{backend.__name__}.{name} is not implemented"
    assert list(inspect.signature(ours).parameters) == list(inspect.signature(theirs).parameters)
    for parameter in inspect.signature(theirs).parameters.values():
        assert inspect.signature(ours).parameters[parameter.name].default == parameter.default


def _store_uses(path: Path) -> set[str]:
    """The attributes the module reads of a variable named ``store``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "store"}


@pytest.mark.parametrize("module", ["cli.py", "batch/run.py", "batch/scan.py", "store/export.py"])
def test_the_command_line_and_the_batch_use_only_the_interface(module):
    interface = {name for name in dir(Backend) if not name.startswith("_")}
    used = _store_uses(PACKAGE / module)
    assert used <= interface, f"{module} uses {sorted(used - interface)} beyond the Backend interface"


def test_a_postgresql_url_opens_the_postgresql_store(postgres_url, tmp_path):
    with open_store(postgres_url) as store:
        assert isinstance(store, PostgresStore) and store.counts()["documents"] == 0
    assert not (tmp_path / "postgresql:").exists() and not Path("postgresql:").exists()


def test_without_the_driver_a_postgresql_url_is_one_clear_error(monkeypatch):
    import sys

    url = "postgresql://kunta:salasana@db.example.fi:5432/minutes"
    monkeypatch.setitem(sys.modules, "minutes.store.postgres", None)      # as if psycopg were not installed
    with pytest.raises(BackendUnavailable) as caught:
        open_store(url)
    assert caught.value.exit_code == 2 and "salasana" not in str(caught.value)
    result = CliRunner().invoke(main, ["search", "strategia", "--db", url])
    assert result.exit_code == 2
    assert result.stderr.startswith("minutes: error: postgresql://kunta@db.example.fi:5432/minutes: the PostgreSQL "
                                    "driver is not installed")


def test_a_path_opens_the_sqlite_backend(tmp_path):
    with open_store(tmp_path / "m.db") as store:
        assert isinstance(store, Store) and store.counts()["documents"] == 0


def test_migrations_import_nothing_from_the_package():
    tree = ast.parse((PACKAGE / "store" / "migrations.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0 and not (node.module or "").startswith("minutes"), ast.dump(node)
        elif isinstance(node, ast.Import):
            assert not any(a.name.startswith("minutes") for a in node.names)
    assert all(isinstance(m.sql, str) for m in MIGRATIONS)
    assert DERIVED == tuple(derived.REBUILDS)          # the names a migration may give, in rebuild order
    assert all(set(m.refresh) <= set(DERIVED) for m in MIGRATIONS)


def test_the_frozen_index_has_the_columns_of_today(tmp_path):
    with Store(tmp_path / "m.db") as store:
        columns = [row[1] for row in store.conn.execute("PRAGMA table_info(item_search)")]
    assert tuple(columns) == COLUMNS


def _derived_state(store: Store) -> tuple:
    c = store.conn
    return (c.execute("SELECT rowid, * FROM item_search ORDER BY rowid").fetchall(),
            c.execute("SELECT * FROM item_terms ORDER BY item_pk").fetchall(),
            c.execute("SELECT pk, kind, text, body_key, resolved_item_pk FROM refs ORDER BY pk").fetchall(),
            c.execute("SELECT pk, body_key, resolved_item_pk FROM stages ORDER BY pk").fetchall(),
            c.execute("SELECT pk, body_key FROM meetings ORDER BY pk").fetchall(),
            c.execute("SELECT pk, id, decided FROM items ORDER BY pk").fetchall())


def test_an_interrupted_rebuild_is_done_again_at_the_next_open(tmp_path, monkeypatch):
    db = tmp_path / "m.db"
    with Store(db) as store:
        for name in ("jarvela-tekltk-2025-05-14.pdf", "jarvela-kh-2025-03-10.txt"):
            store.upsert(parse_document(SAMPLES / name))
        before = _derived_state(store)
        assert any(target for *_, target in before[2]) or any(target for *_, target in before[3])
        for statement in ("DELETE FROM item_search", "DELETE FROM item_terms", "DELETE FROM refs",
                          "UPDATE stages SET resolved_item_pk = NULL, body_key = NULL",
                          "UPDATE meetings SET body_key = NULL", "UPDATE items SET decided = 0"):
            store.conn.execute(statement)

        def broken(conn):
            raise OSError("disk full")

        monkeypatch.setitem(derived.REBUILDS, "links", broken)
        with pytest.raises(OSError):
            derived.refresh(store.conn, {"search_index", "references", "body_keys", "decided"})
        assert _derived_state(store)[:3] == before[:3]          # rebuilt before the failure
    monkeypatch.undo()
    with pytest.raises(DatabaseError, match="interrupted; open it once with write access"):
        Store(db, readonly=True)
    with Store(db) as store:                                   # the marks left: links, impacts, decided
        assert _derived_state(store) == before
        assert store.conn.execute("SELECT count(*) FROM search_state WHERE key LIKE 'stale:%'").fetchone()[0] == 0


def test_a_new_database_rebuilds_nothing(tmp_path, monkeypatch):
    def never(conn):
        raise AssertionError("nothing is stored: nothing to rebuild")

    for name in derived.REBUILDS:
        monkeypatch.setitem(derived.REBUILDS, name, never)
    with Store(tmp_path / "m.db") as store:
        assert store.counts()["documents"] == 0


def test_the_evaluation_scripts_numbers_come_from_the_store(tmp_path):
    from minutes.store import diagnostics

    with Store(tmp_path / "m.db") as store:
        for name in ("jarvela-tekltk-2025-05-14.pdf", "jarvela-kh-2025-03-10.txt", "kallio-hyvltk-2024-item.txt"):
            store.upsert(parse_document(SAMPLES / name))
        assert diagnostics.stored_documents(store) == [("minutes", "pdf", 1), ("minutes", "text", 2)]
        items, distinct = diagnostics.item_counts(store)
        assert items == distinct == store.counts()["items"]
        assert diagnostics.shared_ids_of(store) == [] and diagnostics.meetings_with_versions(store) == []
        assert diagnostics.item_ids_with_versions(store) == 0
        (incomplete,) = diagnostics.incomplete_meetings(store)
        assert incomplete[0].endswith("kallio-hyvltk-2024-item.txt") and incomplete[1].startswith("document/")
        counts = {label: (total, resolvable, resolved) for label, total, resolvable, resolved
                  in diagnostics.link_counts(store)}
        assert counts["earlier handlings"][2] >= 1 and diagnostics.unresolved_handlings(store) == []
        item_id = "jarvelan-kunta/tekninen-lautakunta/2025-05-14/43"
        assert diagnostics.paths_of_item(store, item_id)[0].endswith("jarvela-tekltk-2025-05-14.pdf")
        assert [v.document_type for v in diagnostics.versions_of(store, item_id)] == ["minutes"]
        assert store.item_pk(item_id) in diagnostics.index_matches(store, "urakoitsija")
        diagnostics.checkpoint(store)


def test_a_crash_between_the_migrations_and_the_rebuild_leaves_the_rebuild_marked(tmp_path, monkeypatch):
    """The migrations and the marks of what they made stale commit together: a process killed
    after the migrations, before any rebuild, leaves a database the next open rebuilds."""
    import sqlite3

    from minutes.store.migrations import migrate

    db = tmp_path / "m.db"
    with Store(db) as store:
        store.upsert(parse_document(SAMPLES / "jarvela-kh-2025-03-10.txt"))
        before = _derived_state(store)
        for statement in ("DROP INDEX items_decided", "ALTER TABLE items DROP COLUMN decided",
                          "PRAGMA user_version = 5"):      # as if stored before migrations 6-8
            store.conn.execute(statement)
    conn = sqlite3.connect(db, isolation_level=None)
    migrated = migrate(conn)                                 # ... and the process dies here
    conn.close()
    assert migrated.applied == list(range(6, LATEST + 1)) and migrated.refresh
    with pytest.raises(DatabaseError, match="interrupted; open it once with write access"):
        Store(db, readonly=True)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM items WHERE decided = 1").fetchone()[0] == 0   # not rebuilt yet
    conn.close()
    with Store(db) as store:
        assert _derived_state(store) == before
        assert store.conn.execute("SELECT count(*) FROM items WHERE decided = 1").fetchone()[0] > 0
