"""A careless curator and a hostile file: what must never be published, misread or blow up the build.

Each test breaks a private copy of the seeds as the reliability issue found them broken, and fails if
the build's protection is removed.
"""

import datetime
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner

import build_db
from conftest import ROOT, SEEDS
from whosaid import build as build_module
from whosaid import durable
from whosaid import prepare as prepare_module
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

def unquote_first(text, field, insert):
    """The first double-quoted value of `field`, unquoted, with `insert` after its fourth word."""
    match = re.search(rf'^(\s*{field}: )"([^"\n]+)"$', text, flags=re.MULTILINE)
    words = match.group(2).split(" ")
    value = " ".join(words[:4] + [insert] + words[4:])
    return text[:match.start()] + match.group(1) + value + text[match.end():]


def cut_first_plain(text, field, insert):
    """The first plain (unquoted) value of `field`, with `insert` after its second word."""
    match = re.search(rf"^(\s*{field}: )([^\"'\n][^\n]*)$", text, flags=re.MULTILINE)
    words = match.group(2).split(" ")
    value = " ".join(words[:2] + [insert] + words[2:])
    return text[:match.start()] + match.group(1) + value + text[match.end():]


@pytest.mark.parametrize("file, field, damage", [
    ("stances.yml", "evidence", lambda text: unquote_first(text, "evidence", "#and")),
    ("articles.yml", "headline", lambda text: cut_first_plain(text, "headline", "#1")),
])
def test_a_text_value_cut_by_a_comment_is_refused_with_the_fix(seeds, file, field, damage):
    path = seeds / file
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
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
        prepared = prepare_module.prepare_article(article, registry)
        assert prepared["quotes"] and not prepared.get("extraction_error")
        return time.perf_counter() - started
    seconds(20_000)   # warm up
    small, large = seconds(50_000), seconds(2_400_000)
    # 48 times the text: about 48 times the time when linear, 2,304 when quadratic (2 MB once took 54 s).
    assert large / small < 150, (small, large)


def derived_table_work(db_path, tmp_path, extra):
    """SQLite's work, in thousands of steps of its virtual machine, to compute each view in sql/ once
    the fixture database holds `extra` more stances by one person on one issue, one a day."""
    copy = tmp_path / f"{extra}.db"
    shutil.copy(db_path, copy)
    db = sqlite_utils.Database(copy)
    person, issue = db.execute("SELECT person_id, issue_id FROM stances JOIN people ON people.id = person_id "
                               "WHERE affiliation IS NOT NULL ORDER BY stances.id LIMIT 1").fetchone()
    template = next(db["stances"].rows_where("person_id = ? AND issue_id = ?", [person, issue], limit=1))
    scores = dict(db.execute("SELECT position, min(score) FROM stances GROUP BY position").fetchall())
    first_day = datetime.date(2000, 1, 1)
    db["stances"].insert_all(
        {**template, "id": f"bulk-{n:06d}", "position": position, "score": scores[position],
         "said_on": str(first_day + datetime.timedelta(days=n)), "said_on_precision": "day"}
        for n, position in zip(range(extra), itertools.cycle(sorted(scores))))
    steps = 0

    def count():
        nonlocal steps
        steps += 1
    db.conn.set_progress_handler(count, 1000)
    work = {}
    for view in sorted((ROOT / "sql").glob("*.sql")):
        steps = 0
        db.execute(view.read_text(encoding="utf-8")).fetchall()
        work[view.stem] = steps
    db.close()
    return work


def test_many_stances_on_one_person_and_issue_take_work_linear_in_their_number(db_path, tmp_path):
    # Counted in SQLite's own steps, not seconds, so a busy machine cannot fail it. Eight times the
    # stances is about eight times the work when linear, 64 when pairwise (100,000 once ran 14 minutes).
    small, large = derived_table_work(db_path, tmp_path, 1_000), derived_table_work(db_path, tmp_path, 8_000)
    assert {view: large[view] for view in large if large[view] > 20 * small[view] + 10} == {}, (small, large)

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


