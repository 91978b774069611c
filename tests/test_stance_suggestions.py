"""Stance suggestions: a position read from the codebook's cue words for each tagged quote, for a person to
accept or reject (seeds/issues.yml, `cues:` per position)."""

import json
import re
import shutil

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from build_db import cli
from conftest import SEEDS
from test_charts import CHROMIUM, CHROMIUM_FLAGS
from whosaid.build import build
from whosaid.evaluate import suggestion_agreement
from whosaid.issue_tags import signals_of
from whosaid.serving import served
from whosaid.stance_cues import cues_of, suggest

CODEBOOK = yaml.safe_load((SEEDS / "issues.yml").read_text(encoding="utf-8"))
CUES = cues_of(CODEBOOK["positions"])
SCORES = {position_id: position["score"] for position_id, position in CODEBOOK["positions"].items()}
SIGNALS = signals_of(CODEBOOK["issues"])
OPPOSITES = {text for issue in CODEBOOK["issues"].values() for text in issue.get("opposite_signals") or []}


def suggested(sentence, quote=None, issue="us-troops-in-ukraine"):
    """The position the codebook's cues suggest for `quote` (the whole sentence by default) on `issue`."""
    record = {"id": "q", "text": quote or sentence, "context": sentence, "start": 0, "source": "text"}
    found = suggest(record, issue, [signal for signal in SIGNALS if signal.issue_id == issue], OPPOSITES, CUES,
                    SCORES)
    return found and found.position


# Sentences of our own, one per construction the rules read.
@pytest.mark.parametrize("sentence, quote, issue, position", [
    ("There will not be American troops in Ukraine, she said.", None, "us-troops-in-ukraine", "rules_out"),
    ("Under no circumstances will our soldiers go there.", None, "us-troops-in-ukraine", "rules_out"),
    ("Sending troops is unlikely for now, the minister said.", None, "us-troops-in-ukraine", "skeptical"),
    ("Troops? Everything is on the table, he said.", None, "us-troops-in-ukraine", "open"),
    # A negation before a cue changes the point.
    ("Troops are not on the table, the spokesman said.", None, "us-troops-in-ukraine", "rules_out"),
    ("We are not ruling out troops, the senator said.", None, "us-troops-in-ukraine", "open"),
    ("He does not support sending troops.", None, "us-troops-in-ukraine", "rules_out"),
    # A condition in the clause makes it conditional.
    ("Troops remain on the table if Moscow walks away, he said.", None, "us-troops-in-ukraine", "conditional"),
    ("We would send troops only if a ceasefire holds.", None, "us-troops-in-ukraine", "conditional"),
    # A cue inside a longer one counts as the longer one.
    ("Our soldiers should never be sent there.", None, "us-troops-in-ukraine", "rules_out"),
    # The speaker's own words come first; around a short quote, the reporter's words count.
    ("The premier said Paris was prepared to “lead” a peacekeeping force.", "lead", "us-troops-in-ukraine",
     "supports"),
    # Not the words of another quote in the sentence.
    ("She called troops “unlikely” and said there was “no rift” in the cabinet.", "no rift",
     "us-troops-in-ukraine", None),
    # The cue nearest the issue's words, in their clause: one sentence can speak to two issues.
    ("Our troops won’t be deployed there. But Europe must provide a security guarantee.", None,
     "european-security-guarantee", "supports"),
    ("Our troops won’t be deployed there. But Europe must provide a security guarantee.", None,
     "us-troops-in-ukraine", "rules_out"),
    # An issue's opposite turns the scale round.
    ("Any deal made without Ukraine will not last, the chancellor said.", None, "europe-and-ukraine-in-talks",
     "supports"),
    # No cue, no suggestion.
    ("The troops arrived on Tuesday.", None, "us-troops-in-ukraine", None),
])
def test_a_position_is_suggested_from_the_codebooks_cues(sentence, quote, issue, position):
    assert suggested(sentence, quote, issue) == position


