"""The database's tables, declared as data, the loaders, and the writer the build streams articles into.

Loaders take `db` (a sqlite_utils.Database) and plain data; they never parse.
Rows are written as the articles stream past, in batches; the foreign keys are
checked once, when everything is written (`DatabaseWriter.finish`).
"""

import collections
import contextlib
import json
from pathlib import Path

from .shape import BUILD_SQL_DIR, SQL_DIR, ensure_db_shape


# SQLite's page cache while writing, in KiB: indexes build faster with more, but it counts against memory.
WRITE_CACHE_KIB = 32_768
# Articles whose rows are buffered before each write.
WRITE_BATCH = 250

# table -> columns (in order), primary key, NOT NULL columns, foreign keys
TABLES = {
    "articles": {
        "columns": {"id": str, "outlet": str, "headline": str, "published": str, "url": str, "note": str,
                    "text": str, "raw_sha256": str, "words": int, "repairs": int, "source_file": str, "label": str,
                    "copy_of": str},
        "not_null": ["text", "raw_sha256", "words", "repairs", "source_file"],
        "foreign_keys": [],
    },
    "text_repairs": {
        "columns": {"id": str, "article_id": str, "n": int, "start": int, "end": int,
                    "original": str, "repaired": str, "rule": str},
        "not_null": ["article_id", "n", "start", "end", "original", "repaired", "rule"],
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "paragraphs": {
        "columns": {"id": str, "article_id": str, "n": int, "kind": str, "start": int, "end": int, "text": str,
                    "label": str},
        "not_null": ["article_id", "n", "kind", "start", "end", "text"],
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "people": {
        "columns": {"id": str, "name": str, "kind": str, "role": str, "country": str, "affiliation": str,
                    "aliases": str, "roles": str, "pronoun": str, "registered": int, "note": str, "colour": str},
        "not_null": ["name", "kind", "aliases", "registered"],
        "foreign_keys": [],
    },
    "positions": {
        "columns": {"id": str, "score": int, "label": str, "description": str, "cues": str},
        "not_null": ["score", "label", "description"],
        "foreign_keys": [],
    },
    "issues": {
        "columns": {"id": str, "n": int, "title": str, "question": str, "description": str, "signals": str,
                    "opposite_signals": str, "scope": str},
        "not_null": ["n", "title", "question", "description"],
        "foreign_keys": [],
    },
    "utterances": {
        "columns": {"id": str, "speaker_id": str, "text": str, "first_said_on": str, "quotes": int, "articles": int,
                    "outlets": int, "label": str},
        "not_null": ["speaker_id", "text", "quotes", "articles", "outlets"],
        "foreign_keys": [("speaker_id", "people", "id")],
    },
    "quotes": {
        "columns": {"id": str, "article_id": str, "paragraph_id": str, "source": str, "start": int, "end": int,
                    "text": str, "kind": str, "speaker_id": str, "speaker_start": int, "speaker_end": int,
                    "cue": str, "attribution": str, "context": str,
                    "said_on": str, "said_on_precision": str, "said_on_basis": str, "nested_in": str,
                    "utterance_id": str, "label": str, "issues": str},
        "not_null": ["article_id", "source", "start", "end", "text", "kind", "attribution", "context"],
        "foreign_keys": [("article_id", "articles", "id"), ("paragraph_id", "paragraphs", "id"),
                         ("speaker_id", "people", "id"), ("nested_in", "quotes", "id"),
                         ("utterance_id", "utterances", "id")],
    },
    "quote_issues": {
        "columns": {"id": str, "quote_id": str, "issue_id": str, "said_on": str, "matched": str, "offsets": str,
                    "signals": str},
        "not_null": ["quote_id", "issue_id", "matched", "offsets", "signals"],
        "foreign_keys": [("quote_id", "quotes", "id"), ("issue_id", "issues", "id")],
    },
    "stances": {
        "columns": {"id": str, "person_id": str, "issue_id": str, "position": str, "score": int, "said_on": str,
                    "said_on_precision": str, "evidence": str, "article_id": str, "quote_id": str, "start": int,
                    "end": int, "note": str, "label": str},
        "not_null": ["person_id", "issue_id", "article_id", "position", "score", "evidence", "start", "end",
                     "said_on", "said_on_precision"],
        "foreign_keys": [("person_id", "people", "id"), ("issue_id", "issues", "id"), ("quote_id", "quotes", "id"),
                         ("article_id", "articles", "id"), ("position", "positions", "id")],
    },
}

# A clerk's reading of each tagged quote (stance_cues), for a person to review; never a stance. The
# person, the curated stance that covers it and the label are filled in at the end (see
# sql/build/stance_suggestions.sql), once the archive-wide step has resolved every speaker.
TABLES["stance_suggestions"] = {
    "columns": {"id": str, "quote_id": str, "article_id": str, "person_id": str, "issue_id": str, "position": str,
                "score": int, "cues": str, "offsets": str, "rule": str, "said_on": str, "said_on_precision": str,
                "stance_id": str, "curated_position": str, "agrees": int, "status": str, "label": str},
    "not_null": ["quote_id", "article_id", "issue_id", "position", "score", "cues", "offsets", "rule"],
    "foreign_keys": [("quote_id", "quotes", "id"), ("article_id", "articles", "id"), ("person_id", "people", "id"),
                     ("issue_id", "issues", "id"), ("position", "positions", "id"), ("stance_id", "stances", "id"),
                     ("curated_position", "positions", "id")],
}

# What each article was built from, for the next build to compare (whosaid/incremental.py): its input key
# (cache.article_key: the code, the registry, the codebook, its text and manifest entry), a hash of its
# stances, and the names the archive-wide step needs from it (new speakers, people introduced in full,
# quotes waiting on a surname), so that step can run again without reading the article.
TABLES["build_articles"] = {
    "columns": {"id": str, "input_key": str, "stances_key": str, "names": str, "source_key": str},
    "not_null": ["input_key", "stances_key", "names"],
    "foreign_keys": [("id", "articles", "id")],
}
# The build's own inputs beyond the articles: the fingerprint of code, registry and codebook, and of sql/.
TABLES["build_state"] = {
    "columns": {"id": str, "value": str},
    "not_null": ["value"],
    "foreign_keys": [],
}

def create_tables(db):
    for name, shape in TABLES.items():
        db[name].create(shape["columns"], pk="id", not_null=shape["not_null"], foreign_keys=shape["foreign_keys"])


# The columns of people an incremental build compares, to find whose derived rows to compute again.
PEOPLE_COMPARED = "id, name, kind, role, country, affiliation, aliases, roles, pronoun, registered, note"


def load_people(db, people):
    """The registry's people."""
    db["people"].insert_all({"id": person_id, **person, "registered": 1}
                            for person_id, person in sorted(people.items()))


def load_unregistered_people(db, unregistered):
    """The speakers the extractor found that the registry lacks."""
    db["people"].insert_all(
        {"id": person["id"], "name": person["name"], "kind": person["kind"], "role": person["role"],
         "country": person["country"], "affiliation": None, "aliases": person["aliases"], "roles": [], "pronoun": None,
         "registered": 0, "note": person["note"]}
        for person in unregistered
    )


def load_positions(db, positions):
    db["positions"].insert_all(
        {"id": position_id, **position}
        for position_id, position in sorted(positions.items(), key=lambda item: item[1]["score"])
    )


def load_issues(db, issues):
    # The codebook's order is meaningful (the central question first), so keep it in n.
    db["issues"].insert_all({"id": issue_id, "n": n, **issue} for n, (issue_id, issue) in enumerate(issues.items(), 1))


class DatabaseWriter:
    """Writes the streamed articles, then what needs them all: new speakers, utterances, search, views."""

    def __init__(self, db, sql_dir=SQL_DIR):
        self.db = db
        self.sql_dir = Path(sql_dir)
        self.buffered = {table: [] for table in ("articles", "text_repairs", "paragraphs", "quotes", "quote_issues",
                                                 "stance_suggestions", "stances", "build_articles")}
        self.signal_hits = collections.Counter()   # (issue id, signal) -> quotes it tagged
        self.buffered_keys = []
        self.buffered_articles = 0
        self.incremental, self.scopes = False, None
        # The build's Phases, timing each step of finish(); by default, none.
        self.phases = lambda name: contextlib.nullcontext()

    def start(self, seeds):
        create_tables(self.db)
        load_people(self.db, seeds.people)
        load_positions(self.db, seeds.positions)
        load_issues(self.db, seeds.issues)
        # Each quote's wording key, for grouping utterances at the end; gone when the build closes the file.
        self.db.execute("CREATE TEMP TABLE quote_keys (quote_id TEXT, key_id INTEGER)")

    def add(self, article, stance_rows, quote_keys):
        self.buffered["articles"].append({**{column: article.get(column) for column in TABLES["articles"]["columns"]},
                                          "label": f"{article['outlet'] or 'unknown outlet'}, "
                                                   f"{article['published'] or 'undated'}"})
        self.buffered["text_repairs"] += (
            {"id": f"{article['id']}-r{n:03d}", "article_id": article["id"], "n": n, **repair}
            for n, repair in enumerate(article["repair_list"], start=1))
        self.buffered["paragraphs"] += (
            {"id": paragraph_id(article["id"], paragraph["n"]), "article_id": article["id"], **paragraph,
             "label": f"¶{paragraph['n']} {paragraph['kind']}"}
            for paragraph in article["paragraphs"])
        tags = article["tags"]   # tagged by the worker that prepared it (prepare.prepare_article)
        columns = TABLES["quotes"]["columns"]
        self.buffered["quotes"] += ({**{column: quote.get(column) for column in columns}, "label": opening(quote["text"]),
                                     "issues": tags.issues[quote["id"]]} for quote in article["quotes"])
        self.buffered["quote_issues"] += tags.quote_issues
        self.buffered["stance_suggestions"] += tags.suggestions
        self.signal_hits.update(tags.hits)
        self.buffered["stances"] += ({**row, "label": f"{row['position']}, {row['said_on']}"} for row in stance_rows)
        self.buffered["build_articles"].append({"id": article["id"], "input_key": article["input_key"],
                                                "stances_key": article["stances_key"],
                                                "names": json.dumps(names_of(article), sort_keys=True),
                                                "source_key": article["source_key"]})
        self.buffered_keys += quote_keys
        self.buffered_articles += 1
        if self.buffered_articles >= WRITE_BATCH:
            self.flush()

    def flush(self):
        # One prepared INSERT per table: sqlite-utils' insert_all builds each row's parameters in Python,
        # which took 2.1 s of a 2,000-article build; the tables it created fix the columns already.
        with self.db.atomic():
            for table, rows in self.buffered.items():
                if rows:
                    columns = list(TABLES[table]["columns"])
                    self.db.conn.executemany(
                        f"INSERT INTO [{table}] ({', '.join(f'[{column}]' for column in columns)}) "
                        f"VALUES ({', '.join('?' * len(columns))})",
                        [tuple(row[column] for column in columns) for row in rows])
                    rows.clear()
            self.db.conn.executemany("INSERT INTO quote_keys VALUES (?, ?)", self.buffered_keys)
        self.buffered_keys.clear()
        self.buffered_articles = 0

    def resolve(self, resolutions, rule, quote_keys):
        """Give the quotes the archive-wide step resolved their speaker, and their wording keys."""
        self.flush()
        with self.db.atomic():
            self.db.conn.executemany(
                (BUILD_SQL_DIR / "resolve_speakers.sql").read_text(encoding="utf-8"),
                [{"person_id": found.person_id, "rule": rule, "quote_id": found.quote_id} for found in resolutions])
            self.db.conn.executemany("INSERT INTO quote_keys VALUES (?, ?)", quote_keys)

    def write_state(self, state):
        """The build's inputs beyond the articles ({name: value}), for the next build to compare."""
        with self.db.atomic():
            self.db.execute("DELETE FROM build_state")
            self.db.conn.executemany("INSERT INTO build_state (id, value) VALUES (?, ?)", sorted(state.items()))

    def start_over(self, scopes, written):
        """Take up the previous build's database, copied, for an incremental build (whosaid/incremental.py):
        `scopes` says which rows of each derived table to compute again, `written` which rows of each table
        the build may have written (for the foreign-key check)."""
        self.incremental, self.scopes, self.written = True, scopes, written
        self.db.execute("CREATE TEMP TABLE quote_keys (quote_id TEXT, key_id INTEGER)")

    def rows_written_pointing_nowhere(self):
        """PRAGMA foreign_key_check's rows, for the rows an incremental build may have written (`written`):
        the rest were checked by the build that wrote them."""
        broken = []
        for table in self.db.table_names():
            where = self.written.get(table, "1")
            for _, _, parent, column, parent_column, *_ in self.db.execute(f"PRAGMA foreign_key_list([{table}])"):
                broken += [(table, rowid, parent, 0) for (rowid,) in self.db.execute(
                    f"SELECT rowid FROM [{table}] WHERE ({where}) AND [{column}] IS NOT NULL "
                    f"AND [{column}] NOT IN (SELECT [{parent_column or 'id'}] FROM [{parent}]) LIMIT 3").fetchall()]
        return broken

    def finish(self, unregistered, roots):
        """Write what needs every article; then search, indexes and views; then check every foreign key.

        In an incremental build, quote_keys holds only the regrouped speakers' quotes, and the search
        indexes are already up to date."""
        phases = self.phases
        with phases("write rows"):
            self.flush()
        with phases("write utterances"), self.db.atomic():
            if self.incremental:
                self.db.execute(f"CREATE TEMP TABLE people_before AS SELECT {PEOPLE_COMPARED} FROM people "
                                "WHERE registered = 0")
                self.db.execute("DELETE FROM people WHERE registered = 0")
            load_unregistered_people(self.db, unregistered)
            self.db.execute((BUILD_SQL_DIR / "person_colours.sql").read_text(encoding="utf-8"))
            self.db.execute("CREATE TEMP TABLE key_roots (key_id INTEGER PRIMARY KEY, root INTEGER)")
            self.db.conn.executemany("INSERT INTO key_roots VALUES (?, ?)", enumerate(roots))
            self.db.execute("CREATE INDEX temp.quote_keys_key ON quote_keys (key_id)")
        with phases("write utterances"):
            if self.incremental:
                self.db.conn.executescript((BUILD_SQL_DIR / "incremental_people.sql").read_text(encoding="utf-8"))
            self.db.conn.executescript((BUILD_SQL_DIR / "utterances.sql").read_text(encoding="utf-8"))
        with phases("stance suggestions"):
            self.db.conn.executescript((BUILD_SQL_DIR / "stance_suggestions.sql").read_text(encoding="utf-8"))
        ensure_db_shape(self.db, self.sql_dir, phases, scopes=self.scopes)
        with phases("check foreign keys"):
            broken = self.rows_written_pointing_nowhere() if self.incremental \
                else list(self.db.execute("PRAGMA foreign_key_check").fetchall())
        if broken:
            raise AssertionError(f"the build wrote {len(broken)} row(s) whose foreign key points nowhere, "
                                 f"e.g. {broken[:3]}: a bug in the build, not in the inputs")
        with phases("analyze"):
            # An incremental build keeps the statistics of nearly the same rows, and refreshes only those
            # SQLite finds out of date.
            self.db.execute("PRAGMA optimize" if self.incremental else "ANALYZE")


def names_of(article):
    """What the archive-wide step reads of a prepared article (resolve.ArchiveNames.add and the new speakers),
    as plain data: kept in build_articles so that a later build can run that step without the article."""
    return {"id": article["id"], "new_people": article["new_people"], "introduced": article.get("introduced", []),
            "quotes": [{"id": quote["id"], "pending_name": quote["pending_name"], "speaker_id": None,
                        "text": quote["text"], "kind": quote["kind"]}
                       for quote in article["quotes"] if quote.get("pending_name") and not quote["speaker_id"]]}


def counts_of(db):
    """The build summary's counts, read from a written database (an incremental build wrote only some)."""
    return dict(zip(("articles", "repairs", "paragraphs", "quotes", "unresolved", "stances", "utterances"),
                    db.execute((BUILD_SQL_DIR / "counts.sql").read_text(encoding="utf-8")).fetchone()))


def opening(text, words=6):
    """A row's label where another table links to it: its first words, so a link does not repeat long text
    beside the text itself ("“the reality of U.S. troops in …”")."""
    split = text.split()
    return "“" + " ".join(split[:words]) + (" …”" if len(split) > words else "”")


def paragraph_id(article_id, n):
    return f"{article_id}-p{n:03d}"
