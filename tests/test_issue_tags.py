"""Quotes tagged with the issues they concern, from the codebook's signals (seeds/issues.yml, `signals:`)."""

import json
import shutil

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner

from build_db import cli
from conftest import SEEDS
from test_database import get_json
from whosaid.evaluate import tag_agreement, tag_agreement_gold
from whosaid.issue_tags import signals_of, tag_quote
from whosaid.word_patterns import SignalError, compile_signal

# A sentence for each signal of the codebook that the seed articles do not use, so that every signal
# is shown to match something (the build warns about the signals no article matches).
EXAMPLES = {
    "soldier* NEAR U.S.|American|America|United States|Washington": "No American soldiers will be sent, she said.",
    "boots on the ground": "There will be no U.S. boots on the ground.",
    "peacekeep* NEAR U.S.|American|America|United States|Washington": "U.S. peacekeepers are not an option.",
    "ground forces": "Sending ground forces is not on the agenda.",
    "military presence": "A permanent military presence in Ukraine was ruled out.",
    "join the alliance": "Kyiv wants to join the alliance within a decade.",
    "membership": "Membership is a question for later.",
    "Donbas*": "The Donbas front has barely moved.",
    "occupied territor*": "The occupied territories will not be recognised.",
    "reassurance*": "A reassurance force would stay far from the front.",
    "backstop": "Washington would provide a backstop.",
    "coalition of the willing": "The coalition of the willing met in Paris.",
    "Article 5": "An attack on them would not trigger Article 5.",
    "Article Five": "Article Five protections would not apply.",
    "collective defen*": "The collective defence clause covers members only.",
    "peacekeep* NEAR NATO|Article|attack*": "An attack on peacekeepers would not involve NATO.",
    "at the table": "Europe must be at the table.",
    "without Ukraine|without Europe": "Nothing will be decided without Ukraine.",
    "give up": "Kyiv will not give up its claim.",
    "bargaining chip*": "Membership is not a bargaining chip.",
    "leverage": "That would throw away our leverage.",
    "weapon*": "More weapons are on the way.",
    "Patriot*": "Two more Patriot batteries were promised.",
    "missile*": "The missiles arrived in April.",
    "ATACMS": "The ATACMS were sent in secret.",
    "air defen*": "Air defence is the priority this winter.",
    "package NEAR aid|military|security|billion": "The $61 billion package passed the House.",
    "military assistance": "Military assistance will continue.",
    "security assistance": "Security assistance was paused.",
    "arms": "The arms shipments resumed.",
    "funding": "Congress approved new funding.",
    "support NEAR military": "They promised military and financial support.",
    "territorial integrity": "Its territorial integrity must be respected.",
    "self-determination": "They spoke of self-determination.",
    "harm's way|harm’s way": "Troops should not be put in harm's way.",
}


def tags_of(sentence, signals):
    quote = {"id": "q", "text": sentence, "context": sentence, "start": 0, "source": "text"}
    return {tag.issue_id: tag for tag in tag_quote(quote, signals)}


@pytest.mark.parametrize("signal, matches, misses", [
    ("aid", ["more aid for Kyiv", "AID is coming"], ["he said so", "an aide spoke", "aided by"]),
    ("troop*", ["troops", "a troop", "troopers"], ["the stroop test"]),
    ("boots on the ground", ["boots, on the ground", "Boots  on\nthe ground"], ["boots on the grounds"]),
    ("U.S.", ["the U.S. will"], ["U.S.A"]),
    ("forces NEAR U.S.|American", ["U.S. forces", "American ground forces", "forces from the U.S."],
     ["forces of the French army and the U.S."]),
])
def test_a_signal_matches_whole_words_phrases_prefixes_and_nearby_words(signal, matches, misses):
    compiled = [compile_signal("issue", signal)]
    for text in matches:
        assert "issue" in tags_of(text, compiled), (signal, text)
    for text in misses:
        assert "issue" not in tags_of(text, compiled), (signal, text)


@pytest.mark.parametrize("signal, message", [
    ("", "is empty"), ("troop**", "not a word"), ("forces NEAR", "NEAR needs a word"),
    ("a NEAR b NEAR c", "NEAR needs a word"), ("(troops)", "not a word"),
])
def test_a_signal_that_cannot_be_read_says_how_to_write_it(signal, message):
    with pytest.raises(SignalError, match=message):
        compile_signal("issue", signal)


@pytest.mark.parametrize("old, new, message", [
    ("signals: [aid,", "signals: [aid**,", "signal 'aid**' has 'aid**', which is not a word"),
    ("cues: [unlikely,", "cues: [(unlikely),", "cue '(unlikely)' has '(unlikely)', which is not a word"),
])
def test_a_bad_signal_or_cue_in_the_codebook_is_refused_with_its_line(tmp_path, old, new, message):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    path = seeds / "issues.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--seeds", str(seeds)])
    assert result.exit_code == 1
    assert "issues.yml:" in result.output and message in result.output