def test_a_suggestion_points_at_the_words_that_decided_it():
    sentence = "Asked about troops, he said they were “not on the table” at all."
    record = {"id": "q", "text": "not on the table", "context": sentence, "start": 100, "source": "text"}
    found = suggest(record, "us-troops-in-ukraine", SIGNALS, OPPOSITES, CUES, SCORES)
    within = sentence.find(record["text"])
    assert found.position == "rules_out" and found.cues == ("not", "on the table")
    assert [sentence[start - 100 + within:end - 100 + within] for start, end in found.offsets] == list(found.cues)
    assert "negated" in found.rule


def test_suggestions_have_a_person_and_never_become_stances(db_path):
    db = sqlite_utils.Database(db_path)
    rows = list(db["stance_suggestions"].rows)
    assert len(rows) >= 20
    quotes = {row["id"]: row for row in db["quotes"].rows}
    texts = {row["id"]: row["text"] for row in db["articles"].rows}
    for row in rows:
        quote = quotes[row["quote_id"]]
        assert row["person_id"] == quote["speaker_id"] is not None
        assert row["issue_id"] in json.loads(quote["issues"])
        for (start, end), words in zip(json.loads(row["offsets"]), json.loads(row["cues"])):
            assert texts[row["article_id"]][start:end] == words
    curated = {row["id"] for row in db["stances"].rows}
    assert len(curated) == len(yaml.safe_load((SEEDS / "stances.yml").read_text(encoding="utf-8")))
    # The derived views read curated stances only.
    for table, column in (("reversals", "to_stance_id"), ("contradictions", "stance_id"),
                          ("stance_timeline", "stance_id")):
        assert {row[column] for row in db[table].rows} <= curated


def test_a_suggestion_knows_the_curated_stance_that_covers_it(db_path):
    db = sqlite_utils.Database(db_path)
    stances = {row["id"]: row for row in db["stances"].rows}
    quotes = {row["id"]: row for row in db["quotes"].rows}
    for row in db["stance_suggestions"].rows:
        quote = quotes[row["quote_id"]]
        covering = sorted(stance_id for stance_id, stance in stances.items()
                          if stance["person_id"] == row["person_id"] and stance["issue_id"] == row["issue_id"]
                          and stance["article_id"] == row["article_id"] and quote["source"] == "text"
                          and stance["start"] < quote["end"] and quote["start"] < stance["end"])
        assert row["stance_id"] == (covering[0] if covering else None)
        expected = "open" if not covering else "agrees" if stances[covering[0]]["position"] == row["position"] \
            else "differs"
        assert row["status"] == expected, row["id"]
    statuses = {row["status"] for row in db["stance_suggestions"].rows}
    assert statuses == {"open", "agrees", "differs"}


def test_the_agreement_with_the_coded_stances_is_counted_per_stance(db_path):
    db = sqlite_utils.Database(db_path)
    scores = {row["id"]: row["score"] for row in db["positions"].rows}
    by_stance = {}
    for row in db["stance_suggestions"].rows_where("stance_id IS NOT NULL", order_by="id"):
        by_stance.setdefault(row["stance_id"], row)
    stances = list(db["stances"].rows)
    figures = {row["issue"]: row for row in suggestion_agreement(db_path)}
    assert figures["all"]["coded"] == len(stances)
    assert figures["all"]["suggested"] == len(by_stance)
    assert figures["all"]["none"] == len(stances) - len(by_stance)
    assert figures["all"]["exact"] == sum(1 for stance in stances if stance["id"] in by_stance
                                          and by_stance[stance["id"]]["position"] == stance["position"])
    assert figures["all"]["within_one"] == sum(
        1 for stance in stances if stance["id"] in by_stance
        and abs(scores[by_stance[stance["id"]]["position"]] - stance["score"]) <= 1)


