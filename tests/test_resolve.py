"""The archive-wide resolve step, and the words that name each quote's speaker.

The articles here are written for the tests; the names are invented.
"""

import hashlib
import shutil

import sqlite_utils

from conftest import SEEDS
from test_cli import run
from whosaid.resolve import ArchiveNames

INTRODUCES = ("Foreign Ministry spokeswoman Ilse Varnhagen spoke to reporters on Monday.\n\n"
              "“We see no reason to talk,” Varnhagen said.\n")
SURNAME_ONLY = ("The ministry kept up its criticism.\n\n"
                "“Nothing has changed,” Varnhagen said. “We stand firm,” she added.\n")
TWO_OF_A_NAME = ("“It is over,” Greer said.\n")
GREER_ONE = "Senator Alan Greer met the delegation.\n\n“We listened,” Greer said.\n"
GREER_TWO = "Mayor Moira Greer opened the fair.\n\n“Welcome,” Greer said.\n"


def seeds_with(tmp_path, texts):
    """The fixture seeds plus our own articles; the folder."""
    seeds = shutil.copytree(SEEDS, tmp_path / "seeds")
    with (seeds / "articles.yml").open("a", encoding="utf-8") as manifest:
        for n, (stem, text) in enumerate(texts.items()):
            (seeds / "articles" / f"{stem}.txt").write_text(text, encoding="utf-8")
            manifest.write(f"{stem}:\n  outlet: Test Wire\n  headline: Test article {n}\n  published: 2025-03-0{n + 1}\n"
                           f"  url: null\n  sha256: {hashlib.sha256(text.encode()).hexdigest()}\n")
    return seeds


def build_with(tmp_path, texts):
    """The fixture seeds plus our own articles, built; the database."""
    seeds = seeds_with(tmp_path, texts)
    db_path = tmp_path / "ukraine.db"
    result = run("build", "--seeds", seeds, "--db", db_path, "--workers", 1)
    assert result.exit_code == 0, result.output
    return sqlite_utils.Database(db_path)


def quotes_of(db, article_id):
    return [(row["text"], row["speaker_id"], row["attribution"]) for row in
            db.query("select * from quotes where article_id = ? order by id", [article_id])]


def test_a_surname_the_article_never_introduced_is_the_person_another_article_introduced(tmp_path):
    # The article that uses the lone surname comes first: the step does not depend on the order.
    db = build_with(tmp_path, {"900_surname_only": SURNAME_ONLY, "901_introduces": INTRODUCES})
    assert quotes_of(db, "900_surname_only") == [
        ("Nothing has changed,", "ilse-varnhagen", "archive_surname"),
        ("We stand firm,", "ilse-varnhagen", "archive_surname"),
    ]
    assert quotes_of(db, "901_introduces") == [("We see no reason to talk,", "ilse-varnhagen",
                                                "quote_then_speaker")]
    person = db["people"].get("ilse-varnhagen")
    assert person["registered"] == 0 and "900_surname_only" in person["note"]
    # One people row, and the speakers table counts both articles.
    assert next(db.query("select articles from speakers where person_id = ?", ["ilse-varnhagen"]))["articles"] == 2


def test_a_surname_two_people_of_the_archive_share_names_neither(tmp_path):
    db = build_with(tmp_path, {"900_alone": TWO_OF_A_NAME, "901_alan": GREER_ONE, "902_moira": GREER_TWO})
    assert quotes_of(db, "900_alone") == [("It is over,", None, "unresolved")]
    assert quotes_of(db, "901_alan")[0][1] == "alan-greer"
    assert quotes_of(db, "902_moira")[0][1] == "moira-greer"


def test_speaker_words_are_the_words_that_named_the_speaker(tmp_path):
    db = build_with(tmp_path, {"900_surname_only": SURNAME_ONLY, "901_introduces": INTRODUCES})
    rows = list(db.query(
        "select q.attribution, substr(a.text, q.speaker_start + 1, q.speaker_end - q.speaker_start) as words "
        "from quotes q join articles a on a.id = q.article_id where q.article_id like '90%' order by q.id"))
    assert [(row["attribution"], row["words"]) for row in rows] == [
        ("archive_surname", "Varnhagen"), ("archive_surname", "she"), ("quote_then_speaker", "Varnhagen")]


