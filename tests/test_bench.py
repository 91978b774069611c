"""The benchmark's tools work; their timings are never asserted here."""

import filecmp

import sqlite_utils

from conftest import ROOT, SEEDS
from whosaid.bench.run import format_phases, format_scale, percentile, scale_run
from whosaid.build import build
from whosaid.prepare import PARALLEL_FROM
from whosaid.bench.corpus import write_corpus
from whosaid.utterances import candidate_pairs, normalise, same_utterance


def test_the_synthetic_corpus_is_deterministic_and_builds(tmp_path):
    first = write_corpus(SEEDS, tmp_path / "first", 12)
    second = write_corpus(SEEDS, tmp_path / "second", 12)
    comparison = filecmp.dircmp(first / "articles", second / "articles")
    assert len(comparison.same_files) == 12 and not comparison.diff_files
    assert (first / "articles.yml").read_bytes() == (second / "articles.yml").read_bytes()
    assert (first / "stances.yml").read_bytes() == (second / "stances.yml").read_bytes()
    db_path = tmp_path / "corpus.db"
    build(first, db_path)
    db = sqlite_utils.Database(db_path)
    assert db["articles"].count == 12 and db["quotes"].count > 12 and db["stances"].count > 0


def test_the_utterance_index_finds_every_pair_the_full_comparison_finds(db_path):
    db = sqlite_utils.Database(db_path)
    quotes = list(db.query("select text, speaker_id from quotes where speaker_id is not null and kind != 'nested'"))
    words = [normalise(quote["text"]) for quote in quotes]
    for speaker in {quote["speaker_id"] for quote in quotes}:
        members = [i for i, quote in enumerate(quotes) if quote["speaker_id"] == speaker]
        group = {i: {i} for i in members}
        for i, j in candidate_pairs(members, words):
            if same_utterance(words[i], words[j]) and group[i] is not group[j]:
                merged = group[i] | group[j]
                for k in merged:
                    group[k] = merged
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                if same_utterance(words[i], words[j]):
                    assert j in group[i], (quotes[i]["text"], quotes[j]["text"])


def test_percentiles():
    values = sorted(range(1, 101))
    assert percentile(values, 50) == 50.5 and percentile(values, 100) == 100 and percentile([], 50) == 0.0


def test_building_across_processes_gives_the_same_database(tmp_path):
    corpus = write_corpus(SEEDS, tmp_path / "corpus", 70)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    build(corpus, one, workers=1)
    build(corpus, two, workers=2)
    assert list(sqlite_utils.Database(one).iterdump()) == list(sqlite_utils.Database(two).iterdump())


def test_quotes_that_are_one_utterance_share_an_utterance_row(tmp_path):
    corpus = write_corpus(SEEDS, tmp_path / "corpus", 40)
    build(corpus, tmp_path / "corpus.db")
    db = sqlite_utils.Database(tmp_path / "corpus.db")
    quotes = list(db.query("select id, text, speaker_id, utterance_id from quotes "
                           "where speaker_id is not null and kind != 'nested'"))
    assert all(quote["utterance_id"] for quote in quotes)
    words = [normalise(quote["text"]) for quote in quotes]
    for i, quote in enumerate(quotes):
        for j in range(i + 1, len(quotes)):
            if quote["speaker_id"] == quotes[j]["speaker_id"] and same_utterance(words[i], words[j]):
                assert quote["utterance_id"] == quotes[j]["utterance_id"], (quote["text"], quotes[j]["text"])
    counted = db.execute("select sum(quotes) from utterances").fetchone()[0]
    assert counted == len(quotes)
    assert db.execute("select count(*) from utterances u where u.id != 'u-' || (select min(id) from quotes q "
                      "where q.utterance_id = u.id)").fetchone()[0] == 0


def test_a_scale_run_measures_the_build_its_floor_its_phases_and_a_rebuild(tmp_path):
    row = scale_run(SEEDS, ROOT / "build_db.py", PARALLEL_FROM, tmp_path, workers=2)
    assert row["articles"] == PARALLEL_FROM and row["quotes"] > PARALLEL_FROM
    # Summed resident memory counts shared pages in every process; proportional memory divides them.
    assert row["peak_rss_mb"] >= row["peak_pss_mb"] > 0 and row["largest_process_mb"] > 0
    phases = {phase["phase"] for phase in row["phases"]}
    assert {"read seeds", "wait for workers", "write rows", "materialise contradictions", "analyze"} <= phases
    assert row["rebuild_one_added_seconds"] > 0 and row["floor_seconds"] > 0
    assert "zz-added-article" in {article_id for article_id, in
                                  sqlite_utils.Database(row["db_path"]).execute("select id from articles")}
    assert "materialise contradictions" in format_phases(row) and f"{PARALLEL_FROM:>9,}" in format_scale([row])
