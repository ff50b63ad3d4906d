"""The analysis of every printed word form stored (``word_forms``): its terms (the form, its
lemmas and compound parts) and its base forms, as ``tagging.text.analysed`` gives them, written
once per form as documents are stored. Tagging a strategy over an archive reads them instead of
analysing every form again: the analysis is most of the cost of reading a text, and ingest has
already paid it (the search index analyses the same words)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable

from minutes.record import Item, Record
from minutes.tagging.text import analysed, forms_of, item_text

SEPARATOR = " "     # terms and base forms hold no space
Analysis = tuple[tuple[str, ...], tuple[str, ...]]     # (terms, base forms)


def item_texts(item: Item) -> Iterable[str]:
    """The texts of an item tagging reads (``tagging.text.item_text``): its title and its parts."""
    read = item_text(item)
    return (read.title, *(text for _, text in read.parts))


class FormWriter:
    """Stores the forms of documents as they are stored, each form once: the forms this process
    knows to be stored are kept in memory (read once per language)."""

    def __init__(self) -> None:
        self._known: dict[str, set[str]] = {}

    def store(self, conn: sqlite3.Connection, record: Record) -> int:
        """Store the analysis of the record's forms not stored yet; the number stored."""
        language = record.language or "fi"
        known = self._known.get(language)
        if known is None:
            known = self._known[language] = {form for (form,) in conn.execute(
                "SELECT form FROM word_forms WHERE language = ?", (language,))}
        new = forms_of(text for item in record.items for text in item_texts(item)) - known
        if not new:
            return 0
        rows = []
        for form in sorted(new):
            terms, lemmas = analysed(form, language)
            rows.append((language, form, SEPARATOR.join(terms), SEPARATOR.join(lemmas)))
        conn.executemany("INSERT INTO word_forms(language, form, terms, lemmas) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT DO NOTHING", rows)
        known |= new
        return len(rows)

    def forget(self) -> None:
        """Forget what is known to be stored (after a rollback or a rebuild)."""
        self._known.clear()


# forms per query of an ``IN (...)`` list
CHUNK = 500


def stored_analysis(conn: sqlite3.Connection) -> Callable[[Collection[str], str], dict[str, Analysis]]:
    """A lookup of stored forms' (terms, base forms) by their forms and language: those stored
    (a form not stored is not in the answer), in a query per ``CHUNK`` forms."""
    def lookup(forms: Collection[str], language: str) -> dict[str, Analysis]:
        wanted = list(forms)
        found: dict[str, Analysis] = {}
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start:start + CHUNK]
            for form, terms, lemmas in conn.execute(
                    f"SELECT form, terms, lemmas FROM word_forms WHERE language = ? AND form IN "
                    f"({', '.join('?' for _ in chunk)})", (language, *chunk)):
                found[form] = (tuple(terms.split(SEPARATOR)), tuple(lemmas.split(SEPARATOR)))
        return found
    return lookup


def refresh_word_forms(conn: sqlite3.Connection, records: Iterable[tuple[int, Record]]) -> None:
    """Every stored document's forms analysed again (after a migration or a change of analysis)."""
    conn.execute("DELETE FROM word_forms")
    writer = FormWriter()
    for _, record in records:
        writer.store(conn, record)


__all__ = ["FormWriter", "stored_analysis", "refresh_word_forms", "item_texts"]
