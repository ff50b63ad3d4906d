"""Numbered schema migrations of the SQLite store, frozen: each is SQL text that never changes once
released, and this module imports nothing from the package, so that a change to today's code
cannot change what an old migration does. ``PRAGMA user_version`` holds the number of the last
one applied; opening an older database applies the rest in one transaction.

Data *derived* from the stored records by code (the search index with its lemmas, references
and their links, impact lists, content-hash ids, the decided marks, body keys) is not moved by a
migration: each migration names the derived data it makes stale (``refresh``), ``migrate``
returns their union, and the store rebuilds them with the current code (``derived``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

CORE = """
CREATE TABLE documents (
    pk INTEGER PRIMARY KEY,
    path TEXT NOT NULL,                 -- where the file was read from
    sha256 TEXT NOT NULL UNIQUE,        -- content hash: the same bytes are stored once
    format TEXT NOT NULL,
    pages INTEGER,
    document_type TEXT NOT NULL,        -- minutes | agenda
    language TEXT NOT NULL,             -- fi | sv
    record TEXT NOT NULL,               -- the minutes.record/1 JSON, as `minutes parse` prints it
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_path ON documents(path);

CREATE TABLE meetings (
    pk INTEGER PRIMARY KEY,
    document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    id TEXT NOT NULL,                   -- <org-slug>/<body-slug>/<YYYY-MM-DD>
    organization TEXT, body TEXT, number TEXT, date TEXT, start TEXT, "end" TEXT, place TEXT
);
CREATE INDEX meetings_id ON meetings(id);
CREATE INDEX meetings_document ON meetings(document_pk);
CREATE INDEX meetings_date ON meetings(date);

CREATE TABLE participants (
    meeting_pk INTEGER NOT NULL REFERENCES meetings(pk) ON DELETE CASCADE,
    name TEXT NOT NULL, role TEXT, status TEXT NOT NULL, arrived TEXT, "left" TEXT
);
CREATE INDEX participants_meeting ON participants(meeting_pk);

CREATE TABLE items (
    pk INTEGER PRIMARY KEY,
    meeting_pk INTEGER NOT NULL REFERENCES meetings(pk) ON DELETE CASCADE,
    id TEXT NOT NULL,                   -- <org-slug>/<body-slug>/<YYYY-MM-DD>/<number>
    number INTEGER, title TEXT NOT NULL, case_id TEXT, page INTEGER, presenter TEXT,
    preparers TEXT NOT NULL DEFAULT '[]'   -- JSON list
);
CREATE INDEX items_id ON items(id);
CREATE INDEX items_meeting ON items(meeting_pk);
CREATE INDEX items_case ON items(case_id);

CREATE TABLE stages (
    pk INTEGER PRIMARY KEY,
    item_pk INTEGER NOT NULL REFERENCES items(pk) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, body TEXT NOT NULL, date TEXT, number INTEGER
);
CREATE INDEX stages_item ON stages(item_pk);

CREATE TABLE sections (
    pk INTEGER PRIMARY KEY,
    item_pk INTEGER NOT NULL REFERENCES items(pk) ON DELETE CASCADE,
    stage_pk INTEGER REFERENCES stages(pk) ON DELETE CASCADE,   -- null: the item's own section
    ordinal INTEGER NOT NULL, kind TEXT NOT NULL, heading TEXT, text TEXT NOT NULL, page INTEGER
);
CREATE INDEX sections_item ON sections(item_pk);

CREATE TABLE warnings (
    document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    page INTEGER, message TEXT NOT NULL
);
"""


SEARCH_INDEX = """
CREATE VIRTUAL TABLE item_search USING fts5(title, decision, proposal, background, other, title_terms, \
decision_terms, proposal_terms, background_terms, other_terms, tokenize = 'unicode61 remove_diacritics 0')"""


LINKS = """
ALTER TABLE meetings ADD COLUMN body_key TEXT;
ALTER TABLE stages ADD COLUMN body_key TEXT;
ALTER TABLE stages ADD COLUMN year INTEGER;
UPDATE stages SET year = CAST(substr(date, 1, 4) AS INTEGER) WHERE date IS NOT NULL;
ALTER TABLE stages ADD COLUMN resolved_item_pk INTEGER REFERENCES items(pk) ON DELETE SET NULL;
CREATE TABLE refs (
    pk INTEGER PRIMARY KEY,
    item_pk INTEGER NOT NULL REFERENCES items(pk) ON DELETE CASCADE,
    section_pk INTEGER NOT NULL REFERENCES sections(pk) ON DELETE CASCADE,
    kind TEXT NOT NULL,                 -- decision | office_decision | law | case | attachment
    text TEXT NOT NULL,                 -- as printed
    body TEXT, body_key TEXT, date TEXT, year INTEGER, number INTEGER,
    law TEXT, section INTEGER, subsection INTEGER, case_id TEXT,
    resolved_item_pk INTEGER REFERENCES items(pk) ON DELETE SET NULL
);
CREATE INDEX refs_item ON refs(item_pk);
CREATE INDEX refs_target ON refs(body_key, number, date);
CREATE INDEX refs_resolved ON refs(resolved_item_pk);
CREATE INDEX stages_target ON stages(body_key, number, date);
CREATE INDEX stages_resolved ON stages(resolved_item_pk);
CREATE INDEX meetings_key ON meetings(organization, body_key, date)
"""


IMPACTS = """
CREATE TABLE item_terms (
    item_pk INTEGER PRIMARY KEY REFERENCES items(pk) ON DELETE CASCADE,
    hashes BLOB NOT NULL                -- sorted CRC-32 hashes of the item's index terms
);
CREATE TABLE impact_lists (
    term TEXT NOT NULL, score REAL NOT NULL,
    item_pk INTEGER NOT NULL REFERENCES items(pk) ON DELETE CASCADE,
    PRIMARY KEY (term, score, item_pk)
) WITHOUT ROWID;
CREATE INDEX impact_lists_item ON impact_lists(item_pk);
CREATE TABLE impact_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE search_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE impact_dirty (
    hash INTEGER PRIMARY KEY            -- a term of a removed item: its list is rebuilt at the next refresh
);
CREATE VIRTUAL TABLE item_vocab USING fts5vocab(item_search, row)
"""


DECIDED = """
ALTER TABLE items ADD COLUMN decided INTEGER NOT NULL DEFAULT 0;
CREATE INDEX items_decided ON items(id, decided)"""


# A stored document is its file: the same path with the same content. Copies of a file in two
# folders are two documents (versions of one meeting), and a file whose content comes to equal
# another's is still updated. Rebuilt as SQLite's documentation describes, with foreign keys off.
IDENTITY = """
CREATE TABLE documents_new (
    pk INTEGER PRIMARY KEY,
    path TEXT NOT NULL,                 -- where the file was read from (a BLOB when its name is not UTF-8)
    sha256 TEXT NOT NULL,               -- content hash
    format TEXT NOT NULL,
    pages INTEGER,
    document_type TEXT NOT NULL,
    language TEXT NOT NULL,
    record TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    UNIQUE (path, sha256)
);
INSERT INTO documents_new SELECT pk, path, sha256, format, pages, document_type, language, record, ingested_at
    FROM documents;
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
CREATE INDEX documents_path ON documents(path);
CREATE INDEX documents_sha256 ON documents(sha256)"""

# What each item and earlier handling decided, and the people of each meeting with their roles:
# filled from the records' decision keys (derived: "decisions"). A record stored before decisions
# existed has none of those keys and gets no rows. (IF NOT EXISTS: a database whose version number
# was set back finds them made.)
DECISIONS = """
CREATE TABLE IF NOT EXISTS people (
    pk INTEGER PRIMARY KEY,
    meeting_pk INTEGER NOT NULL REFERENCES meetings(pk) ON DELETE CASCADE,
    name TEXT NOT NULL,                 -- in base form, as the record's people name them
    key TEXT NOT NULL                   -- folded: lower case, single spaces
);
CREATE INDEX IF NOT EXISTS people_meeting ON people(meeting_pk);
CREATE INDEX IF NOT EXISTS people_key ON people(key);
CREATE TABLE IF NOT EXISTS person_words (
    person_pk INTEGER NOT NULL REFERENCES people(pk) ON DELETE CASCADE,
    word TEXT NOT NULL                  -- a folded word of the name ("pekka", "hella")
);
CREATE INDEX IF NOT EXISTS person_words_word ON person_words(word, person_pk);
CREATE INDEX IF NOT EXISTS person_words_person ON person_words(person_pk);
CREATE TABLE IF NOT EXISTS person_roles (
    person_pk INTEGER NOT NULL REFERENCES people(pk) ON DELETE CASCADE,
    role TEXT NOT NULL                  -- participant, presenter, mover... or a participant's role as printed
);
CREATE INDEX IF NOT EXISTS person_roles_person ON person_roles(person_pk);
CREATE TABLE IF NOT EXISTS decisions (
    pk INTEGER PRIMARY KEY,
    item_pk INTEGER NOT NULL REFERENCES items(pk) ON DELETE CASCADE,
    stage_pk INTEGER REFERENCES stages(pk) ON DELETE CASCADE,   -- null: the item's own decision
    outcome TEXT NOT NULL, resolution TEXT NOT NULL, outcome_evidence TEXT
);
CREATE INDEX IF NOT EXISTS decisions_item ON decisions(item_pk, stage_pk);
CREATE INDEX IF NOT EXISTS decisions_outcome ON decisions(outcome);
CREATE INDEX IF NOT EXISTS decisions_stage ON decisions(stage_pk);
CREATE TABLE IF NOT EXISTS item_people (
    item_pk INTEGER NOT NULL REFERENCES items(pk) ON DELETE CASCADE,
    stage_pk INTEGER REFERENCES stages(pk) ON DELETE CASCADE,   -- null: in the item's own handling
    person_pk INTEGER NOT NULL REFERENCES people(pk) ON DELETE CASCADE,
    role TEXT NOT NULL                  -- presenter | preparer | mover | seconder | voter | disqualified | dissenter
);
CREATE INDEX IF NOT EXISTS item_people_item ON item_people(item_pk);
CREATE INDEX IF NOT EXISTS item_people_person ON item_people(person_pk, role);
CREATE INDEX IF NOT EXISTS item_people_stage ON item_people(stage_pk);
CREATE TABLE IF NOT EXISTS votes (
    pk INTEGER PRIMARY KEY,
    decision_pk INTEGER NOT NULL REFERENCES decisions(pk) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    yes INTEGER NOT NULL, no INTEGER NOT NULL, blank INTEGER NOT NULL, absent INTEGER NOT NULL,
    yes_means TEXT, no_means TEXT, result TEXT
);
CREATE INDEX IF NOT EXISTS votes_decision ON votes(decision_pk);
CREATE TABLE IF NOT EXISTS ballots (
    vote_pk INTEGER NOT NULL REFERENCES votes(pk) ON DELETE CASCADE,
    person_pk INTEGER REFERENCES people(pk) ON DELETE SET NULL,
    name TEXT NOT NULL, vote TEXT NOT NULL              -- yes | no | blank | absent
);
CREATE INDEX IF NOT EXISTS ballots_vote ON ballots(vote_pk);
CREATE INDEX IF NOT EXISTS ballots_person ON ballots(person_pk);
CREATE TABLE IF NOT EXISTS motions (
    pk INTEGER PRIMARY KEY,
    decision_pk INTEGER NOT NULL REFERENCES decisions(pk) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    mover TEXT, person_pk INTEGER REFERENCES people(pk) ON DELETE SET NULL,
    kind TEXT NOT NULL,                 -- counter_proposal | amendment | table | return
    text TEXT, result TEXT              -- adopted | rejected | withdrawn | fell | null
);
CREATE INDEX IF NOT EXISTS motions_decision ON motions(decision_pk);
CREATE INDEX IF NOT EXISTS motions_person ON motions(person_pk);
CREATE TABLE IF NOT EXISTS seconders (
    motion_pk INTEGER NOT NULL REFERENCES motions(pk) ON DELETE CASCADE,
    person_pk INTEGER REFERENCES people(pk) ON DELETE SET NULL,
    name TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS seconders_motion ON seconders(motion_pk);
CREATE INDEX IF NOT EXISTS seconders_person ON seconders(person_pk);
CREATE TABLE IF NOT EXISTS disqualifications (
    decision_pk INTEGER NOT NULL REFERENCES decisions(pk) ON DELETE CASCADE,
    person_pk INTEGER REFERENCES people(pk) ON DELETE SET NULL,
    name TEXT NOT NULL, reason TEXT
);
CREATE INDEX IF NOT EXISTS disqualifications_decision ON disqualifications(decision_pk);
CREATE INDEX IF NOT EXISTS disqualifications_person ON disqualifications(person_pk);
CREATE TABLE IF NOT EXISTS dissents (
    decision_pk INTEGER NOT NULL REFERENCES decisions(pk) ON DELETE CASCADE,
    person_pk INTEGER REFERENCES people(pk) ON DELETE SET NULL,
    name TEXT NOT NULL, text TEXT
);
CREATE INDEX IF NOT EXISTS dissents_decision ON dissents(decision_pk);
CREATE INDEX IF NOT EXISTS dissents_person ON dissents(person_pk)"""

STRATEGIES = """
CREATE TABLE IF NOT EXISTS strategies (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,            -- "lapuan-kaupunki/onnen-resepti"
    organization TEXT NOT NULL,
    name TEXT NOT NULL,
    period_from INTEGER NOT NULL,       -- years
    period_to INTEGER,                  -- NULL: still in force
    definition TEXT NOT NULL,           -- the strategy as JSON (Strategy.to_dict)
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS strategy_goals (
    strategy_pk INTEGER NOT NULL REFERENCES strategies(pk) ON DELETE CASCADE,
    id TEXT NOT NULL,
    parent TEXT,                        -- the goal's id for a sub-goal
    title TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (strategy_pk, id)
);
"""

STRATEGY_TAGS = """
CREATE TABLE IF NOT EXISTS strategy_tags (
    strategy_pk INTEGER NOT NULL REFERENCES strategies(pk) ON DELETE CASCADE,
    item_pk INTEGER NOT NULL REFERENCES items(pk) ON DELETE CASCADE,
    goal TEXT NOT NULL,                 -- a goal's or a sub-goal's id
    parent TEXT,                        -- the goal's id for a sub-goal
    score REAL NOT NULL,
    advances INTEGER NOT NULL,          -- 0: the decision rejects, tables, returns or only notes
    evidence TEXT NOT NULL,             -- JSON list of the sentences and phrases it rests on
    PRIMARY KEY (strategy_pk, item_pk, goal)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS strategy_tags_item ON strategy_tags(item_pk);
CREATE INDEX IF NOT EXISTS strategy_tags_goal ON strategy_tags(goal, advances, item_pk);
CREATE INDEX IF NOT EXISTS strategy_tags_parent ON strategy_tags(parent, advances, item_pk)
"""

WORD_FORMS = """
CREATE TABLE IF NOT EXISTS word_forms (
    language TEXT NOT NULL,
    form TEXT NOT NULL,                 -- lower case, as printed
    terms TEXT NOT NULL,                -- the form, its lemmas and compound parts, space-separated
    lemmas TEXT NOT NULL,               -- its base forms, space-separated
    PRIMARY KEY (language, form)
) WITHOUT ROWID
"""

# what derived data a migration can make stale (rebuilt by ``derived.refresh``)
DERIVED = ("ids", "body_keys", "search_index", "references", "links", "impacts", "decided", "decisions",
           "word_forms", "strategy_tags")


@dataclass(frozen=True)
class Migration:
    """One numbered step: its SQL (statements separated by ";\\n") and the derived data it makes
    stale."""

    number: int
    title: str
    sql: str
    refresh: tuple[str, ...] = ()


@dataclass(frozen=True)
class Migrated:
    """What ``migrate`` did: the numbers of the migrations applied, in order, and the derived data
    they made stale (names from ``DERIVED``)."""

    applied: list[int] = field(default_factory=list)
    refresh: frozenset[str] = frozenset()


MIGRATIONS: list[Migration] = [
    Migration(1, "documents, meetings, participants, items, stages, sections, warnings", CORE),
    Migration(2, "full-text search index with lemmas", SEARCH_INDEX, refresh=("search_index",)),
    Migration(3, "references and links between items", LINKS, refresh=("body_keys", "references", "links")),
    Migration(4, "impact lists for fast ranking of frequent words", IMPACTS, refresh=("search_index", "impacts")),
    # records stored before 5 hold a handling's full name in "body": the full name is copied
    Migration(5, "full names of the bodies of earlier handlings (stages.body_name)",
              "ALTER TABLE stages ADD COLUMN body_name TEXT;\nUPDATE stages SET body_name = NULLIF(body, '')",
              refresh=("body_keys",)),
    # no schema change: the records, meetings and items of such documents get today's ids
    Migration(6, "content-hash ids for meetings that cannot be identified; no item id twice in a document", "",
              refresh=("ids",)),
    Migration(7, "the decided version of every item (minutes before agendas, the latest ingested)", DECIDED,
              refresh=("decided",)),
    Migration(8, "a stored document is its file: identity by path and content", IDENTITY),
    Migration(9, "decisions, votes, ballots, motions, seconders, disqualifications, dissents, people and their roles",
              DECISIONS, refresh=("decisions",)),
    # no schema change: the search index gets today's terms (compound runs, hyphenated and
    # coordinated compounds, stems of unknown names, Swedish compound parts)
    Migration(10, "richer search terms: compound runs, hyphenated words, stems of unknown names", "",
              refresh=("search_index", "impacts")),
    Migration(11, "strategies and their goals", STRATEGIES),
    Migration(12, "the goals of stored strategies each item carries out, with evidence", STRATEGY_TAGS,
              refresh=("strategy_tags",)),
    Migration(13, "the analysis of every stored word form, read when a strategy is tagged", WORD_FORMS,
              refresh=("word_forms",)),
    # no schema change: an agenda's items are proposals, tagged as advancing nothing
    Migration(14, "strategy tags again: an agenda's proposal advances no goal until decided", "",
              refresh=("strategy_tags",)),
]
STALE_MARK = "stale:"   # a search_state key: the derived data named after it awaits its rebuild
LATEST = MIGRATIONS[-1].number


def schema_version(conn: sqlite3.Connection) -> int:
    """The number of the last migration applied to the database (0 for a new one)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> Migrated:
    """Apply the migrations after the database's version up to ``target``, all in one
    transaction, and mark the derived data they made stale (``STALE_MARK`` rows of
    ``search_state``) in that same transaction: a crash leaves either the old version or the new
    one with its marks, never new tables with stale data unmarked. Return the numbers applied and
    the derived data made stale."""
    pending = [m for m in MIGRATIONS if schema_version(conn) < m.number <= target]
    if not pending:
        return Migrated()
    stale: set[str] = set()
    # a table is rebuilt with foreign keys off (dropping it would cascade), checked before commit
    enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for migration in pending:
                for statement in migration.sql.split(";\n"):
                    if statement.strip():
                        conn.execute(statement)
                broken = conn.execute("PRAGMA foreign_key_check").fetchone()
                if broken:
                    raise sqlite3.IntegrityError(f"migration {migration.number} broke a reference: {tuple(broken)}")
                conn.execute(f"PRAGMA user_version = {migration.number}")
                stale.update(migration.refresh)
            # derived data of no document is never stale
            if stale and conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_state'").fetchone() \
                    and conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
                conn.executemany("INSERT OR IGNORE INTO search_state(key, value) VALUES (?, 1)",
                                 [(STALE_MARK + name,) for name in sorted(stale)])
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")
    return Migrated([m.number for m in pending], frozenset(stale))
