"""The quotes in the built database: exact offsets, measured against gold, served by Datasette."""

import shutil

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner

from build_db import cli
from conftest import ROOT, SEEDS
from test_database import get_json
from whosaid.build import build
from whosaid.evaluate import evaluate, read_gold

GOLD = ROOT / "tests" / "gold" / "seeds.yml"
OWN_ARTICLES = ROOT / "tests" / "articles"
# The targets the issue sets, for the seeds and for articles the rules were not written for.
TARGETS = {"recall": 0.98, "speaker_accuracy": 0.97, "said_on_accuracy": 0.9}


def copy_own_seeds(seeds):
    """A seeds folder of the three test articles, with the real registry and codebook."""
    shutil.copytree(OWN_ARTICLES / "articles", seeds / "articles")
    shutil.copy(OWN_ARTICLES / "articles.yml", seeds / "articles.yml")
    for name in ("people.yml", "issues.yml"):
        shutil.copy(SEEDS / name, seeds / name)
    return seeds


@pytest.fixture(scope="session")
def own_articles_db(tmp_path_factory):
    seeds = copy_own_seeds(tmp_path_factory.mktemp("own_seeds"))
    path = tmp_path_factory.mktemp("own_build") / "own.db"
    return build(seeds, path), path


@pytest.mark.parametrize("which", ["seeds", "own articles"])
def test_extraction_meets_its_targets(which, db_path, own_articles_db):
    path, gold = (db_path, GOLD) if which == "seeds" else (own_articles_db[1], OWN_ARTICLES / "gold.yml")
    report = evaluate(path, gold)
    for measure, target in TARGETS.items():
        assert report[measure] >= target, (measure, report)
    assert report["speaker_wrong"] == 0, report["wrong_speaker"]
    assert report["precision"] >= 0.95, report["spurious"]
    if which == "seeds":
        # The seeds stay perfect: a rule learned elsewhere must not cost them a speaker or a day.
        assert report["speaker_accuracy"] == 1.0 and report["said_on_accuracy"] == 1.0, report["wrong_date"]


def test_gold_files_quote_the_articles_exactly(db_path, own_articles_db):
    for path, gold_path in ((db_path, GOLD), (own_articles_db[1], OWN_ARTICLES / "gold.yml")):
        articles = {row["id"]: row for row in sqlite_utils.Database(path)["articles"].rows}
        for article_id, entries in read_gold(gold_path).items():
            for entry in entries:
                field = "headline" if entry.get("in_headline") else "text"
                assert entry["text"] in articles[article_id][field], (article_id, entry["text"])


@pytest.mark.asyncio
async def test_every_quote_points_at_its_words(datasette):
    articles = {row["id"]: row for row in await get_json(datasette, "/ukraine/articles.json?_shape=array&_size=max")}
    paragraphs = {row["id"]: row
                  for row in await get_json(datasette, "/ukraine/paragraphs.json?_shape=array&_size=max")}
    quotes = await get_json(datasette, "/ukraine/quotes.json?_shape=array&_size=max")
    by_id = {quote["id"]: quote for quote in quotes}
    assert quotes
    for quote in quotes:
        article = articles[quote["article_id"]]
        field = article["headline"] if quote["source"] == "headline" else article["text"]
        assert field[quote["start"]:quote["end"]] == quote["text"], quote["id"]
        if quote["source"] == "text":
            paragraph = paragraphs[quote["paragraph_id"]]
            assert paragraph["start"] <= quote["start"] < quote["end"] <= paragraph["end"], quote["id"]
            assert quote["text"] in quote["context"] and quote["context"] in paragraph["text"], quote["id"]
        if quote["nested_in"]:
            outer = by_id[quote["nested_in"]]
            assert outer["start"] <= quote["start"] and quote["end"] <= outer["end"] and quote["kind"] == "nested"
        assert (quote["speaker_id"] is None) == (quote["attribution"] == "unresolved"), quote["id"]
        assert quote["said_on"] <= article["published"], quote["id"]
        assert (quote["said_on_precision"] == "published") == (quote["said_on_basis"] is None), quote["id"]


@pytest.mark.asyncio
async def test_quotes_link_to_their_speaker_and_article(datasette):
    rows = (await datasette.client.get("/ukraine/quotes.json?_shape=array&_labels=on&speaker_id=jd-vance")).json()
    assert rows and all(row["speaker_id"] == {"value": "jd-vance", "label": "JD Vance"} for row in rows)
    assert all(row["article_id"]["label"] for row in rows)
    # Datasette 0.65 links foreign keys on table pages, not row pages (simonw/datasette#1592).
    page = await datasette.client.get(f"/ukraine/quotes?id={rows[0]['id']}")
    assert page.status_code == 200
    assert 'href="/ukraine/people/jd-vance"' in page.text
    assert f'href="/ukraine/articles/{rows[0]["article_id"]["value"]}"' in page.text


