"""An incremental build gives the database a full build of the same inputs gives, table for table.

The corpus is the five seeds plus a synthetic archive (whosaid/bench/corpus.py).
Each kind of change is applied in turn, and after each one the incremental
build is compared with a full build of the same inputs: every table's rows,
the schema, and what search finds.
"""

import hashlib
import shutil
import sqlite3

import pytest
import yaml

from conftest import SEEDS
from whosaid.bench.corpus import write_corpus
from whosaid.build import build
from whosaid.incremental import SCOPES, WRITTEN
from whosaid.shape import MATERIALISED

SYNTHETIC = 40
# An article of ours that quotes a speaker by a surname it never introduces, and one that introduces him:
# the archive-wide step joins them, so adding or removing the second changes the first's quote.
WAITING = ("Defence ministers met in Oslo on Tuesday.\n\n"
           "“We will not send troops without a mandate,” Brandvold said.\n")
INTRODUCING = ("Defence Minister Ola Brandvold spoke in Oslo on Tuesday.\n\n"
               "“Nobody should doubt our resolve,” Defence Minister Ola Brandvold said.\n")


def dump(path):
    """Everything a reader can see in the database: the schema, every table's rows, and the search entries."""
    with sqlite3.connect(path) as connection:
        schema = sorted(connection.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall(), key=repr)
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%_fts%'")]
        rows = {table: sorted(connection.execute(f"SELECT * FROM [{table}]").fetchall(), key=repr)
                for table in tables}
        # The search entries by their row's id (rowids differ: an incremental build appends).
        rows["quotes_fts"] = sorted(connection.execute(
            "SELECT quotes.id, quotes_fts.text, quotes_fts.context FROM quotes_fts "
            "JOIN quotes ON quotes.rowid = quotes_fts.rowid").fetchall())
        rows["articles_fts"] = sorted(connection.execute(
            "SELECT articles.id, articles_fts.headline, articles_fts.text FROM articles_fts "
            "JOIN articles ON articles.rowid = articles_fts.rowid").fetchall())
        rows["matches"] = sorted(connection.execute(
            "SELECT quotes.id FROM quotes_fts JOIN quotes ON quotes.rowid = quotes_fts.rowid "
            "WHERE quotes_fts MATCH 'troops OR table OR resolve'").fetchall())
    return schema, rows


def assert_same(incremental_db, full_db):
    schema, rows = dump(incremental_db)
    full_schema, full_rows = dump(full_db)
    assert schema == full_schema
    assert rows.keys() == full_rows.keys()
    for table in rows:
        assert rows[table] == full_rows[table], table


def add_article(corpus, article_id, text, published="2025-11-04"):
    data = text.encode("utf-8")
    (corpus / "articles" / f"{article_id}.txt").write_bytes(data)
    edit_manifest(corpus, lambda manifest: manifest.update({article_id: {
        "outlet": "Wire Service", "headline": f"Article {article_id}", "published": published, "url": None,
        "sha256": hashlib.sha256(data).hexdigest()}}))