def test_suggest_prints_entries_that_build_unchanged_and_then_agree(tmp_path, db_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = sqlite_utils.Database(db_path)
    open_count = db.execute("SELECT count(*) FROM stance_suggestions WHERE status = 'open'").fetchone()[0]
    result = CliRunner().invoke(cli, ["suggest", "--db", str(db_path), "--seeds", str(seeds)])
    assert result.exit_code == 0, result.output
    entries = yaml.safe_load(result.stdout)
    assert 0 < len(entries) <= open_count
    for entry in entries.values():
        assert entry["note"].startswith("suggested from \"") and entry["note"].endswith("\"; review")
    # Pasted unchanged, they build with no problem, and each is then a curated stance its suggestion agrees with.
    with (seeds / "stances.yml").open("a", encoding="utf-8") as out:
        out.write("\n" + result.stdout)
    rebuilt = tmp_path / "rebuilt.db"
    report = build(seeds, rebuilt)
    assert [problem for problem in report.problems if problem.severity == "error"] == []
    after = sqlite_utils.Database(rebuilt)
    assert {row["id"] for row in after["stances"].rows} >= set(entries)
    statuses = {row["stance_id"]: row["status"] for row in after["stance_suggestions"].rows if row["stance_id"]}
    assert all(statuses.get(stance_id) == "agrees" for stance_id in entries if stance_id in statuses)
    again = CliRunner().invoke(cli, ["suggest", "--db", str(rebuilt), "--seeds", str(seeds)])
    assert again.exit_code == 0 and yaml.safe_load(again.stdout) is None
    assert after.execute("SELECT count(*) FROM stance_suggestions WHERE status = 'open'").fetchone()[0] \
        == open_count - len(entries)


def test_suggest_filters_by_person_issue_and_article(db_path):
    db = sqlite_utils.Database(db_path)
    person, issue, article = db.execute(
        "SELECT person_id, issue_id, article_id FROM stance_suggestions WHERE status = 'open' LIMIT 1").fetchone()
    for option, value, field in (("--person", person, "person"), ("--issue", issue, "issue"),
                                 ("--article", article, "article")):
        result = CliRunner().invoke(cli, ["suggest", "--db", str(db_path), option, value])
        assert result.exit_code == 0, result.output
        entries = yaml.safe_load(result.stdout)
        assert entries and {entry[field] for entry in entries.values()} == {value}
    none = CliRunner().invoke(cli, ["suggest", "--db", str(db_path), "--person", "nobody"])
    assert none.exit_code == 0 and "No open suggestions for these filters." in none.output
    missing = CliRunner().invoke(cli, ["suggest", "--db", "/nonexistent/x.db"])
    assert missing.exit_code == 2 and "build it first" in missing.output


def test_the_person_and_issue_pages_show_their_open_suggestions_as_machine_readings(db_path):
    db = sqlite_utils.Database(db_path)
    person, issue = db.execute("SELECT person_id, issue_id FROM stance_suggestions WHERE status = 'open' "
                               "GROUP BY person_id ORDER BY count(*) DESC LIMIT 1").fetchone()
    with served(db_path) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        shown = {}
        for kind, key, column in (("people", person, "person_id"), ("issues", issue, "issue_id")):
            assert page.goto(f"{base}/ukraine/{kind}/{key}").status == 200
            heading = page.locator("h2", has_text="Machine suggestions, not reviewed")
            table = page.locator("table.suggestions")
            shown[kind] = (heading.inner_text(), table.locator("tr").count() - 1,
                           table.inner_text(), page.locator("p.suggested-note").is_visible())
        browser.close()
    for kind, column, key in (("people", "person_id", person), ("issues", "issue_id", issue)):
        heading, rows, text, note = shown[kind]
        expected = db.execute(f"SELECT count(*) FROM stance_suggestions WHERE status = 'open' AND {column} = ?",
                              [key]).fetchone()[0]
        assert rows == expected > 0 and f"({expected})" in heading and note
        assert re.search(r"(rules_out|skeptical|open|conditional|supports) \(suggested\)", text)
