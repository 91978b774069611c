"""The database's shape, declared as data, and one loader per table.

Loaders take `db` (a sqlite_utils.Database) and plain data; they never parse.
Parents are loaded before children so foreign keys hold at every insert.
"""

from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"

# table -> columns (in order), primary key, NOT NULL columns, foreign keys
TABLES = {
    "articles": {
        "columns": {"id": str, "outlet": str, "headline": str, "published": str, "url": str, "note": str,
                    "text": str, "raw_sha256": str, "words": int, "repairs": int, "source_file": str},
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
        "columns": {"id": str, "article_id": str, "n": int, "kind": str, "start": int, "end": int, "text": str},
        "not_null": ["article_id", "n", "kind", "start", "end", "text"],
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "people": {
        "columns": {"id": str, "name": str, "kind": str, "role": str, "country": str, "affiliation": str,
                    "aliases": str, "pronoun": str, "registered": int, "note": str},
        "not_null": ["name", "kind", "aliases", "registered"],
        "foreign_keys": [],
    },
    "positions": {
        "columns": {"id": str, "score": int, "label": str, "description": str},
        "not_null": ["score", "label", "description"],
        "foreign_keys": [],
    },
    "issues": {
        "columns": {"id": str, "n": int, "title": str, "question": str, "description": str},
        "not_null": ["n", "title", "question", "description"],
        "foreign_keys": [],
    },
    "utterances": {
        "columns": {"id": str, "speaker_id": str, "text": str, "first_said_on": str, "quotes": int, "articles": int,
                    "outlets": int},
        "not_null": ["speaker_id", "text", "quotes", "articles", "outlets"],
        "foreign_keys": [("speaker_id", "people", "id")],
    },
    "quotes": {
        "columns": {"id": str, "article_id": str, "paragraph_id": str, "source": str, "start": int, "end": int,
                    "text": str, "kind": str, "speaker_id": str, "cue": str, "attribution": str, "context": str,
                    "said_on": str, "said_on_precision": str, "said_on_basis": str, "nested_in": str,
                    "utterance_id": str},
        "not_null": ["article_id", "source", "start", "end", "text", "kind", "attribution", "context"],
        "foreign_keys": [("article_id", "articles", "id"), ("paragraph_id", "paragraphs", "id"),
                         ("speaker_id", "people", "id"), ("nested_in", "quotes", "id"),
                         ("utterance_id", "utterances", "id")],
    },
    "stances": {
        "columns": {"id": str, "person_id": str, "issue_id": str, "position": str, "score": int, "said_on": str,
                    "said_on_precision": str, "evidence": str, "article_id": str, "quote_id": str, "start": int,
                    "end": int, "note": str},
        "not_null": ["person_id", "issue_id", "article_id", "position", "score", "evidence", "start", "end",
                     "said_on", "said_on_precision"],
        "foreign_keys": [("person_id", "people", "id"), ("issue_id", "issues", "id"), ("quote_id", "quotes", "id"),
                         ("article_id", "articles", "id"), ("position", "positions", "id")],
    },
}

FTS = {
    "articles": ["headline", "text"],
    "quotes": ["text", "context"],
}


def create_tables(db):
    for name, shape in TABLES.items():
        db[name].create(shape["columns"], pk="id", not_null=shape["not_null"], foreign_keys=shape["foreign_keys"])


def load_articles(db, articles):
    db["articles"].insert_all({column: article[column] for column in TABLES["articles"]["columns"]}
                              for article in articles)


def load_text_repairs(db, articles):
    db["text_repairs"].insert_all(
        {"id": f"{article['id']}-r{n:03d}", "article_id": article["id"], "n": n, **repair}
        for article in articles
        for n, repair in enumerate(article["repair_list"], start=1)
    )


def load_paragraphs(db, articles):
    db["paragraphs"].insert_all(
        {"id": paragraph_id(article["id"], paragraph["n"]), "article_id": article["id"], **paragraph}
        for article in articles
        for paragraph in article["paragraphs"]
    )


def load_people(db, people, unregistered=()):
    """The registry's people, then the speakers the extractor found that the registry lacks."""
    db["people"].insert_all({"id": person_id, **person, "registered": 1}
                            for person_id, person in sorted(people.items()))
    db["people"].insert_all(
        {"id": person["id"], "name": person["name"], "kind": person["kind"], "role": person["role"],
         "country": person["country"], "affiliation": None, "aliases": person["aliases"], "pronoun": None,
         "registered": 0, "note": person["note"]}
        for person in unregistered
    )


def load_stances(db, stances):
    db["stances"].insert_all(stances)


def load_utterances(db, utterances):
    db["utterances"].insert_all(utterances)


def load_quotes(db, articles):
    columns = TABLES["quotes"]["columns"]
    db["quotes"].insert_all({column: quote.get(column) for column in columns}
                            for article in articles for quote in article["quotes"])


def load_positions(db, positions):
    db["positions"].insert_all(
        {"id": position_id, **position}
        for position_id, position in sorted(positions.items(), key=lambda item: item[1]["score"])
    )


def load_issues(db, issues):
    # The codebook's order is meaningful (the central question first), so keep it in n.
    db["issues"].insert_all({"id": issue_id, "n": n, **issue} for n, (issue_id, issue) in enumerate(issues.items(), 1))


def paragraph_id(article_id, n):
    return f"{article_id}-p{n:03d}"


def ensure_db_shape(db, sql_dir=SQL_DIR):
    """Search indexes, foreign-key indexes and the views in `sql_dir`; safe to run twice."""
    for table, columns in FTS.items():
        db[table].enable_fts(columns, create_triggers=True, tokenize="porter", replace=True)
    db.index_foreign_keys()
    for path in sorted(Path(sql_dir).glob("*.sql")):
        db.create_view(path.stem, path.read_text(encoding="utf-8"), replace=True)
