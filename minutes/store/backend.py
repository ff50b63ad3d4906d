"""The store's interface: every operation the command line, the batch and the answers (search,
export, links) need from a minutes database, whatever keeps it. ``sqlite.Store`` and
``postgres.PostgresStore`` implement it (both through ``sql.SqlStore``); ``open_store`` (in
``minutes.store``) picks the backend.

A backend is a context manager: ``with open_store(path) as store: ...`` closes it at the end.
Writing is one transaction per document: a failure leaves the store as it was before it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from minutes.errors import ExitCode, MinutesError
from minutes.record import Item, Record, Strategy

from .browse import BodyEntry, Facets, MeetingEntry
from .filters import Filters
from .links import Step
from .people import PersonActivity
from .search import Results
from .shown import Found, Shown
from .stats import Stats

if TYPE_CHECKING:
    from minutes.tagging.document import RecordTags

    from .strategies import TaggedItem

# what storing a document did (``upsert``) or would do (``status_of``)
from .status import INSERTED, UNCHANGED, UPDATED  # noqa: F401 (re-exported)


class BackendUnavailable(MinutesError):
    """The database named is of a kind this version of minutes cannot open yet."""

    exit_code = ExitCode.USAGE
    category = "database"


class Backend(ABC):
    """A minutes database. ``path`` names it in messages (a file name, or a URL without its
    password)."""

    path: str

    def __enter__(self) -> "Backend":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None:
        """Release the database; the backend is not used after."""

    def usable(self) -> bool:
        """Whether the store can still answer: a database server's store says no once its
        connection is gone (the server restarted), and whoever keeps it opens it again."""
        return True

    # -- writing ----------------------------------------------------------------------------
    @abstractmethod
    def status_of(self, sha256: str, path: str, supplied: dict[str, str] | None = None) -> str:
        """What ``upsert`` would do with a file of this content hash at this path (and these
        user-supplied meeting values): ``INSERTED``, ``UPDATED`` or ``UNCHANGED``."""

    @abstractmethod
    def holds_file(self, path: str) -> bool:
        """Whether a document read from ``path`` is stored."""

    @abstractmethod
    def upsert(self, record: Record, replace: bool = False, ingested_at: str | None = None,
               tags: RecordTags | None = None, terms: Sequence[dict[str, str]] | None = None) -> str:
        """Store a record in one transaction (replacing the stored document of its file); return
        ``INSERTED``, ``UPDATED`` or ``UNCHANGED``. With ``replace`` a file stored unchanged is
        stored again (a record parsed anew by today's code): ``UPDATED``. ``ingested_at`` (ISO 8601)
        is when it was first stored, for a copy of another database (default: now). ``tags``: its
        items' strategy tags computed where it was parsed (the store tags the items itself for a
        strategy they do not hold). ``terms``: its items' search index terms, in order, worked out
        where it was parsed (``fulltext.item_terms``; computed here when not given). ``ValueError``
        when two of its items share an id, or ``terms`` are not one per item."""

    @abstractmethod
    def refresh_search(self) -> int:
        """Bring the search's ranking aids up to date after a batch of writes (``minutes ingest``
        calls it at the end); return how many were rebuilt (0 when nothing was stale)."""

    # -- reading ----------------------------------------------------------------------------
    @abstractmethod
    def iter_records(self, filters: Filters = Filters()) -> Iterator[Record]:
        """Stored records (every version), oldest meeting first, one at a time."""

    @abstractmethod
    def iter_stored(self) -> Iterator[tuple[Record, str]]:
        """Every stored record with when it was stored (``ingested_at``), in the order they were
        stored: what a copy of the database stores again, in the same order."""

    @abstractmethod
    def iter_versions(self, filters: Filters = Filters()) -> Iterator[tuple[Record, str, bool, frozenset[str]]]:
        """As ``iter_records``, each as ``(record, meeting_id, decided, decided_item_ids)``: whether
        the record is the decided version of its meeting, and the ids of its items that are their
        decided versions (what ``minutes export`` marks)."""

    @abstractmethod
    def find(self, id: str, version: str | None = None) -> Found:
        """The stored item or meeting with this id: its decided version (minutes before agendas,
        the latest ingested first), or the latest of ``version`` ("minutes" or "agenda"), with the
        other stored versions. ``NotStored`` when nothing, or no such version, is stored."""

    @abstractmethod
    def show(self, id: str, version: str | None = None) -> Shown:
        """What ``minutes show`` prints: ``find``'s answer and, for an item, its links
        (``item_links`` of the version found). ``NotStored`` as ``find``."""

    @abstractmethod
    def item(self, item_id: str) -> tuple[Record, Item] | None:
        """``(record, item)`` of the stored item's decided version; None when not stored."""

    @abstractmethod
    def meeting(self, id: str) -> Record | None:
        """The record of the stored meeting's decided version; None when not stored."""

    @abstractmethod
    def item_links(self, item_id: str, version: str | None = None) -> dict:
        """The stored item's links (its decided version, or the latest of ``version``):
        ``{"history": [{"body", "body_name", "date", "number", "resolved_to"}], "references":
        [{"kind", "text", ... the reference's known fields, "resolved_to"}], "referenced_by":
        [item ids]}``, ``resolved_to`` an item id or None; ``{}`` when the item is not stored."""

    @abstractmethod
    def search(self, query: str, filters: Filters = Filters(), limit: int = 20, offset: int = 0,
               sort: str = "relevance", explain: bool = False) -> Results:
        """A page of ``limit`` items for ``query`` from ``offset``, best first (or newest first
        with ``sort`` "date"), one hit per item id (its decided version, or the latest of
        ``filters.document_type``), with the total and how the query was read (``Results``; see
        ``search.search``: stop words are not required, and when few items hold every word the
        items holding any of them rank). A query with no words lists the items a decision or
        person filter (``outcome``, ``voted``, ``person``) selects, newest first; ``QueryError``
        for a query with no words and no such filter."""

    @abstractmethod
    def facets(self, query: str, filters: Filters = Filters(), any_words: bool = False) -> Facets:
        """How many of the items ``search`` would find for ``query`` and ``filters`` (with
        ``any_words``, its items holding any of the words) fall in each organisation, body, year,
        section kind, outcome, goal (``"<strategy id>/<goal id>"``) and person, the most frequent
        values first (``browse.facet_counts``); a query with no words counts what the filters select."""

    @abstractmethod
    def bodies(self) -> list[BodyEntry]:
        """Every organisation and body with meetings stored: its key (the first one or two parts of
        its meeting ids), its name, its meetings and their first and last date."""

    @abstractmethod
    def meetings(self, key: str, limit: int | None = None) -> list[MeetingEntry]:
        """The meetings of the organisation or body ``key`` (as ``bodies`` gives it), newest first,
        at most ``limit``."""

    @abstractmethod
    def chain(self, item_id: str) -> list[Step] | None:
        """The path of the stored item's matter across bodies, in date order (each item once,
        handlings named but not stored included); None when no such item is stored."""

    @abstractmethod
    def person(self, name: str, filters: Filters = Filters()) -> list[PersonActivity]:
        """Every stored person the typed ``name`` may stand for ("Virtaselle" finds Virtanen; "Pekka
        Hella" finds Pekka Hella, not Juha Hella), one ``PersonActivity`` per name, the most active
        first: their meetings (with their roles there), items presented and prepared, motions,
        seconds, ballots cast, disqualifications and dissents, in date order, decided versions
        only. ``filters`` narrow the meetings (body, organisation, dates). Empty when nobody matches."""

    @abstractmethod
    def stats(self, filters: Filters = Filters(), by: str = "body") -> Stats:
        """Counts of the decided items ``filters`` select, grouped ``by`` "body", "year" or
        "presenter": items, analysed items, outcomes and resolutions with their shares, items voted
        on and votes, motions by result and their success, disqualifications and dissents
        (``stats.Stats``; each item counted once, by its own decision). ``ValueError`` for another
        grouping."""

    @abstractmethod
    def add_strategy(self, strategy: Strategy) -> str:
        """Store a strategy and its goals, replacing one of the same id (organisation and name), and
        tag every stored item it covers: "inserted", "updated" or "unchanged". Items stored later
        are tagged as they are stored."""

    @abstractmethod
    def strategies(self) -> list[Strategy]:
        """Every stored strategy, by organisation and period."""

    @abstractmethod
    def remove_strategy(self, strategy_id: str) -> bool:
        """Remove a stored strategy with its goals and tags; whether there was one."""

    @abstractmethod
    def strategy_tags(self, strategy_id: str | None = None, filters: Filters = Filters(),
                      advancing: bool = True, item_id: str | None = None) -> Iterator[TaggedItem]:
        """The items (decided versions) tagged with goals of one stored strategy, or of all, oldest
        first, each with its tags; with ``advancing``, only the goals the item advances; with
        ``item_id``, only that item's tags."""

    @abstractmethod
    def goal_ids(self) -> set[str]:
        """The ids of every stored goal and sub-goal, bare ("hyvinvointi") and with their
        strategy's id ("lapuan-kaupunki/onnen-resepti/hyvinvointi")."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """How much is stored: ``{"documents", "meetings", "items", "sections"}``."""