def edit_manifest(corpus, change):
    path = corpus / "articles.yml"
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_stances(corpus, change):
    path = corpus / "stances.yml"
    stances = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(stances)
    path.write_text(yaml.safe_dump(stances, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_text(corpus, article_id, change):
    path = corpus / "articles" / f"{article_id}.txt"
    data = change(path.read_text(encoding="utf-8")).encode("utf-8")
    path.write_bytes(data)
    edit_manifest(corpus, lambda manifest: manifest[article_id].update(sha256=hashlib.sha256(data).hexdigest()))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds and a synthetic archive in one seeds folder, with an article waiting on a surname."""
    folder = write_corpus(SEEDS, tmp_path_factory.mktemp("incremental") / "seeds", SYNTHETIC)
    merged = {**yaml.safe_load((SEEDS / "articles.yml").read_text(encoding="utf-8")),
              **yaml.safe_load((folder / "articles.yml").read_text(encoding="utf-8"))}
    (folder / "articles.yml").write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    # The seeds' stances only, plus one on a synthetic article: so that setting aside the seeds' stances
    # changes few articles, and empties the derived tables of stances.
    stances = yaml.safe_load((SEEDS / "stances.yml").read_text(encoding="utf-8"))
    synthetic = yaml.safe_load((folder / "stances.yml").read_text(encoding="utf-8"))
    stances["s000001-0"] = synthetic["s000001-0"]
    (folder / "stances.yml").write_text(yaml.safe_dump(stances, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    for path in (SEEDS / "articles").glob("*.txt"):
        shutil.copy(path, folder / "articles" / path.name)
    add_article(folder, "zz-waiting", WAITING)
    return folder


CHANGES = [
    ("add an article that resolves another's quote",
     lambda corpus: add_article(corpus, "zz-introducing", INTRODUCING)),
    ("edit an article's text", lambda corpus: edit_text(corpus, "s000003", lambda text: text + "\n“We are ready,” "
                                                                                       "Vance said on Monday.\n")),
    ("edit a manifest entry", lambda corpus: edit_manifest(corpus, lambda manifest: manifest["s000005"].update(
        headline="A new headline", published="2025-03-01", outlet="Another Outlet"))),
    ("edit a stance", lambda corpus: edit_stances(corpus, lambda stances: stances["s000001-0"].update(
        note="recoded", position="open"))),
    ("recode a stance so that a reversal goes", lambda corpus: edit_stances(corpus, lambda stances: stances[
        "hegseth-us-troops-2025-02-13-002"].update(position=stances["hegseth-us-troops-2025-02-12-000"]["position"]))),
    ("delete an article and its stances", lambda corpus: delete_article(corpus, "s000001")),
    ("delete the article that introduced a surname", lambda corpus: delete_article(corpus, "zz-introducing")),
    # Derived tables emptied, then given their first rows again: their columns' types follow the rows.
    ("remove every stance", lambda corpus: set_aside_stances(corpus)),
    ("bring the stances back", lambda corpus: (corpus / "stances.yml").write_bytes(SET_ASIDE.pop())),
]
SET_ASIDE = []


def set_aside_stances(corpus):
    SET_ASIDE.append((corpus / "stances.yml").read_bytes())
    edit_stances(corpus, lambda stances: stances.clear())


def delete_article(corpus, article_id):
    (corpus / "articles" / f"{article_id}.txt").unlink()
    edit_manifest(corpus, lambda manifest: manifest.pop(article_id))
    edit_stances(corpus, lambda stances: [stances.pop(stance_id) for stance_id, entry in list(stances.items())
                                          if entry["article"] == article_id])


def test_each_change_applied_incrementally_gives_the_full_build(corpus, tmp_path):
    db_path, full_path = tmp_path / "incremental.db", tmp_path / "full.db"
    first = build(corpus, db_path)
    assert not first.plan.incremental
    resolved = None
    for name, change in CHANGES:
        change(corpus)
        report = build(corpus, db_path)
        assert report.plan.incremental, (name, report.plan.summary())
        full = build(corpus, full_path, full=True)
        assert_same(db_path, full_path)
        assert report.counts == full.counts, name
        speaker = sqlite3.connect(db_path).execute(
            "SELECT speaker_id FROM quotes WHERE article_id = 'zz-waiting'").fetchone()[0]
        if name.startswith("add an article that resolves"):
            resolved = speaker
        if name == "remove every stance":
            assert sqlite3.connect(db_path).execute("SELECT count(*) FROM reversals").fetchone() == (0,)
        if name.startswith("recode a stance"):
            reversal = sqlite3.connect(db_path).execute(
                "SELECT count(*) FROM reversals WHERE to_stance_id = 'hegseth-us-troops-2025-02-13-002'").fetchone()
    # The changes that mattered beyond their article happened: the waiting quote was resolved, then was
    # not; the reversal went.
    assert resolved == "ola-brandvold"
    assert speaker is None
    assert reversal == (0,)


def test_a_change_to_the_registry_or_the_sql_is_a_full_build(corpus, tmp_path):
    db_path = tmp_path / "ukraine.db"
    build(corpus, db_path)
    assert build(corpus, db_path).plan.incremental
    people = corpus / "people.yml"
    original = people.read_text(encoding="utf-8")
    try:
        people.write_text(original.replace("aliases: [Vance,", "aliases: [Vance, J. D. Vance,", 1), encoding="utf-8")
        plan = build(corpus, db_path).plan
        assert not plan.incremental and "registry" in plan.reason
    finally:
        people.write_text(original, encoding="utf-8")
    sql_dir = tmp_path / "sql"
    shutil.copytree(SEEDS.parent.parent.parent / "sql", sql_dir)
    build(corpus, db_path, sql_dir=sql_dir)
    (sql_dir / "reversals.sql").write_text((sql_dir / "reversals.sql").read_text() + "\n-- edited\n")
    plan = build(corpus, db_path, sql_dir=sql_dir).plan
    assert not plan.incremental and plan.reason == "sql/ changed"


def test_a_file_touched_but_unchanged_is_read_once_and_not_written_again(corpus, tmp_path):
    db_path = tmp_path / "ukraine.db"
    build(corpus, db_path)
    path = corpus / "articles" / "s000002.txt"
    path.write_bytes(path.read_bytes())   # the same bytes, a new modification time
    plan = build(corpus, db_path).plan
    assert plan.incremental and plan.changed == set()
    assert set(plan.refreshed) == {"s000002"}
    # The key recorded again: the next build need not read the file.
    assert build(corpus, db_path).plan.refreshed == {}


def test_every_derived_table_has_a_scope():
    assert set(SCOPES) == set(MATERIALISED)
    assert set(SCOPES) <= set(WRITTEN)
