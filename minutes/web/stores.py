"""The store a web request reads: one read-only connection per server thread (an SQLite
connection belongs to the thread that opened it), opened when the thread first needs it."""

from __future__ import annotations

import threading

from minutes.store import open_store
from minutes.store.backend import Backend


def store_of(request) -> Backend:
    """The read-only store of the application serving ``request``, for this thread."""
    return request.app.state.stores.get()


class Stores:
    """Read-only stores of one database, one per thread. ``check()`` opens one at start, so that
    a database that cannot be read is an error before the server listens."""

    def __init__(self, db: str):
        self.db = db
        self._local = threading.local()
        self._opened: list[Backend] = []
        self._lock = threading.Lock()

    def get(self) -> Backend:
        store = getattr(self._local, "store", None)
        if store is not None and not store.usable():     # its server restarted: a new connection
            with self._lock:
                self._opened.remove(store)
            try:
                store.close()
            except Exception:    # noqa: BLE001 - a connection already gone
                pass
            store = None
        if store is None:
            store = open_store(self.db, readonly=True)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def check(self) -> dict[str, int]:
        """What the database holds (``Backend.counts``); ``DatabaseError`` when it cannot be read."""
        return self.get().counts()

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            try:
                store.close()
            except Exception:    # noqa: BLE001 - a connection of another thread: closed with the process
                pass