def test_no_words_name_the_speaker_of_a_continuation(db_path):
    db = sqlite_utils.Database(db_path)
    continuations = list(db.query("select speaker_start, speaker_end from quotes where attribution = 'continuation'"))
    assert continuations and all(row["speaker_start"] is None and row["speaker_end"] is None
                                 for row in continuations)
    # Every other resolved quote of the seeds says which words named its speaker, and they lie in its text.
    named = list(db.query(
        "select q.source, q.speaker_start, q.speaker_end, length(case q.source when 'text' then a.text "
        "else a.headline end) as size from quotes q join articles a on a.id = q.article_id "
        "where q.speaker_id is not null and q.attribution not in ('continuation', 'nested_outer')"))
    assert named and all(row["speaker_start"] is not None and 0 <= row["speaker_start"] < row["speaker_end"]
                         <= row["size"] for row in named)


def test_the_reduction_is_keyed_by_surname_and_needs_one_person():
    archive = ArchiveNames()
    archive.add({"id": "a", "new_people": [], "quotes": [], "introduced": [
        {"id": "ilse-varnhagen", "name": "Ilse Varnhagen", "kind": "person", "role": "Foreign Ministry spokeswoman"}]})
    archive.add({"id": "b", "new_people": [], "quotes": [
        {"id": "b-q001", "speaker_id": None, "pending_name": "Varnhagen", "text": "No.", "kind": "direct"},
        {"id": "b-q002", "speaker_id": None, "pending_name": "Okafor", "text": "Yes.", "kind": "direct"}]})
    assert [(found.quote_id, found.person_id) for found in archive.resolutions()] == [("b-q001", "ilse-varnhagen")]


def test_a_person_introduced_but_silent_in_one_article_speaks_in_another(tmp_path):
    silent = "Foreign Ministry spokeswoman Ilse Varnhagen was not at the briefing on Monday.\n"
    db = build_with(tmp_path, {"900_surname_only": SURNAME_ONLY, "901_silent": silent})
    assert quotes_of(db, "900_surname_only")[0][1:] == ("ilse-varnhagen", "archive_surname")
    person = db["people"].get("ilse-varnhagen")
    assert (person["role"], person["registered"]) == ("Foreign Ministry spokeswoman", 0)


def test_only_speakers_become_people_rows(tmp_path):
    # "Brandon Hill" is the subject of a sentence, and says nothing: no people row.
    text = ("Brandon Hill and Kingsdown will have parking limits.\n\n"
            "Councillor Mara Quell said the plan was “fair”.\n")
    db = build_with(tmp_path, {"900_places": text})
    unregistered = {row["id"] for row in db.query("select id from people where registered = 0")}
    assert unregistered == {"mara-quell"}


def test_a_registered_surname_is_never_given_by_the_archive(tmp_path):
    # "Harris" is a registered person's surname: a lone "Harris" elsewhere is not Senator Tom Harris's.
    lone = "“We will win,” Harris said.\n"
    tom = "Senator Tom Harris met the delegation.\n\n“We listened,” Harris said.\n"
    db = build_with(tmp_path, {"900_lone": lone, "901_tom": tom})
    assert quotes_of(db, "900_lone") == [("We will win,", None, "unresolved")]
    assert quotes_of(db, "901_tom")[0][1] == "tom-harris"


def test_an_extractor_failure_on_one_article_is_a_warning_not_a_failed_build(tmp_path, monkeypatch):
    # A real article once crashed the extractor, and with it the build of every other article.
    import whosaid.prepare

    real = whosaid.prepare.extract_quotes

    def failing_on_one(article, registry):
        if article["id"] == "900_introduces":
            raise ValueError("an odd sentence")
        return real(article, registry)

    monkeypatch.setattr(whosaid.prepare, "extract_quotes", failing_on_one)
    seeds = seeds_with(tmp_path, {"900_introduces": INTRODUCES})
    db_path = tmp_path / "ukraine.db"
    result = run("build", "--seeds", seeds, "--db", db_path, "--workers", 1, "--no-cache")
    assert result.exit_code == 0, result.output
    assert "900_introduces" in result.output and "the extractor failed on this article (ValueError" in result.output
    db = sqlite_utils.Database(db_path)
    assert db["articles"].get("900_introduces")["id"] == "900_introduces"
    assert quotes_of(db, "900_introduces") == []
    assert db["quotes"].count > 0  # the other articles kept theirs