# -- 10: a build that is killed or stopped ------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from whosaid.bench.corpus import write_corpus
    return write_corpus(SEEDS, tmp_path_factory.mktemp("corpus"), 1500)


def children_of(pid):
    children = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children |= {int(child) for child in (task / "children").read_text().split()}
    return children


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def build_with_workers(corpus, db_path):
    """A build of the corpus on two worker processes, once its workers are running."""
    process = subprocess.Popen([sys.executable, str(ROOT / "build_db.py"), "build", "--seeds", str(corpus),
                                "--db", str(db_path), "--workers", "2", "--no-cache"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(workers := children_of(process.pid)) < 2:
        assert process.poll() is None and time.monotonic() < deadline, "the build never started its workers"
        time.sleep(0.05)
    time.sleep(0.5)
    return process, workers


def wait_until_gone(pids, seconds=15):
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [pid for pid in pids if alive(pid)]


def test_workers_exit_when_their_build_is_killed(corpus, tmp_path):
    process, workers = build_with_workers(corpus, tmp_path / "ukraine.db")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    # They used to live on for minutes, with the resource tracker.
    assert wait_until_gone(workers) == []


def test_sigterm_cleans_up_as_ctrl_c_does(corpus, tmp_path):
    db_path = tmp_path / "ukraine.db"
    process, workers = build_with_workers(corpus, db_path)
    os.kill(process.pid, signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert wait_until_gone(workers) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == [], "a temporary file was left"
    assert "Traceback" not in stderr and "leaked" not in stderr, stderr[-2000:]


# -- 8: faults of the machine, each a message that names the path and the fix --------------------

def test_a_corrupt_cache_is_set_aside_and_rebuilt(seeds, tmp_path):
    db_path, cache = tmp_path / "ukraine.db", tmp_path / "cache" / "prepared.sqlite"
    assert run("build", "--seeds", seeds, "--db", db_path, "--cache", cache).exit_code == 0
    cache.write_bytes(cache.read_bytes()[:3000])   # truncated, as by a full disk or a killed copy
    for leftover in cache.parent.glob("prepared.sqlite-*"):
        leftover.unlink()
    # --full: a build with nothing changed (incremental) would read no article, so nothing from the cache.
    result = run("build", "--seeds", seeds, "--db", db_path, "--cache", cache, "--full")
    assert result.exit_code == 0, result.output
    assert "cannot be read" in result.stderr and "moved to prepared.sqlite.corrupt" in result.stderr
    again = run("build", "--seeds", seeds, "--db", db_path, "--cache", cache, "--full")
    assert again.exit_code == 0 and "prepared before" in again.output and "cannot be read" not in again.stderr


def test_a_full_disk_is_a_message_and_the_old_database_stays(seeds, tmp_path, monkeypatch):
    import sqlite3
    db_path = tmp_path / "ukraine.db"
    assert run("build", "--seeds", seeds, "--db", db_path, "--no-cache").exit_code == 0
    before = db_path.read_bytes()

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(build_module.database.DatabaseWriter, "finish", full)
    result = run("build", "--seeds", seeds, "--db", db_path, "--no-cache")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{db_path}: cannot be written: database or disk is full" in result.stderr
    assert "free space" in result.stderr
    assert db_path.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["seeds", "ukraine.db", "ukraine.db.inspect.json"]


def test_a_read_only_folder_is_a_message_not_a_traceback(seeds, tmp_path, monkeypatch):
    import errno
    import sqlite3

    def read_only(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    def unlink(self, missing_ok=False):
        raise OSError(errno.EROFS, "Read-only file system", str(self))
    monkeypatch.setattr(build_module.sqlite_utils, "Database", read_only)
    monkeypatch.setattr(Path, "unlink", unlink)
    result = run("build", "--seeds", seeds, "--db", tmp_path / "ukraine.db", "--no-cache")
    assert result.exit_code == 1, result.output
    assert "cannot be written: attempt to write a readonly database" in result.stderr
    assert "a folder you can write" in result.stderr


def test_an_unreadable_article_is_named(seeds, monkeypatch):
    real = Path.read_bytes
    target = sorted((seeds / "articles").glob("*.txt"))[0]

    def read_bytes(self):
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = run("check", "--seeds", seeds, "--no-cache")
    assert result.exit_code == 1
    assert f"{target}: cannot be read: Permission denied" in result.stderr and "chmod" in result.stderr


# -- 11: the root problem once, and only real problems --------------------------------------------

def test_one_tab_in_the_registry_is_one_error_not_one_per_stance(seeds):
    path = seeds / "people.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n  kind: person", "\n\tkind: person", 1), encoding="utf-8")
    result = run("check", "--seeds", seeds, "--no-cache")
    assert result.exit_code == 1
    assert "YAML syntax error" in result.stderr
    assert "is not in people.yml" not in result.stderr and "has no entries" not in result.stderr
    assert "1 error(s) found" in result.stderr


def test_a_publication_date_in_the_future_is_refused(seeds):
    replace(seeds / "articles.yml", "published: 2025-02-13", "published: 2099-02-13")
    result = run("check", "--seeds", seeds, "--no-cache")
    assert result.exit_code == 1 and "2099-02-13 is in the future" in result.stderr


def test_evidence_that_differs_only_by_trailing_whitespace_gets_a_whitespace_hint(seeds):
    path = seeds / "stances.yml"
    text = path.read_text(encoding="utf-8")
    match = re.search(r'^\s*evidence: "([^"\n]+)"$', text, flags=re.MULTILINE)
    path.write_text(text[:match.end(1)] + "  " + text[match.end(1):], encoding="utf-8")
    result = run("check", "--seeds", seeds, "--no-cache")
    assert result.exit_code == 1
    assert "starts or ends with spaces" in result.stderr and "remove the whitespace" in result.stderr


def test_an_out_of_range_score_is_one_error_not_one_per_stance(seeds):
    replace(seeds / "issues.yml", "score: -1", "score: 7")
    result = run("check", "--seeds", seeds, "--no-cache")
    assert result.exit_code == 1
    assert "field 'score': Input should be less than or equal to 2" in result.stderr
    assert "is not in issues.yml" not in result.stderr
    assert "1 error(s) found" in result.stderr


def test_the_stances_of_an_article_with_an_invalid_entry_are_checked_in_the_same_run(seeds, db_path):
    # An article with a stance that only its publication date dates, and another stance, made wrong.
    dated_by_publication = sqlite_utils.Database(db_path).execute(
        "SELECT article_id FROM stances WHERE said_on_precision = 'published' ORDER BY id").fetchone()[0]
    stances = yaml.safe_load((seeds / "stances.yml").read_text(encoding="utf-8"))
    stance_id, stance = next(item for item in stances.items() if item[1]["article"] == dated_by_publication)
    manifest = yaml.safe_load((seeds / "articles.yml").read_text(encoding="utf-8"))
    published = manifest[stance["article"]]["published"]
    text = (seeds / "articles.yml").read_text(encoding="utf-8")
    entry = text.index(f"\n{stance['article']}:")
    at = text.index(f"published: {published}", entry)
    (seeds / "articles.yml").write_text(text[:at] + f"published: {published:%Y-%m}-32" +
                                        text[at + len(f"published: {published}"):], encoding="utf-8")
    replace(seeds / "stances.yml", stance["evidence"], stance["evidence"] + " and more")
    result = run("check", "--seeds", seeds, "--no-cache")
    assert result.exit_code == 1
    assert f"[{stance['article']}]: field 'published'" in result.stderr
    assert f"[{stance_id}]: the evidence does not occur" in result.stderr
    # Its publication date is unknown, but that is the entry's error, not the stances'.
    assert "cannot be dated" not in result.stderr and "2 error(s) found" in result.stderr