def test_every_signal_of_the_codebook_matches_a_seed_quote_or_an_example(db_path):
    db = sqlite_utils.Database(db_path)
    used = {signal for (signals,) in db.execute("SELECT signals FROM quote_issues") for signal in json.loads(signals)}
    issues = yaml.safe_load((SEEDS / "issues.yml").read_text(encoding="utf-8"))["issues"]
    for signal in signals_of(issues):
        if signal.text in used:
            continue
        assert signal.text in EXAMPLES, f"{signal.issue_id}: {signal.text!r} matches nothing: add an example"
        assert signal.issue_id in tags_of(EXAMPLES[signal.text], [signal]), signal.text


def test_each_tag_points_at_the_words_that_made_it(db_path):
    db = sqlite_utils.Database(db_path)
    texts = {row["id"]: row["text"] for row in db["articles"].rows}
    tags = list(db.execute("SELECT quote_issues.matched, quote_issues.offsets, quotes.article_id, quotes.issues, "
                           "quote_issues.issue_id FROM quote_issues JOIN quotes ON quotes.id = quote_issues.quote_id"))
    assert len(tags) >= 30
    located = 0
    for matched, offsets, article_id, issues, issue_id in tags:
        assert issue_id in json.loads(issues)
        for start, end in json.loads(offsets):
            assert texts[article_id][start:end] in json.loads(matched)
            located += 1
    assert located >= len(tags)


def test_the_tags_agreement_with_the_coded_stances_is_counted_as_described(db_path):
    """Independently of sql/evaluate/tag_agreement.sql: a stance overlapping a quote says it concerns the issue."""
    db = sqlite_utils.Database(db_path)
    gold = {(row["quote_id"], row["issue_id"]) for row in db["stances"].rows_where("quote_id IS NOT NULL")}
    coded_quotes = {quote_id for quote_id, _ in gold}
    tagged = {(row["quote_id"], row["issue_id"]) for row in db["quote_issues"].rows
              if row["quote_id"] in coded_quotes}
    figures = {row["issue"]: row for row in tag_agreement(db_path)}
    assert figures["all"]["coded"] == len(gold) and figures["all"]["tagged"] == len(tagged)
    assert figures["all"]["agreed"] == len(gold & tagged)
    assert figures["all"]["recall"] == round(len(gold & tagged) / len(gold), 3)
    for issue_id in {issue for _, issue in gold}:
        assert figures[issue_id]["coded"] == sum(1 for _, issue in gold if issue == issue_id)


@pytest.mark.asyncio
async def test_an_issues_quotes_are_listed_on_its_page_and_by_the_canned_query(datasette, db_path):
    db = sqlite_utils.Database(db_path)
    expected = db.execute("SELECT count(*) FROM quote_issues WHERE issue_id = 'us-troops-in-ukraine'").fetchone()[0]
    rows = await get_json(datasette, "/ukraine/quotes_by_issue.json?_shape=array&issue=troops")
    assert len(rows) == expected and {row["issue_id"] for row in rows} == {"us-troops-in-ukraine"}
    assert [row["said_on"] for row in rows] == sorted(row["said_on"] for row in rows)
    page = (await datasette.client.get("/ukraine/issues/us-troops-in-ukraine")).text
    assert f"Quotes on this issue ({expected})" in page
    first = db.execute("SELECT quote_id FROM quote_issues WHERE issue_id = 'us-troops-in-ukraine' "
                       "ORDER BY said_on, quote_id LIMIT 1").fetchone()[0]
    assert f'href="/ukraine/quotes/{first}"' in page
    facet = await get_json(datasette, "/ukraine/quotes.json?_facet_array=issues&_size=0")
    counts = {row["value"]: row["count"] for row in facet["facet_results"]["issues"]["results"]}
    assert counts["us-troops-in-ukraine"] == expected


def test_tags_are_measured_against_quotes_annotated_with_their_issues(db_path):
    """The development set's measure (evaluate --dev), checked on the seeds: gold quotes annotated with the
    issues of the stances that cover them give the same counts as the seeds' own measure."""
    db = sqlite_utils.Database(db_path)
    covered = {}
    for row in db["stances"].rows_where("quote_id IS NOT NULL"):
        covered.setdefault(row["quote_id"], set()).add(row["issue_id"])
    quotes = {row["id"]: row for row in db["quotes"].rows}
    gold = {}
    for quote_id, issues in covered.items():
        gold.setdefault(quotes[quote_id]["article_id"], []).append(
            {"text": quotes[quote_id]["text"], "issues": sorted(issues)})
    gold["000_eb369f11afb13555"].append({"text": "words no article has, so no quote matches",
                                         "issues": ["pre-2014-borders"]})
    gold["000_eb369f11afb13555"].append({"text": "not annotated", "issues": None})
    annotated, figures = tag_agreement_gold(db_path, gold)
    assert annotated == len(covered) + 1
    seeds = {row["issue"]: row for row in tag_agreement(db_path)}
    mine = {row["issue"]: row for row in figures}
    assert mine["all"]["agreed"] == seeds["all"]["agreed"]
    assert mine["all"]["coded"] == seeds["all"]["coded"] + 1     # the quote no article has: coded, not found
    assert mine["all"]["tagged"] == seeds["all"]["tagged"]
    assert mine["pre-2014-borders"]["coded"] == seeds["pre-2014-borders"]["coded"] + 1
