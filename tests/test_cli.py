"""The command line: build, check, and bad input that changes nothing."""

import hashlib
import shutil

import pytest
import sqlite_utils
from click.testing import CliRunner

import build_db
from conftest import SEEDS


@pytest.fixture
def seeds(tmp_path):
    """A private copy of the real seeds, to break."""
    return shutil.copytree(SEEDS, tmp_path / "seeds")


@pytest.fixture
def built(tmp_path, seeds):
    """A database already built from the seeds, as a curator would have."""
    db_path = tmp_path / "ukraine.db"
    result = run("build", "--seeds", seeds, "--db", db_path)
    assert result.exit_code == 0, result.output
    return db_path


def run(*args):
    result = CliRunner().invoke(build_db.cli, [str(arg) for arg in args])
    # A crash also exits 1; only a deliberate exit counts.
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, needle):
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_build_writes_the_database_and_says_what_it_holds(built):
    db = sqlite_utils.Database(built)
    assert db["articles"].count == 5
    assert not list(built.parent.glob(".*.tmp"))


def test_plain_invocation_builds_with_the_defaults(monkeypatch):
    calls = []
    monkeypatch.setattr(build_db, "build_database",
                        lambda seeds, db, workers, cache_path, scheduler, full: calls.append((seeds, db)) or build_db.check_seeds(seeds))
    result = run()
    assert result.exit_code == 0, result.output
    assert calls == [(build_db.HERE / "seeds", build_db.HERE / "ukraine.db")]


def test_check_validates_without_writing(seeds, monkeypatch):
    def no_database(*args, **kwargs):
        raise AssertionError("check opened a database")
    monkeypatch.setattr(sqlite_utils, "Database", no_database)
    result = run("check", "--seeds", seeds)
    assert result.exit_code == 0, result.output
    assert "5 articles" in result.stdout


def test_bad_input_is_reported_all_at_once_and_the_old_database_is_untouched(built, seeds):
    before = digest(built)
    people = seeds / "people.yml"
    edit(people, "  kind: person\n  role: U.S. Secretary of Defense", "  knd: person\n  role: U.S. Secretary of Defense")
    edit(seeds / "articles.yml", "published: 2025-08-19", "published: 2025-02-30")
    (seeds / "issues.yml").write_text("issues: [unclosed\n", encoding="utf-8")
    result = run("build", "--seeds", seeds, "--db", built)
    assert result.exit_code == 1
    message = result.stderr
    line = line_of(people, "knd: person")
    assert f"people.yml:{line} [pete-hegseth]: unknown key 'knd'" in message
    assert "did you mean 'kind'?" in message
    assert "[pete-hegseth]: missing required field 'kind'" in message
    assert "articles.yml:" in message and "[003_17e704902b00107c]: field 'published'" in message
    assert "issues.yml:2: YAML syntax error" in message
    assert "is as it was" in message
    assert digest(built) == before
    assert not list(built.parent.glob(".*.tmp"))


def test_check_reports_the_same_problems(seeds):
    edit(seeds / "people.yml", "  name: JD Vance", "  name: JD Vance\n  speker: yes")
    result = run("check", "--seeds", seeds)
    assert result.exit_code == 1
    assert "[jd-vance]: unknown key 'speker'" in result.stderr


def test_duplicate_ids_are_errors_not_silently_merged(seeds):
    people = seeds / "people.yml"
    people.write_text(people.read_text(encoding="utf-8") + "pete-hegseth:\n  name: Someone Else\n  kind: person\n",
                      encoding="utf-8")
    result = run("check", "--seeds", seeds)
    assert result.exit_code == 1
    first = line_of(people, "pete-hegseth:")
    assert f"duplicate key 'pete-hegseth' (first at line {first})" in result.stderr


def test_an_alias_naming_two_people_is_an_error(seeds):
    edit(seeds / "people.yml", "aliases: [Rubio,", "aliases: [Hegseth, Rubio,")
    result = run("check", "--seeds", seeds)
    assert result.exit_code == 1
    assert "alias 'Hegseth' is used by both 'pete-hegseth' and 'marco-rubio'" in result.stderr


def test_an_edited_article_copy_is_caught_by_its_hash(built, seeds):
    before = digest(built)
    article = seeds / "articles" / "000_eb369f11afb13555.txt"
    article.write_bytes(article.read_bytes().replace(b"Friday", b"Saturday", 1))
    result = run("build", "--seeds", seeds, "--db", built)
    assert result.exit_code == 1
    assert "[000_eb369f11afb13555]: sha256 of" in result.stderr
    assert "never edited" in result.stderr
    assert digest(built) == before


def test_a_manifest_entry_without_its_file_is_an_error(seeds):
    (seeds / "articles" / "003_17e704902b00107c.txt").unlink()
    result = run("check", "--seeds", seeds)
    assert result.exit_code == 1
    assert "[003_17e704902b00107c]: no file" in result.stderr


