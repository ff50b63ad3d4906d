"""Ingest on a Dask cluster (``--scheduler``): a LocalCluster on loopback parses, the calling
process stores; the records are those of the local path; a worker killed mid-batch loses nothing
and stores nothing twice; a file that kills every worker, or never ends, is reported and the batch
goes on; a scheduler that cannot be reached is a clear error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import dask
import pytest
from click.testing import CliRunner

import cluster_parsers
import minutes.batch.cluster as cluster
from decision_minutes import write_minutes
from minutes.batch.run import run_batch
from minutes.batch.scan import scan
from minutes.cli import main
from minutes.errors import ExitCode
from minutes.store import open_store

ROOT = Path(__file__).resolve().parents[1]
VICTIM = "esimerkki-kh-2025-03-03.txt"


@pytest.fixture
def folder(tmp_path) -> Path:
    """The samples and the two meetings of ``decision_minutes``: 9 documents."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "samples", docs)
    write_minutes(docs)
    return docs


def documents(folder: Path) -> int:
    return len(scan([folder]).files)


def stored(db: Path) -> list[dict]:
    with open_store(db, readonly=True) as store:
        return sorted((json.loads(json.dumps(r.to_dict(), default=str)) for r in store.iter_records()),
                      key=lambda r: r["source"]["sha256"])


def _without_paths(records: list[dict]) -> list[dict]:
    for r in records:
        r["source"].pop("path")
    return records


def test_a_local_cluster_stores_what_the_local_path_stores(folder, tmp_path):
    with open_store(tmp_path / "local.db") as store:
        local = run_batch(store, [folder], jobs=0)
    with open_store(tmp_path / "dask.db") as store:
        outcomes = []
        distributed = run_batch(store, [folder], jobs=2, scheduler="local", on_outcome=outcomes.append)
    assert distributed.counts == local.counts and distributed.counts["inserted"] == documents(folder)
    assert len(outcomes) == documents(folder) and distributed.skipped == 1   # the strategy file
    assert stored(tmp_path / "dask.db") == stored(tmp_path / "local.db")
    with open_store(tmp_path / "dask.db") as store:              # the search index is built as by ingest
        assert store.search("uimahalli").total >= 1
        again = run_batch(store, [folder], jobs=2, scheduler="local")
    assert again.counts["unchanged"] == documents(folder) and again.counts["inserted"] == 0


def test_a_worker_killed_mid_batch_loses_nothing_and_stores_nothing_twice(folder, tmp_path, monkeypatch):
    marker = tmp_path / "killed"
    monkeypatch.setenv(cluster_parsers.VICTIM, VICTIM)
    monkeypatch.setenv(cluster_parsers.MARKER, str(marker))
    with open_store(tmp_path / "dask.db") as store:
        summary = run_batch(store, [folder], jobs=2, scheduler="local", parser=cluster_parsers.kill_once)
    assert marker.exists(), "a worker was killed while it parsed the file"
    assert summary.counts["failed"] == 0 and summary.counts["inserted"] == documents(folder)
    with open_store(tmp_path / "dask.db", readonly=True) as store:
        assert store.counts()["documents"] == documents(folder)
        assert not store.conn.execute("SELECT sha256 FROM documents GROUP BY sha256 HAVING count(*) > 1").fetchall()
        ids = [row[0] for row in store.conn.execute("SELECT id FROM items WHERE decided = 1")]
    assert len(ids) == len(set(ids))
    with open_store(tmp_path / "local.db") as store:
        run_batch(store, [folder], jobs=0)
    assert _without_paths(stored(tmp_path / "dask.db")) == _without_paths(stored(tmp_path / "local.db"))


def test_a_cluster_stores_into_postgresql_what_the_local_path_stores(folder, tmp_path, monkeypatch, postgres_url):
    """The workers parse, the calling process stores into PostgreSQL; a worker killed mid-batch
    costs nothing there either."""
    marker = tmp_path / "killed"
    monkeypatch.setenv(cluster_parsers.VICTIM, VICTIM)
    monkeypatch.setenv(cluster_parsers.MARKER, str(marker))
    with open_store(postgres_url) as store:
        summary = run_batch(store, [folder], jobs=2, scheduler="local", parser=cluster_parsers.kill_once)
    assert marker.exists() and summary.counts["inserted"] == documents(folder)
    with open_store(tmp_path / "local.db") as store:
        run_batch(store, [folder], jobs=0)
    assert _without_paths(stored(postgres_url)) == _without_paths(stored(tmp_path / "local.db"))


def test_a_file_that_kills_every_worker_is_reported_and_the_batch_goes_on(folder, tmp_path, monkeypatch):
    monkeypatch.setenv(cluster_parsers.VICTIM, VICTIM)
    failed = []
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), open_store(tmp_path / "dask.db") as store:
        summary = run_batch(store, [folder], jobs=2, scheduler="local", parser=cluster_parsers.kill_always,
                            on_outcome=lambda o: failed.append(o) if o.status == "failed" else None)
    assert [(Path(o.path).name, o.category) for o in failed] == [(VICTIM, "corrupt")]
    assert "killed every worker" in failed[0].message
    assert summary.counts["inserted"] == documents(folder) - 1


def test_a_file_that_never_ends_is_reported_and_its_worker_restarted(folder, tmp_path, monkeypatch):
    monkeypatch.setenv(cluster_parsers.VICTIM, VICTIM)
    monkeypatch.setattr(cluster, "GRACE", 0.5)
    failed = []
    with open_store(tmp_path / "dask.db") as store:
        summary = run_batch(store, [folder], jobs=2, timeout=2, scheduler="local", parser=cluster_parsers.never_ends,
                            on_outcome=lambda o: failed.append(o) if o.status == "failed" else None)
    assert [(Path(o.path).name, o.category) for o in failed] == [(VICTIM, "timeout")]
    assert summary.counts["inserted"] == documents(folder) - 1


def test_an_unreachable_scheduler_is_a_clear_error(folder, tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "x.db"), "-q",
                                       "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "tcp://127.0.0.1:9" in result.output and "cannot reach the Dask scheduler" in result.output


def test_a_scheduler_must_be_local_or_an_address(folder, tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "x.db"), "--scheduler", "here"])
    assert result.exit_code == ExitCode.USAGE and "tcp://host:8786" in result.output


def test_the_command_ingests_on_a_local_cluster(folder, tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "x.db"), "-q",
                                       "--scheduler", "local", "-j", "2"])
    assert result.exit_code == 0, result.output
    assert f"{documents(folder)} inserted" in result.output
