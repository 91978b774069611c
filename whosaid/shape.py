"""The database's published shape, made once its rows are written: search, indexes, views, derived tables.

The views in sql/ stay views, except those in MATERIALISED, which are
computed into tables of the same name (too slow to compute per request at
50,000 articles); an incremental build computes again only their rows in
scope (whosaid/incremental.py).
"""

import contextlib
import re
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
# Statements the build runs once the articles are written (not views, so not in SQL_DIR itself).
BUILD_SQL_DIR = SQL_DIR / "build"
# Views computed once when the database is built, into tables of the same name: at 50,000 articles,
# computing them on every request took longer than a page may (see README, Performance).
MATERIALISED = {"contradictions", "quotes_with_sources", "reversals", "speaker_outlets", "speakers",
                "stance_timeline", "utterances_across_outlets"}
# The keys of the materialised views: each row's own key, so a row has a page and no rowid shows, and
# the ids that point into other tables, so they link. Each key is unique by the view's construction.
DERIVED_KEYS = {
    "contradictions": (("stance_id", "other_stance_id"),
                       {"issue_id": "issues", "stance_id": "stances", "other_stance_id": "stances",
                        "person_id": "people", "other_person_id": "people"}),
    "quotes_with_sources": ("quote_id", {"quote_id": "quotes", "speaker_id": "people", "article_id": "articles",
                                         "utterance_id": "utterances"}),
    "reversals": (("person_id", "issue_id", "to_date"),
                  {"person_id": "people", "issue_id": "issues", "from_stance_id": "stances",
                   "to_stance_id": "stances"}),
    "speaker_outlets": (("speaker_id", "outlet"), {"speaker_id": "people"}),
    "speakers": ("person_id", {"person_id": "people"}),
    "stance_timeline": ("stance_id", {"stance_id": "stances", "person_id": "people", "issue_id": "issues",
                                      "article_id": "articles", "quote_id": "quotes"}),
    "utterances_across_outlets": ("quote_id", {"quote_id": "quotes", "utterance_id": "utterances",
                                               "article_id": "articles"}),
}
FTS = {
    "articles": ["headline", "text"],
    "quotes": ["text", "context"],
}



def ensure_db_shape(db, sql_dir=SQL_DIR, phases=lambda name: contextlib.nullcontext(), scopes=None):
    """Search indexes, foreign-key and view indexes, and the views in `sql_dir`; safe to run twice.

    The views named in MATERIALISED are computed once, here, into tables of
    the same name and columns, in the view's order; the others stay views.
    With `scopes` ({table: condition}, an incremental build), only the rows
    of each derived table that meet its condition are computed again, and the
    search indexes are left as the build's triggers kept them.
    """
    for table, columns in FTS.items() if scopes is None else ():
        with phases(f"search index of {table}"):
            db[table].enable_fts(columns, create_triggers=True, tokenize="porter", replace=True)
            index_updates_of_text_only(db, table, columns)
    with phases("indexes"):
        db.index_foreign_keys()
        db.conn.executescript((BUILD_SQL_DIR / "indexes.sql").read_text(encoding="utf-8"))
    definitions = {path.stem: path.read_text(encoding="utf-8") for path in sorted(Path(sql_dir).glob("*.sql"))}
    for name, sql in definitions.items():
        if name not in MATERIALISED:
            db.create_view(name, sql, replace=True)
    # In name order: a materialised view may read one materialised before it (speakers reads reversals).
    for name, sql in definitions.items():
        if name in MATERIALISED and scopes is not None:
            if all(not db.execute(f"SELECT 1 FROM {scope} LIMIT 1").fetchall()
                   for scope in set(SCOPE_TABLE.findall(scopes[name]))):
                continue   # nothing it reads changed
            with phases(f"materialise {name}"):
                columns = ", ".join(f"[{column}]" for column in db[name].columns_dict)
                condition = with_listed_scopes(db, scopes[name])
                had_rows = has_rows(db, name)
                db.execute(f"DELETE FROM [{name}] WHERE {condition}")
                db.execute(f"INSERT INTO [{name}] ({columns}) SELECT {columns} FROM ({sql}\n) WHERE {condition}")
                if has_rows(db, name) != had_rows:
                    # Its first rows, or its last gone: the types of its computed columns (count(*) …)
                    # follow its rows (undeclared_types), so it is computed as a full build computes it.
                    materialise(db, name, sql)
        elif name in MATERIALISED:
            with phases(f"materialise {name}"):
                materialise(db, name, sql)
    with phases("indexes"):
        db.index_foreign_keys()   # the derived tables' links too
    with phases("indexes for pages"):
        db.conn.executescript((BUILD_SQL_DIR / "page_indexes.sql").read_text(encoding="utf-8"))