def test_an_article_without_a_manifest_entry_is_built_with_a_warning(tmp_path, seeds):
    (seeds / "articles" / "005_new.txt").write_text("Officials met on Monday.\n", encoding="utf-8")
    db_path = tmp_path / "new.db"
    result = run("build", "--seeds", seeds, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "005_new.txt [005_new]: has no entry in seeds/articles.yml" in result.stderr
    assert "sha256: " in result.stderr  # the entry to paste, hash included
    row = sqlite_utils.Database(db_path)["articles"].get("005_new")
    assert (row["outlet"], row["published"], row["text"]) == (None, None, "Officials met on Monday.\n")


def test_an_article_that_is_not_utf8_names_the_byte(seeds):
    (seeds / "articles" / "000_eb369f11afb13555.txt").write_bytes(b"First line\nCaf\xe9 society\n")
    result = run("check", "--seeds", seeds)
    assert result.exit_code == 1
    assert "000_eb369f11afb13555.txt:2: is not UTF-8: byte 0xe9 at offset 14" in result.stderr


def write(relative, content):
    def apply(seeds):
        path = seeds / relative
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return apply


def replace(relative, old, new):
    return lambda seeds: edit(seeds / relative, old, new)


@pytest.mark.parametrize("damage, expected", [
    (replace("people.yml", "aliases: [Rubio, Secretary of State Marco Rubio]", "aliases: Rubio"),
     "[marco-rubio]: field 'aliases': Input should be a valid list (got 'Rubio')"),
    (replace("issues.yml", "score: -2", "score: -3"),
     "[rules_out]: field 'score': Input should be greater than or equal to -2"),
    (replace("people.yml", "pete-hegseth:", "Pete_Hegseth:"),
     "id 'Pete_Hegseth' is not a valid id"),
    (replace("issues.yml", "\npositions:\n", "\nscale:\n"),
     "issues.yml: needs a top-level mapping 'positions:'"),
    (write("articles/001_8d1921fd5e6b31d7.txt", "  \n"),
     "001_8d1921fd5e6b31d7.txt: article file is empty"),
    (write("articles/001_8d1921fd5e6b31d7.txt", b"PK\x03\x04\x00\x00binary"),
     "001_8d1921fd5e6b31d7.txt: looks binary (NUL byte at 4)"),
    (write("people.yml", "- just\n- a list\n"),
     "people.yml:1: must be a mapping of id: {fields}"),
    (replace("issues.yml", "\nissues:\n", "\nissue:\n"),
     "unknown top-level key 'issue'"),
    (replace("issues.yml", "score: -1", "score: -2"),
     "[skeptical]: score -2 is also the score of 'rules_out'"),
    (write("issues.yml", "positions: {}\nissues: {}\n"),
     "needs a top-level mapping 'positions:' with at least one entry"),
    (replace("articles.yml", "outlet: Mediaite", "outlet: !mytag Mediaite"),
     "cannot read this value"),
    (replace("articles.yml", "published: 2025-02-13", "published: last Thursday"),
     "[004_2e21b0443b55ba82]: field 'published': Input should be a valid date"),
], ids=["wrong-type", "out-of-range", "bad-id", "missing-section", "empty-article", "binary-article", "not-a-mapping",
        "unknown-section", "duplicate-score", "empty-codebook", "yaml-tag", "unparsable-date"])
def test_each_kind_of_bad_input_is_named(seeds, damage, expected):
    damage(seeds)
    result = run("check", "--seeds", seeds)
    assert result.exit_code == 1
    assert expected in result.stderr
    assert "fix:" in result.stderr


def test_a_file_that_is_not_text_is_named_not_ignored(seeds):
    (seeds / "articles" / "005_page.html").write_text("<p>An article</p>", encoding="utf-8")
    (seeds / "articles" / "006_folder.txt").mkdir()
    result = run("check", "--seeds", seeds)
    assert result.exit_code == 0, result.output
    assert "005_page.html: is not a plain .txt file, so it is not built" in result.stderr
    assert "006_folder.txt: is not a plain .txt file, so it is not built" in result.stderr


def test_a_database_path_in_a_missing_folder_is_named(built, seeds, tmp_path):
    result = run("build", "--seeds", seeds, "--db", tmp_path / "nope" / "ukraine.db")
    assert result.exit_code == 1
    assert "the folder" in result.stderr and "does not exist" in result.stderr


def test_damage_the_rules_cannot_safely_repair_is_reported(tmp_path, seeds):
    article = seeds / "articles" / "005_mixed.txt"
    article.write_text("“Intact quotes,” he said, but thisâ one was lost.\n", encoding="utf-8")
    result = run("build", "--seeds", seeds, "--db", tmp_path / "mixed.db")
    assert result.exit_code == 0, result.output
    assert "005_mixed.txt [005_mixed]: 1 bare 'â' left as it is" in result.stderr


def test_messages_give_the_line_of_the_damage(seeds):
    edit(seeds / "articles.yml", "outlet: Mediaite", "outlet: !mytag Mediaite")
    edit(seeds / "issues.yml", "\nissues:\n", "\nissue:\n")
    result = run("check", "--seeds", seeds)
    codebook = (seeds / "issues.yml").read_text(encoding="utf-8").splitlines()
    section_line = codebook.index("issue:") + 1
    assert f"articles.yml:{line_of(seeds / 'articles.yml', '!mytag')}: cannot read this value" in result.stderr
    assert f"issues.yml:{section_line}: unknown top-level key 'issue'" in result.stderr
