"""A careless curator and a hostile file: what must never be published, misread or blow up the build.

Each test breaks a private copy of the seeds as the reliability issue found them broken, and fails if
the build's protection is removed.
"""

import json
import os
import shutil
import time

import pytest
import sqlite_utils
from click.testing import CliRunner

import build_db
from conftest import SEEDS
from whosaid import build as build_module
from whosaid import durable
from whosaid.serving import current_inspect_file, datasette_command, inspect_path


@pytest.fixture
def seeds(tmp_path):
    return shutil.copytree(SEEDS, tmp_path / "seeds")


def run(*args):
    return CliRunner().invoke(build_db.cli, [str(arg) for arg in args])


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- 5: links and hidden files ----------------------------------------------------------------

def test_an_article_that_links_outside_the_seeds_is_refused(seeds, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:a line no reader should see\n", encoding="utf-8")
    (seeds / "articles" / "909_link.txt").symlink_to(secret)
    db_path = tmp_path / "ukraine.db"
    result = run("build", "--seeds", seeds, "--db", db_path, "--no-cache")
    assert result.exit_code == 1, result.output
    assert "909_link.txt: is a link to" in result.stderr and "fix:" in result.stderr
    assert not db_path.exists()


def test_a_hidden_file_is_skipped_and_named(seeds, tmp_path):
    (seeds / "articles" / ".notes.txt").write_text("A curator's private note, not an article.\n", encoding="utf-8")
    db_path = tmp_path / "ukraine.db"
    result = run("build", "--seeds", seeds, "--db", db_path, "--no-cache")
    assert result.exit_code == 0, result.output
    assert ".notes.txt: is a hidden file, so it is not built or published" in result.stderr
    db = sqlite_utils.Database(db_path)
    assert not db.execute("select count(*) from articles where text like '%private note%'").fetchone()[0]


# -- 6: aliases that would name someone in every article ---------------------------------------

@pytest.mark.parametrize("alias, says", [
    ("''", "is empty"),
    ("'   '", "is empty"),
    ("he", "is a pronoun or a common word"),
    ("The", "is a pronoun or a common word"),
    ("Vc", "is shorter than 3 letters"),
])
def test_an_alias_that_is_no_name_is_refused(seeds, alias, says):
    replace(seeds / "people.yml", "aliases: [Vance, ", f"aliases: [{alias}, Vance, ")
    result = run("check", "--seeds", seeds, "--no-cache")
    assert result.exit_code == 1, result.output
    assert says in result.stderr and "people.yml:" in result.stderr


def test_short_aliases_in_capitals_or_from_the_name_are_kept(seeds):
    # "VP" is already an alias of the fixture; a two-letter surname is a word of the entry's own name.
    replace(seeds / "people.yml", "aliases: [Vance, ", "aliases: [JD, Vance, ")
    result = run("check", "--seeds", seeds, "--no-cache")
    assert result.exit_code == 0, result.stderr


def test_a_name_of_only_spaces_is_refused(seeds):
    text = (seeds / "people.yml").read_text(encoding="utf-8")
    start = text.index("name:", text.index("aliases: [Vance, ") - 200)
    end = text.index("\n", start)
    (seeds / "people.yml").write_text(text[:start] + "name: '  '" + text[end:], encoding="utf-8")
    result = run("check", "--seeds", seeds, "--no-cache")
    assert result.exit_code == 1 and "is only spaces" in result.stderr, result.stderr


# -- 7: a ' #' that YAML would read as a comment -----------------------------------------------

@pytest.mark.parametrize("file, old, new, field", [
    ("stances.yml", 'evidence: "Hegseth said definitively on Wednesday that',
     'evidence: Hegseth said definitively on Wednesday #that', "evidence"),
    ("articles.yml", "headline: Hegseth says he and Vance", "headline: Hegseth says #1 he and Vance", "headline"),
])
def test_a_text_value_cut_by_a_comment_is_refused_with_the_fix(seeds, file, old, new, field):
    path = seeds / file
    text = path.read_text(encoding="utf-8")
    if file == "stances.yml":
        # The quoted value, unquoted: drop its closing quotation mark too.
        start = text.index(old)
        end = text.index('"\n', start + len(old))
        text = text[:start] + new + text[start + len(old):end] + text[end + 1:]
    else:
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    result = run("check", "--seeds", seeds, "--no-cache")
    assert result.exit_code == 1, result.output
    assert f"the value of '{field}' is cut at ' #'" in result.stderr
    assert "put the value in double quotes" in result.stderr


# -- 9: blow-ups -------------------------------------------------------------------------------

def test_a_yaml_alias_bomb_is_refused_quickly(seeds):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    (seeds / "people.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = run("check", "--seeds", seeds, "--no-cache")
    assert time.monotonic() - started < 60   # unbounded, it ran 449 s to 24 GB
    assert result.exit_code == 1
    assert "aliases (&name / *name) that nest or expand without end" in result.stderr


def one_line_article(size):
    sentence = "Envoys from four capitals met in a hall by the river and spoke about the ceasefire plan. "
    quote = "“Nobody here will send soldiers,” Okafor said. "
    text = (sentence * 3 + quote) * (size // len(sentence * 3 + quote) + 1)
    return {"id": "900_one_line", "raw_text": text + "\n", "published": None, "headline": "One line",
            "outlet": "Test", "url": None, "source_file": "articles/900_one_line.txt", "raw_sha256": "0"}


def test_a_one_line_article_takes_time_linear_in_its_length(registry):
    def seconds(size):
        article = one_line_article(size)
        started = time.perf_counter()
        prepared = build_module.prepare_article(article, registry)
        assert prepared["quotes"] and not prepared.get("extraction_error")
        return time.perf_counter() - started
    seconds(20_000)   # warm up
    small, large = seconds(50_000), seconds(2_400_000)
    # 48 times the text: about 48 times the time when linear, 2,304 when quadratic (2 MB once took 54 s).
    assert large / small < 150, (small, large)


# -- 4 and 12: the inspect file, and a durable rename -------------------------------------------

def test_the_build_writes_an_inspect_file_that_the_server_uses(seeds, tmp_path):
    db_path = tmp_path / "ukraine.db"
    assert run("build", "--seeds", seeds, "--db", db_path, "--no-cache").exit_code == 0
    inspect = json.loads(inspect_path(db_path).read_text(encoding="utf-8"))["ukraine"]
    db = sqlite_utils.Database(db_path)
    assert inspect["tables"] == {name: {"count": db[name].count} for name in db.table_names()}
    assert current_inspect_file(db_path) == inspect_path(db_path)
    command = datasette_command(db_path)
    assert command[command.index("--inspect-file") + 1] == str(inspect_path(db_path))
    # A database changed after its inspect file was written is counted again, not served with stale counts.
    db.execute("create table later (x)")
    db.close()
    assert current_inspect_file(db_path) is None
    assert "--inspect-file" not in datasette_command(db_path)


def test_the_database_reaches_the_disk_before_its_rename_and_the_rename_after(seeds, tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(durable.os, "fsync", lambda fd: (events.append(("fsync", os.readlink(
        f"/proc/self/fd/{fd}"))), real_fsync(fd))[1])
    monkeypatch.setattr(durable.os, "replace", lambda a, b: (events.append(("replace", str(b))), real_replace(a, b))[1])
    db_path = tmp_path / "ukraine.db"
    build_module.build(seeds, db_path)
    replaced = events.index(("replace", str(db_path)))
    flushed_before = [path for kind, path in events[:replaced] if kind == "fsync"]
    flushed_after = [path for kind, path in events[replaced + 1:] if kind == "fsync"]
    assert any(path.endswith(".tmp") for path in flushed_before), events
    assert str(tmp_path) in flushed_after, events