@pytest.mark.asyncio
async def test_the_same_words_from_several_outlets_are_one_utterance(datasette):
    rows = await get_json(datasette, "/ukraine/utterances_across_outlets.json?_shape=array&_size=max")
    vance = [row for row in rows if row["speaker"] == "JD Vance" and "military tools of leverage" in row["wording"]]
    assert len({row["utterance_id"] for row in vance}) == 1
    assert {row["outlet"] for row in vance} == {"Fox News", "Mediaite", "The Daily Beast"}
    assert len({row["wording"] for row in vance}) == 3  # three different cuts, side by side
    for utterance_id in {row["utterance_id"] for row in rows}:
        utterance = await get_json(datasette, f"/ukraine/utterances/{utterance_id}.json?_shape=array")
        assert utterance[0]["outlets"] >= 2 and utterance[0]["quotes"] >= 2


@pytest.mark.asyncio
async def test_quotes_can_be_searched_faceted_and_asked_for_by_person(datasette):
    found = await get_json(datasette, "/ukraine/quotes.json?_shape=array&_search=leverage")
    assert found and all("leverage" in row["text"].lower() or "leverage" in row["context"].lower() for row in found)
    page = (await datasette.client.get("/ukraine/quotes_with_sources.json?_facet=speaker&_facet=outlet&_facet=kind"
                                       )).json()
    facets = page["facet_results"]
    assert {"speaker", "outlet", "kind"} <= set(facets)
    assert "Pete Hegseth" in {value["value"] for value in facets["speaker"]["results"]}
    by_person = await get_json(datasette, "/ukraine/quotes_by_person.json?_shape=array&person=pete-hegseth")
    assert by_person and {row["speaker"] for row in by_person} == {"Pete Hegseth"}
    assert [row["said_on"] for row in by_person] == sorted(row["said_on"] for row in by_person)
    by_name = await get_json(datasette, "/ukraine/quotes_by_person.json?_shape=array&person=Hegseth")
    assert len(by_name) == len(by_person)
    assert await get_json(datasette, "/ukraine/quotes_by_person.json?_shape=array&person=") == []


def test_unregistered_speakers_get_rows_of_their_own_and_are_listed(own_articles_db):
    prepared, path = own_articles_db
    db = sqlite_utils.Database(path)
    unregistered = {row["id"]: row for row in db["people"].rows_where("registered = 0")}
    gold = read_gold(OWN_ARTICLES / "gold.yml")
    expected = {entry["speaker"] for entries in gold.values() for entry in entries if entry.get("registered") is False}
    assert set(unregistered) == expected
    assert "Pål Jonson" == unregistered["pal-jonson"]["name"]
    assert "people.yml" in unregistered["pal-jonson"]["note"]
    registered = yaml.safe_load((SEEDS / "people.yml").read_text(encoding="utf-8"))
    assert not set(unregistered) & set(registered)
    quoted = {row["speaker_id"] for row in db.query("select distinct speaker_id from quotes")}
    assert expected <= quoted


def test_the_build_lists_unregistered_speakers_and_evaluate_reports(tmp_path):
    seeds = copy_own_seeds(tmp_path / "seeds")
    result = CliRunner().invoke(cli, ["build", "--seeds", str(seeds), "--db", str(tmp_path / "own.db")])
    assert result.exit_code == 0, result.output
    assert "not in people.yml" in result.output and "pal-jonson: Pål Jonson" in result.output
    result = CliRunner().invoke(cli, ["evaluate", "--db", str(tmp_path / "own.db"),
                                      "--gold", str(OWN_ARTICLES / "gold.yml")])
    assert result.exit_code == 0, result.output
    for measure in ("quote recall", "quote precision", "speaker accuracy", "unresolved share", "said_on accuracy"):
        assert measure in result.output


def test_evaluation_notices_a_wrong_speaker(db_path, tmp_path):
    broken = tmp_path / "broken.db"
    shutil.copy(db_path, broken)
    db = sqlite_utils.Database(broken)
    db.execute("update quotes set speaker_id = 'donald-trump' where speaker_id = 'jd-vance'")
    db.conn.commit()
    report = evaluate(broken, GOLD)
    assert report["speaker_wrong"] > 0 and report["speaker_accuracy"] < TARGETS["speaker_accuracy"]
