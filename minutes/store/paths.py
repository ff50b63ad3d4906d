"""Files the user names on the command line: a database that must exist or be creatable, and
output files that must never be the database itself (writing a report over it destroys it)."""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")   # SQLite keeps these beside the database


def is_database(path: str | Path, db: str | Path) -> bool:
    """Whether ``path`` is the database ``db`` or one of the files SQLite keeps beside it (beside
    the file a link named as the database points to, too)."""
    target = Path(path).expanduser()
    names = {Path(db).expanduser(), Path(db).expanduser().resolve()}
    for suffix, name in ((suffix, name) for suffix in DATABASE_COMPANIONS for name in names):
        companion = Path(f"{name}{suffix}")
        if target.absolute() == companion.absolute() or target.resolve() == companion.resolve():
            return True
        try:
            if target.exists() and companion.exists() and os.path.samefile(target, companion):
                return True
        except OSError:
            continue
    return False


def output_problem(path: str | Path, db: str | Path | None = None, sources: tuple = ()) -> str | None:
    """Why ``path`` cannot be written as an output file (None when it can): it is the database,
    an existing file among ``sources`` (the files and folders being ingested: a document of the
    archive), a folder, or its folder is missing or not writable."""
    target = Path(path).expanduser()
    if db is not None and is_database(target, db):
        return f"{path}: is the database (or a file SQLite keeps beside it); writing there would destroy it"
    if target.is_file() and any(_within(target, Path(source)) for source in sources):
        return f"{path}: is a file of the archive being ingested; writing there would destroy it"
    if target.is_dir():
        return f"{path}: is a folder; name a file"
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        return f"{path}: the folder {folder} does not exist"
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        return f"{path}: cannot be written (permission denied)"
    return None


def stored_path(path: str) -> str | bytes:
    """A file name as the database keeps it: text, or its bytes (stored as a BLOB) when they are
    not UTF-8 (a name from an old archive, held by Python as surrogate escapes). Lossless."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape")


# PostgreSQL keeps text only: a name's bytes are kept there as this mark and their hex digits
# (U+FFFE is a noncharacter, which no file name of a real archive starts with)
BYTES_MARK = "\ufffe"


def text_of_bytes(value: bytes) -> str:
    """A name's bytes as text, for an engine that keeps text only (``read_stored_path`` reads it)."""
    return BYTES_MARK + value.hex()


def read_stored_path(value: str | bytes) -> str:
    """A file name as the database returned it (see ``stored_path``, ``text_of_bytes``)."""
    if isinstance(value, str) and value.startswith(BYTES_MARK):
        value = bytes.fromhex(value[len(BYTES_MARK):])
    return value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else value


def _within(target: Path, source: Path) -> bool:
    target, source = target.resolve(), source.expanduser().resolve()
    return target == source or source in target.parents
