"""`build_db.py add`: a saved page or a text file becomes an article file and a manifest entry, together or
not at all, and the build then gives the database a curator adding them by hand would get.

The pages in tests/fixtures/pages/ are written by us, shaped like real news pages: meta tags, JSON-LD,
navigation, a related-stories box, reader comments, a cookie wall.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SEEDS
from whosaid import adding
from whosaid.adding import Given, add_articles
from whosaid.build import build
from whosaid.problems import InputError

PAGES = ROOT / "tests" / "fixtures" / "pages"
PAGE = PAGES / "courier-minister.html"


def run_add(*arguments):
    return subprocess.run([sys.executable, str(ROOT / "build_db.py"), "add", *map(str, arguments)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def snapshot(folder):
    return {path.relative_to(folder): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def dump(db_path):
    """The database's dump, but for the times of the article files, which the build records to notice an
    edit next time (build_articles.source_key): files written by hand are written at other times."""
    connection, copy = sqlite3.connect(db_path), sqlite3.connect(":memory:")
    try:
        connection.backup(copy)
        copy.execute("UPDATE build_articles SET source_key = NULL")
        return list(copy.iterdump())
    finally:
        connection.close()
        copy.close()


def test_a_saved_page_becomes_its_main_text_and_an_entry_that_says_where_each_field_came_from(seeds):
    manifest_before = (seeds / "articles.yml").read_text(encoding="utf-8")
    result = run_add(PAGE, "--seeds", seeds)
    assert result.returncode == 0, result.stderr
    manifest_text = (seeds / "articles.yml").read_text(encoding="utf-8")
    assert manifest_text.startswith(manifest_before)   # comments, order and every old entry as they were
    entries = yaml.safe_load(manifest_text)
    (stem,) = set(entries) - set(yaml.safe_load(manifest_before))
    entry = entries[stem]
    assert stem.startswith("2025-03-04-minister-rules-out-sending-troops")
    assert entry["outlet"] == "The Northfield Courier"
    assert entry["headline"] == "Minister rules out sending troops to the front"
    assert str(entry["published"]) == "2025-03-04"
    assert entry["url"] == "https://courier.example/world/minister-rules-out-troops"
    assert entry["fields_from"] == {"headline": "page", "published": "page", "outlet": "page", "url": "page"}
    assert entry["source_sha256"] == hashlib.sha256(PAGE.read_bytes()).hexdigest()
    stored = (seeds / "articles" / f"{stem}.txt").read_bytes()
    assert entry["sha256"] == hashlib.sha256(stored).hexdigest()
    text = stored.decode("utf-8")
    assert '"Our place is at the negotiating table, not on the battlefield," Varga told reporters' in text
    assert len(text.splitlines()) >= 4   # its paragraphs, one to a line
    for not_the_article in ("Subscribe", "Related stories", "Markets rally", "Reader42", "All rights reserved",
                            "analytics", "Sport"):
        assert not_the_article not in text
    # The speakers the registry lacks, ready to paste.
    assert "tomas-varga:\n  name: Tomas Varga\n  kind: person\n  role: Defense Minister" in result.stdout


def test_build_after_add_is_the_build_of_the_same_files_added_by_hand(seeds, tmp_path):
    assert run_add(PAGE, "--seeds", seeds).returncode == 0
    by_hand = tmp_path / "by-hand"
    shutil.copytree(SEEDS, by_hand)
    added = yaml.safe_load((seeds / "articles.yml").read_text(encoding="utf-8"))
    (stem,) = set(added) - set(yaml.safe_load((SEEDS / "articles.yml").read_text(encoding="utf-8")))
    shutil.copy(seeds / "articles" / f"{stem}.txt", by_hand / "articles" / f"{stem}.txt")
    entry = added[stem]
    with (by_hand / "articles.yml").open("a", encoding="utf-8") as manifest:
        manifest.write(f"{stem}:\n  outlet: {entry['outlet']}\n  headline: {entry['headline']}\n"
                       f"  published: {entry['published']}\n  url: {entry['url']}\n  sha256: {entry['sha256']}\n"
                       f"  source_sha256: {entry['source_sha256']}\n  fields_from:\n"
                       + "".join(f"    {name}: {value}\n" for name, value in entry["fields_from"].items()))
    build(seeds, tmp_path / "added.db")
    build(by_hand, tmp_path / "by-hand.db")
    assert dump(tmp_path / "added.db") == dump(tmp_path / "by-hand.db")


def test_a_text_file_is_stored_as_given_with_the_options_facts(seeds):
    text_file = PAGES / "harbour-gazette.txt"
    result = run_add(text_file, "--seeds", seeds, "--headline", "Envoy says peacekeepers must come from Europe",
                     "--published", "2025-03-10", "--outlet", "Harbour Gazette")
    assert result.returncode == 0, result.stderr
    assert "url unknown" in result.stdout
    entries = yaml.safe_load((seeds / "articles.yml").read_text(encoding="utf-8"))
    stem = next(stem for stem in entries if stem.startswith("2025-03-10-envoy"))
    assert (seeds / "articles" / f"{stem}.txt").read_bytes() == text_file.read_bytes()
    assert entries[stem]["outlet"] == "Harbour Gazette" and entries[stem]["url"] is None
    assert "url unknown" in entries[stem]["note"]


def test_an_article_already_in_the_archive_is_refused_and_a_near_copy_is_kept_only_as_a_copy(seeds, tmp_path):
    assert run_add(PAGE, "--seeds", seeds).returncode == 0
    before = snapshot(seeds)
    again = run_add(PAGE, "--seeds", seeds)
    assert again.returncode == 1 and "is already in the archive as 2025-03-04-minister" in again.stderr
    syndicated = tmp_path / "syndicated.html"
    syndicated.write_text(PAGE.read_text(encoding="utf-8").replace("next week", "within days"), encoding="utf-8")
    near = run_add(syndicated, "--seeds", seeds)
    assert near.returncode == 1 and "is a near copy of 2025-03-04-minister" in near.stderr
    assert "--allow-duplicate" in near.stderr
    assert snapshot(seeds) == before
    kept = run_add(syndicated, "--seeds", seeds, "--allow-duplicate")
    assert kept.returncode == 0, kept.stderr
    build(seeds, tmp_path / "copies.db")
    db = sqlite3.connect(tmp_path / "copies.db")
    (original, copy), = db.execute("SELECT copy_of, id FROM articles WHERE copy_of IS NOT NULL").fetchall()
    assert original.startswith("2025-03-04-minister") and copy != original
    # Varga's words are in both copies, and count once.
    quotes_in_both = db.execute("SELECT count(*) FROM quotes WHERE speaker_id = 'tomas-varga'").fetchone()[0]
    assert quotes_in_both == 4
    assert db.execute("SELECT quotes, articles FROM speakers WHERE person_id = 'tomas-varga'").fetchone() == (2, 1)
    assert db.execute("SELECT sum(quotes) FROM speaker_outlets WHERE speaker_id = 'tomas-varga'").fetchone()[0] == 2
    assert db.execute("SELECT sum(quotes), max(articles) FROM utterances WHERE speaker_id = 'tomas-varga'"
                      ).fetchone() == (2, 1)


def test_the_new_speakers_entries_build_when_pasted_unchanged(seeds, tmp_path):
    people_file = tmp_path / "new-people.yml"
    assert run_add(PAGE, "--seeds", seeds, "--people-file", people_file).returncode == 0
    with (seeds / "people.yml").open("a", encoding="utf-8") as people:
        people.write(people_file.read_text(encoding="utf-8"))
    report = build(seeds, tmp_path / "pasted.db")
    assert not [person for person in report.unregistered if person["id"] in ("tomas-varga", "mira-castell")]
    db = sqlite3.connect(tmp_path / "pasted.db")
    assert db.execute("SELECT registered FROM people WHERE id = 'tomas-varga'").fetchone() == (1,)


@pytest.mark.parametrize("arguments, expected", [
    ([PAGES / "index-page.html"], "holds no article text"),
    ([PAGE, "--published", "2025-13-40"], "published date '2025-13-40' (option) is not a day"),
    ([PAGE, "--published", "2999-01-01"], "is in the future"),
    ([PAGES / "harbour-gazette.txt"], "gives no headline and no published"),
    ([PAGES / "no-such-page.html"], "does not exist"),
])
def test_a_file_that_cannot_be_added_is_named_and_nothing_is_written(seeds, arguments, expected):
    before = snapshot(seeds)
    result = run_add(*arguments, "--seeds", seeds)
    assert result.returncode == 1 and expected in result.stderr, result.stderr
    assert str(arguments[0].relative_to(ROOT)) in result.stderr and "Nothing was added" in result.stderr
    assert snapshot(seeds) == before


def test_every_problem_is_reported_in_one_run_and_the_good_file_waits_for_the_bad(seeds, tmp_path):
    not_utf8 = tmp_path / "latin.txt"
    not_utf8.write_bytes("Caf\xe9 owners said the talks".encode("latin-1"))
    before = snapshot(seeds)
    result = run_add(PAGE, PAGES / "index-page.html", not_utf8, "--seeds", seeds)
    assert result.returncode == 1
    assert "holds no article text" in result.stderr and "is not UTF-8" in result.stderr
    assert "2 error(s) found" in result.stderr
    assert snapshot(seeds) == before


def test_an_unreadable_file_is_named(seeds, monkeypatch):
    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError) as error:
        add_articles([PAGE], seeds, Given())
    (problem,) = error.value.problems
    assert problem.path == str(PAGE) and "cannot be read: Permission denied" in problem.message


def test_a_write_that_fails_halfway_leaves_the_seeds_as_they_were(seeds, monkeypatch):
    before = snapshot(seeds)
    real_replace = os.replace

    def fail_on_the_manifest(source, target):
        if Path(target).name == "articles.yml":
            raise OSError(28, "No space left on device", str(target))
        real_replace(source, target)
    monkeypatch.setattr(adding.os, "replace", fail_on_the_manifest)
    with pytest.raises(InputError) as error:
        add_articles([PAGE], seeds, Given())
    (problem,) = error.value.problems
    assert problem.path.endswith("articles.yml") and "No space left on device" in problem.message
    assert snapshot(seeds) == before   # the article file that was already in place is taken back
