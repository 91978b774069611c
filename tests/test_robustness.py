"""Bad input, builds that die halfway, and hostile queries: nothing is lost, everything is explained."""

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from build_db import cli
from conftest import ROOT, SEEDS
from test_charts import CHROMIUM, CHROMIUM_FLAGS
from whosaid.build import build
from whosaid.articles import MAX_ARTICLE_BYTES
from whosaid.serving import served

HOSTILE_HTML = ("<h1>Breaking</h1>\n<p>Officials met on Monday.</p>\n"
                "<script>window.__ran = 'script tag'</script>\n"
                "<img src=x onerror=\"window.__ran = 'onerror'\">\n"
                "“<b>We will not</b><script>window.__ran = 'in a quote'</script>,” Hegseth said.\n")


def seeds_with_article(tmp_path, stem, content, **entry):
    """A copy of the seeds plus one article, with its manifest entry."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    path = seeds / "articles" / f"{stem}.txt"
    path.write_bytes(content)
    manifest = {stem: {"outlet": "Test", "headline": "A test article", "published": "2025-02-14", "url": None,
                       **entry}}
    with open(seeds / "articles.yml", "a", encoding="utf-8") as file:
        file.write("\n" + yaml.safe_dump(manifest, allow_unicode=True))
    return seeds


def size_of(path):
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def run(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


# -- inputs ------------------------------------------------------------------------------------

def test_a_cp1252_article_builds_only_when_the_manifest_says_so(tmp_path):
    content = "Caf\u00e9 talk: \u201cWe will not,\u201d Hegseth said.\n".encode("cp1252")
    seeds = seeds_with_article(tmp_path, "900_cp1252", content)
    result = run("check", "--seeds", seeds)
    assert result.exit_code == 1
    assert "900_cp1252.txt:1: is not UTF-8: byte 0xe9 at offset 3" in result.stderr
    assert "'encoding:' in its articles.yml entry" in result.stderr
    seeds = seeds_with_article(tmp_path / "again", "900_cp1252", content, encoding="cp1252")
    db_path = tmp_path / "cp1252.db"
    assert run("build", "--seeds", seeds, "--db", db_path).exit_code == 0
    db = sqlite_utils.Database(db_path)
    assert db["articles"].get("900_cp1252")["text"].startswith("Café talk: “We will not,”")
    assert [row["speaker_id"] for row in db["quotes"].rows_where("article_id = '900_cp1252'")] == ["pete-hegseth"]


def test_a_very_large_article_is_refused_with_the_limit(tmp_path):
    content = ("Officials met on Monday. “We will not,” Hegseth said.\n" * 200_000).encode()
    assert len(content) > 10_000_000
    seeds = seeds_with_article(tmp_path, "901_huge", content)
    started = time.monotonic()
    result = run("check", "--seeds", seeds)
    assert result.exit_code == 1
    assert f"901_huge.txt: is {len(content):,} bytes; articles are limited to {MAX_ARTICLE_BYTES:,} bytes" \
        in result.stderr
    assert time.monotonic() - started < 60  # refused up front, not after reading it all


def test_an_article_full_of_html_is_stored_as_text(tmp_path):
    seeds = seeds_with_article(tmp_path, "902_markup", HOSTILE_HTML.encode())
    db_path = tmp_path / "html.db"
    assert run("build", "--seeds", seeds, "--db", db_path).exit_code == 0
    db = sqlite_utils.Database(db_path)
    assert db["articles"].get("902_markup")["text"] == HOSTILE_HTML
    quotes = {row["text"]: row for row in db["quotes"].rows_where("article_id = '902_markup'")}
    assert quotes["<b>We will not</b><script>window.__ran = 'in a quote'</script>,"]["speaker_id"] == "pete-hegseth"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hostile")
    seeds = seeds_with_article(tmp_path, "902_markup", HOSTILE_HTML.encode())
    db_path = tmp_path / "ukraine.db"  # served as /ukraine, like the real one
    build(seeds, db_path)
    with served(db_path) as base:
        yield base


def test_no_script_from_an_article_runs_on_its_pages(hostile_server):
    pages = ["/ukraine/articles/902_markup", "/ukraine/articles?id=902_markup", "/ukraine/paragraphs?article_id=902_markup",
             "/ukraine/quotes?article_id=902_markup", "/ukraine/quotes_with_sources?article_id=902_markup",
             "/ukraine/articles?_search=Breaking"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for path in pages:
            page = browser.new_page()
            dialogs = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(hostile_server + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__ran") is None, path
            assert "<script>window.__ran" in page.content() or "&lt;script&gt;" in page.content(), path
            assert page.locator("text=<script>window.__ran").count() >= 1, path  # shown, as text
            assert dialogs == [], path
            page.close()
        browser.close()


# -- builds that fail halfway ------------------------------------------------------------------

def test_a_build_killed_mid_write_leaves_the_old_database_and_its_leftover_is_cleaned(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    # Enough articles that the write takes a while: copies of the seeds under new ids.
    manifest = yaml.safe_load((SEEDS / "articles.yml").read_text(encoding="utf-8"))
    extra = {}
    for n in range(60):
        for stem, entry in manifest.items():
            copy = f"{stem}_copy{n:03d}"
            shutil.copy(SEEDS / "articles" / f"{stem}.txt", seeds / "articles" / f"{copy}.txt")
            extra[copy] = {**entry, "sha256": entry["sha256"]}
    (seeds / "articles.yml").write_text(yaml.safe_dump({**manifest, **extra}, allow_unicode=True), encoding="utf-8")
    db_path = tmp_path / "ukraine.db"
    db_path.write_bytes(b"the previous database")
    process = subprocess.Popen([sys.executable, str(ROOT / "build_db.py"), "build", "--seeds", str(seeds),
                                "--db", str(db_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while True:
        written = [path for path in tmp_path.glob(f".ukraine.db.{process.pid}.*.tmp") if size_of(path)]
        if written:
            break
        assert process.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    [temporary] = written
    assert db_path.read_bytes() == b"the previous database"
    assert temporary.exists()  # SIGKILL leaves it; the next build clears it
    shutil.rmtree(seeds / "articles")
    shutil.copytree(SEEDS / "articles", seeds / "articles")
    shutil.copy(SEEDS / "articles.yml", seeds / "articles.yml")
    assert run("build", "--seeds", seeds, "--db", db_path).exit_code == 0
    assert not temporary.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["seeds", "ukraine.db", "ukraine.db.inspect.json"]


def test_a_server_keeps_answering_while_its_database_is_rebuilt(tmp_path):
    db_path = tmp_path / "ukraine.db"
    build(SEEDS, db_path)
    failures, answers = [], []
    stop = threading.Event()
    with served(db_path) as base:
        def ask():
            while not stop.is_set():
                try:
                    with urllib.request.urlopen(f"{base}/ukraine/quotes.json?_size=5", timeout=10) as response:
                        answers.append(response.status)
                except (urllib.error.URLError, OSError) as error:
                    failures.append(repr(error))
        asker = threading.Thread(target=ask)
        asker.start()
        for _ in range(3):
            build(SEEDS, db_path)
        time.sleep(0.3)
        stop.set()
        asker.join()
    assert failures == [] and answers and set(answers) == {200}


def test_two_builds_of_the_same_inputs_have_the_same_contents(db_path, tmp_path):
    again = tmp_path / "again.db"
    build(SEEDS, again)
    first, second = sqlite_utils.Database(db_path), sqlite_utils.Database(again)
    assert list(first.iterdump()) == list(second.iterdump())


# -- hostile queries ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(db_path):
    with served(db_path) as base:
        yield base


def get(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


RUNAWAY = "with recursive forever(n) as (select 1 union all select n + 1 from forever) select count(*) from forever"


def test_a_runaway_query_is_cut_off_and_the_server_keeps_answering(server):
    started = time.monotonic()
    status, body = get(server, "/ukraine.json?sql=" + urllib.parse.quote(RUNAWAY))
    took = time.monotonic() - started
    assert status == 400 and "interrupted" in body.lower(), body[:300]
    assert took < 10
    status, body = get(server, "/ukraine/quotes.json?_size=1")
    assert status == 200 and json.loads(body)["rows"]


@pytest.mark.parametrize("sql", [
    "delete from quotes",
    "update people set name = 'x'",
    "drop table quotes",
    "insert into issues (id) values ('x')",
    "attach database 'x.db' as x",
    "pragma writable_schema = 1",
])
def test_write_statements_are_refused(server, sql):
    status, body = get(server, "/ukraine.json?sql=" + urllib.parse.quote(sql))
    assert status == 400, body[:300]
    status, body = get(server, "/ukraine/quotes.json?_size=1")
    assert status == 200


@pytest.mark.parametrize("path", [
    "/ukraine/quotes?_search=%22unbalanced",
    "/ukraine/quotes?_search=NEAR(%20AND%20*",
    "/ukraine/articles?_search=%22%22%22",
    "/ukraine/search_quotes?q=%22unbalanced",
    "/ukraine/search_quotes?q=AND%20OR%20NOT",
    "/ukraine/person_timeline?person=%27%3B%20drop%20table%20stances%3B--",
    "/ukraine/said_between?from=2025-13-45&to=tomorrow",
])
def test_odd_searches_and_parameters_get_a_page_not_a_server_error(server, path):
    status, body = get(server, path)
    assert status < 500, (path, body[:300])
    assert "<html>" in body and "Traceback" not in body


def test_make_serve_serves_read_only_with_limits():
    from whosaid.serving import SETTINGS, datasette_command
    command = datasette_command(ROOT / "ukraine.db")
    assert "--immutable" in command
    for name, value in SETTINGS.items():
        assert command[command.index(name) - 1:command.index(name) + 2] == ["--setting", name, str(value)]
    assert SETTINGS["sql_time_limit_ms"] <= 1000 and SETTINGS["max_returned_rows"] <= 1000
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "build_db.py serve --db $(DB)" in makefile


def test_only_leftovers_of_dead_builds_of_this_database_are_removed(tmp_path):
    from whosaid.build import remove_stale_temporaries
    db_path = tmp_path / "ukraine.db"
    alive = os.getpid()
    names = {
        f".ukraine.db.{alive}.ab12cd34.tmp": True,             # a build still running: kept
        ".ukraine.db.999999999.ab12cd34.tmp": False,           # a dead build's file: removed
        ".ukraine.db.999999999.ab12cd34.tmp-journal": False,   # and its journal
        ".ukraine.db.99999999999999999999.ab12cd34.tmp": False,  # a pid no process can have
        ".ukraine1.db.999999999.ab12cd34.tmp": True,           # another database's
        ".ukraine.db.4000000.tmpl": True,                      # not a temporary of ours
        "ukraine.db": True,
    }
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    remove_stale_temporaries(db_path)
    assert {path.name for path in tmp_path.iterdir()} == {name for name, kept in names.items() if kept}


def test_a_server_that_logs_many_failed_queries_keeps_answering(db_path):
    with served(db_path) as base:
        for _ in range(150):
            status, _ = get(base, "/ukraine.json?sql=" + urllib.parse.quote("select * from no_such_table"))
            assert status == 400
        status, body = get(base, "/ukraine/quotes.json?_size=1")
        assert status == 200
