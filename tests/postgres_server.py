"""A private PostgreSQL server for the tests: the one ``.ci/run`` started (its URL in
``MINUTES_TEST_POSTGRES``), or one this test session starts itself with
``scripts/postgres_server.sh`` (Debian's PostgreSQL, loopback only, a temporary folder) and stops
at its end. ``fresh_database`` makes an empty database on it for one test."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "postgres_server.sh"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running server: ``url`` names its maintenance database."""

    def __init__(self) -> None:
        self.folder: str | None = None
        given = os.environ.get("MINUTES_TEST_POSTGRES")
        if given:
            self.url = given
            return
        parent = tempfile.mkdtemp(prefix="minutes-pg-")
        os.chmod(parent, 0o755)                  # the server's user reaches its folder inside
        self.folder = os.path.join(parent, "server")
        done = subprocess.run(["sh", str(SCRIPT), "start", self.folder, str(_free_port()), "-c fsync=off"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"cannot start PostgreSQL for the tests: {done.stderr.strip()}")
        self.url = done.stdout.strip()

    def fresh_database(self) -> str:
        """The URL of a new, empty database."""
        import psycopg

        name = "test_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url.rsplit("/", 1)[0] + "/" + name

    def drop(self, url: str) -> None:
        import psycopg

        from minutes.store.postgres.connection import close_pools

        close_pools()
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")

    def stop(self) -> None:
        if self.folder is not None:
            subprocess.run(["sh", str(SCRIPT), "stop", self.folder], capture_output=True)
            shutil.rmtree(os.path.dirname(self.folder), ignore_errors=True)     # the session's own folder
