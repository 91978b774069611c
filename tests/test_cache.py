"""The cache of prepared articles: a rebuild prepares only what changed, and builds the same database."""

import hashlib
import shutil

import pytest
import sqlite_utils
import yaml

from conftest import SEEDS
from whosaid import cache
from whosaid.build import build
from whosaid.bench.corpus import write_corpus


def dump(db_path):
    return list(sqlite_utils.Database(db_path).iterdump())


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(SEEDS, tmp_path / "corpus", 70)


def add_article(corpus, article_id, text):
    (corpus / "articles" / f"{article_id}.txt").write_text(text, encoding="utf-8")
    manifest = yaml.safe_load((corpus / "articles.yml").read_text(encoding="utf-8"))
    manifest[article_id] = {"outlet": "Added Outlet", "headline": "An added article", "published": "2025-03-01",
                            "url": None, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    (corpus / "articles.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")


def test_a_rebuild_from_the_cache_is_the_same_database(corpus, tmp_path):
    cache = tmp_path / "cache" / "prepared.sqlite"
    first = build(corpus, tmp_path / "first.db", workers=2, cache_path=cache)
    assert (first.cache_hits, first.cache_misses) == (0, 70)
    again = build(corpus, tmp_path / "again.db", workers=2, cache_path=cache)
    assert (again.cache_hits, again.cache_misses) == (70, 0)
    uncached = build(corpus, tmp_path / "uncached.db", workers=1)
    assert uncached.cache_hits == 0
    assert dump(tmp_path / "again.db") == dump(tmp_path / "uncached.db") == dump(tmp_path / "first.db")


def test_adding_one_article_prepares_only_that_article(corpus, tmp_path):
    cache = tmp_path / "prepared.sqlite"
    build(corpus, tmp_path / "before.db", cache_path=cache)
    add_article(corpus, "zz-added", "“We will not send troops,” Defense Minister Anna Keller said on Monday.\n")
    report = build(corpus, tmp_path / "after.db", cache_path=cache)
    assert (report.cache_hits, report.cache_misses) == (70, 1)
    db = sqlite_utils.Database(tmp_path / "after.db")
    added = db.execute("select speaker_id, text from quotes where article_id = 'zz-added'").fetchall()
    assert added == [("anna-keller", "We will not send troops,")]
    build(corpus, tmp_path / "fresh.db")
    assert dump(tmp_path / "after.db") == dump(tmp_path / "fresh.db")


def test_an_edited_registry_or_text_misses_the_cache(corpus, tmp_path):
    cache = tmp_path / "prepared.sqlite"
    build(corpus, tmp_path / "first.db", cache_path=cache)
    people = yaml.safe_load((corpus / "people.yml").read_text(encoding="utf-8"))
    first_id = next(iter(people))
    people[first_id]["aliases"] = people[first_id]["aliases"] + ["an alias added for the test"]
    (corpus / "people.yml").write_text(yaml.safe_dump(people, allow_unicode=True), encoding="utf-8")
    report = build(corpus, tmp_path / "second.db", cache_path=cache)
    assert (report.cache_hits, report.cache_misses) == (0, 70)
    # A changed text with its manifest sha256 updated is prepared again; the others are not.
    article = sorted((corpus / "articles").glob("*.txt"))[0]
    add_article(corpus, article.stem, article.read_text(encoding="utf-8") + "\n“One more line,” Anna Keller said.\n")
    report = build(corpus, tmp_path / "third.db", cache_path=cache)
    assert (report.cache_hits, report.cache_misses) == (69, 1)


def test_an_edited_codebook_misses_the_cache_and_retags(corpus, tmp_path):
    """The workers tag the quotes and suggest positions, and the cache keeps them: a changed signal or cue
    must prepare every article again, and give the database a cold build gives."""
    cache_path = tmp_path / "prepared.sqlite"
    build(corpus, tmp_path / "first.db", workers=2, cache_path=cache_path)
    path = corpus / "issues.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("cues: [unlikely,", "cues: [unlikely, possible,", 1)
                    .replace("signals: [aid,", "signals: [aid, Kyiv,", 1), encoding="utf-8")
    report = build(corpus, tmp_path / "second.db", workers=2, cache_path=cache_path)
    assert (report.cache_hits, report.cache_misses) == (0, 70)
    build(corpus, tmp_path / "cold.db", workers=1)
    assert dump(tmp_path / "second.db") == dump(tmp_path / "cold.db") != dump(tmp_path / "first.db")
    tagged = sqlite_utils.Database(tmp_path / "second.db").execute(
        "select count(*) from quote_issues where signals like '%\"Kyiv\"%'").fetchone()[0]
    assert tagged > 0


def test_the_fingerprint_covers_the_code_of_subpackages(tmp_path, monkeypatch):
    # The extraction rules live in whosaid/extract/: a change there must miss the cache as one in whosaid/ does.
    package = shutil.copytree(cache.PACKAGE_DIR, tmp_path / "whosaid", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE_DIR", package)
    before = cache.fingerprint({})
    rules = package / "extract" / "attribution.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a changed rule\n", encoding="utf-8")
    assert cache.fingerprint({}) != before