def materialise(db, name, sql):
    """The view `sql` computed into the table `name`, with its key, its links and a type for every column."""
    db.execute(f"DROP TABLE IF EXISTS [{name}]")
    db.execute(f"CREATE TABLE [{name}] AS {sql}")
    pk, links = DERIVED_KEYS.get(name, (None, {}))
    db[name].transform(types=undeclared_types(db, name), **({"pk": pk} if pk else {}),
                       add_foreign_keys=[(column, table, "id") for column, table in links.items()])
    db.index_foreign_keys()   # before a view materialised after it reads it (speakers reads reversals)


def has_rows(db, table):
    return bool(db.execute(f"SELECT 1 FROM [{table}] LIMIT 1").fetchall())


def index_updates_of_text_only(db, table, columns):
    """Re-index a row for search only when its searched columns change, not on every update.

    sqlite-utils' trigger fires on any update; an incremental build updates
    thousands of quotes' utterance_id, and each would delete and re-insert
    the quote's search entry for nothing.
    """
    names = ", ".join(f"[{column}]" for column in columns)
    db.execute(f"DROP TRIGGER IF EXISTS [{table}_au]")
    db.execute(f"CREATE TRIGGER [{table}_au] AFTER UPDATE OF {names} ON [{table}] BEGIN "
               f"INSERT INTO [{table}_fts] ([{table}_fts], rowid, {names}) VALUES "
               f"('delete', old.rowid, {', '.join(f'old.[{column}]' for column in columns)}); "
               f"INSERT INTO [{table}_fts] (rowid, {names}) VALUES "
               f"(new.rowid, {', '.join(f'new.[{column}]' for column in columns)}); END")


SCOPE_TABLE = re.compile(r"\btemp\.scope_\w+")   # the temp tables a scope's condition reads


def with_listed_scopes(db, condition):
    """The condition with each scope table replaced by the list of its ids.

    SQLite pushes "speaker_id IN ('a', 'b')" down into a view's grouped
    query, where an index finds the rows, but not "speaker_id IN temp.t":
    with the table, speaker_outlets read every quote (0.41 s at 10,000
    articles), with the list 2 ms.
    """
    def listed(match):
        ids = [row[0] for row in db.execute(f"SELECT id FROM {match.group()}")]
        return "(" + ", ".join("'" + value.replace("'", "''") + "'" for value in ids) + ")" if ids else "(NULL)"
    return SCOPE_TABLE.sub(listed, condition)
SQL_TYPES = {"integer": int, "real": float, "text": str}


def undeclared_types(db, table):
    """A type for each column that CREATE TABLE AS left without one (an expression such as count(*)).

    Datasette passes the values of a page's next token to SQLite as text, and in
    a column of no type every number sorts before any text: on the second page
    of speakers, sorted by quotes, `quotes < '10'` held for every row, so the
    page repeated the first, and paging or a streamed CSV never ended. A column
    whose values are all of one kind gets that kind's type.
    """
    types = {}
    for column in (column.name for column in db[table].columns if not column.type):
        kinds = [kind for (kind,) in db.execute(
            f"SELECT DISTINCT typeof([{column}]) FROM [{table}] WHERE [{column}] IS NOT NULL").fetchall()]
        if len(kinds) == 1 and kinds[0] in SQL_TYPES:
            types[column] = SQL_TYPES[kinds[0]]
    return types
