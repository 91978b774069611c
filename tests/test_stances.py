"""Curated stances: verified against the text, and the views and queries built on them."""

import datetime
import random
import shutil

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner

from build_db import cli
from conftest import ROOT, SEEDS
from test_database import get_json

STANCES = yaml.safe_load((SEEDS / "stances.yml").read_text(encoding="utf-8"))
CODEBOOK = yaml.safe_load((SEEDS / "issues.yml").read_text(encoding="utf-8"))


def test_every_stance_is_built_with_its_evidence_in_place(db_path):
    db = sqlite_utils.Database(db_path)
    texts = {row["id"]: row["text"] for row in db["articles"].rows}
    quotes = {row["id"]: row for row in db["quotes"].rows}
    rows = {row["id"]: row for row in db["stances"].rows}
    assert set(rows) == set(STANCES)
    for stance_id, row in rows.items():
        entry = STANCES[stance_id]
        assert texts[row["article_id"]][row["start"]:row["end"]] == entry["evidence"] == row["evidence"]
        assert (row["person_id"], row["issue_id"], row["position"]) == (entry["person"], entry["issue"],
                                                                         entry["position"])
        assert row["score"] == CODEBOOK["positions"][entry["position"]]["score"]
        if entry.get("said_on"):
            assert row["said_on"] == str(entry["said_on"])
        if row["quote_id"]:
            quote = quotes[row["quote_id"]]
            assert quote["start"] < row["end"] and row["start"] < quote["end"], stance_id


def test_the_coding_covers_every_issue_and_the_european_officials(db_path):
    db = sqlite_utils.Database(db_path)
    coded = {row["issue_id"] for row in db["stances"].rows}
    assert coded == set(CODEBOOK["issues"])
    people = {row["person_id"] for row in db["stances"].rows}
    assert {"kaja-kallas", "boris-pistorius", "dovile-sakaliene", "volodymyr-zelensky"} <= people


@pytest.mark.asyncio
async def test_reversals_show_hegseth_and_trump_on_us_troops(datasette):
    rows = await get_json(datasette, "/ukraine/reversals.json?_shape=array&_size=max")
    found = {(row["person_id"], row["issue_id"], row["from_date"], row["to_date"]): row for row in rows}
    hegseth = found[("pete-hegseth", "us-troops-in-ukraine", "2025-02-12", "2025-02-13")]
    trump = found[("donald-trump", "us-troops-in-ukraine", "2025-08-18", "2025-08-19")]
    for row in (hegseth, trump):
        assert row["change"] == row["to_score"] - row["from_score"] != 0
        assert row["rating"] == ("half flip" if abs(row["change"]) == 1 else "full flop")
    # Hegseth ruled troops out on the 12th and opened the door on the 13th: his position softened.
    assert hegseth["direction"] == "softened" and hegseth["to_score"] > hegseth["from_score"]
    assert all(row["direction"] == ("hardened" if row["change"] < 0 else "softened") for row in rows)
    assert {row["direction"] for row in rows} == {"hardened", "softened"}


@pytest.mark.asyncio
async def test_contradictions_show_vance_against_hegseth_on_us_troops(datasette):
    rows = await get_json(datasette, "/ukraine/contradictions.json?_shape=array&_size=max")
    pairs = {(row["issue_id"], row["person"], row["other_person"], row["person_said_on"], row["other_said_on"])
             for row in rows}
    assert ("us-troops-in-ukraine", "JD Vance", "Pete Hegseth", "2025-02-13", "2025-02-12") in pairs
    assert all(row["score_gap"] >= 2 and row["days_apart"] <= 7 and row["affiliation"] for row in rows)


@pytest.mark.asyncio
async def test_latest_positions_has_a_column_for_every_issue(datasette, db_path):
    rows = await get_json(datasette, "/ukraine/latest_positions.json?_shape=array&_size=max")
    assert set(CODEBOOK["issues"]) <= set(rows[0])
    hegseth = next(row for row in rows if row["person_id"] == "pete-hegseth")
    db = sqlite_utils.Database(db_path)
    rows = list(db.query("select position, score, said_on from stances where person_id = 'pete-hegseth' and "
                         "issue_id = 'us-troops-in-ukraine'"))
    last_day = max(row["said_on"] for row in rows)
    positions = sorted({(row["score"], row["position"]) for row in rows if row["said_on"] == last_day})
    assert hegseth["us-troops-in-ukraine"] == f"{' / '.join(p for _, p in positions)} ({last_day})"


@pytest.mark.asyncio
async def test_speakers_count_quotes_issues_and_reversals(datasette, db_path):
    rows = {row["person_id"]: row for row in await get_json(datasette, "/ukraine/speakers.json?_shape=array&_size=max")}
    db = sqlite_utils.Database(db_path)
    for person_id, row in rows.items():
        assert row["quotes"] == db["quotes"].count_where("speaker_id = ?", [person_id])
        assert row["stances"] == db["stances"].count_where("person_id = ?", [person_id])
    assert rows["pete-hegseth"]["reversals"] >= 1


@pytest.mark.asyncio
@pytest.mark.parametrize("path, expect_rows", [
    ("/ukraine/person_timeline.json?_shape=array&person=pete-hegseth", True),
    ("/ukraine/person_timeline.json?_shape=array&person=Hegseth", True),
    ("/ukraine/issue_positions.json?_shape=array&issue=us-troops-in-ukraine", True),
    ("/ukraine/search_quotes.json?_shape=array&q=troops", True),
    ("/ukraine/said_between.json?_shape=array&from=2025-02-12&to=2025-02-14", True),
    ("/ukraine/compare_people.json?_shape=array&a=jd-vance&b=pete-hegseth", True),
    ("/ukraine/quotes_per_outlet.json?_shape=array", True),
    # Missing or odd parameters: an empty answer, never an error page.
    ("/ukraine/person_timeline.json?_shape=array&person=", False),
    ("/ukraine/issue_positions.json?_shape=array", False),
    ("/ukraine/search_quotes.json?_shape=array&q=", False),
    ("/ukraine/search_quotes.json?_shape=array&q=%22unbalanced", False),
    ("/ukraine/search_quotes.json?_shape=array&q=NEAR(%20AND", False),
    ("/ukraine/search_quotes.json?_shape=array&q=%20%20", False),
    ("/ukraine/search_quotes.json?_shape=array&q=%22%22", False),
    ("/ukraine/person_timeline.json?_shape=array&person=%20", False),
    ("/ukraine/person_timeline.json?_shape=array&person=%25", False),
    ("/ukraine/quotes_by_person.json?_shape=array&person=_", False),
    ("/ukraine/compare_people.json?_shape=array&a=Trump&b=Trump", False),
    ("/ukraine/said_between.json?_shape=array&from=yesterday&to=2025-02-14", False),
    ("/ukraine/said_between.json?_shape=array&from=2025-02-12", False),
    ("/ukraine/compare_people.json?_shape=array&a=jd-vance&b=", False),
    ("/ukraine/compare_people.json?_shape=array&a=nobody-at-all&b=pete-hegseth", False),
])
async def test_canned_queries_answer_and_odd_parameters_give_nothing(datasette, path, expect_rows):
    rows = await get_json(datasette, path)
    assert bool(rows) == expect_rows, path


@pytest.mark.asyncio
async def test_issue_positions_and_person_timeline_agree_with_the_stances(datasette, db_path):
    db = sqlite_utils.Database(db_path)
    rows = await get_json(datasette, "/ukraine/issue_positions.json?_shape=array&issue=us-troops-in-ukraine")
    assert len(rows) == db["stances"].count_where("issue_id = 'us-troops-in-ukraine'")
    assert [row["said_on"] for row in rows] == sorted(row["said_on"] for row in rows)
    compared = await get_json(datasette, "/ukraine/compare_people.json?_shape=array&a=jd-vance&b=pete-hegseth")
    vance_issues = {row["issue_id"] for row in db["stances"].rows_where("person_id = 'jd-vance'")}
    hegseth_issues = {row["issue_id"] for row in db["stances"].rows_where("person_id = 'pete-hegseth'")}
    assert len([row for row in compared if row["compared"] == "latest"]) == len(vance_issues & hegseth_issues)


def edited_seeds(tmp_path, change):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    stances_path = seeds / "stances.yml"
    stances_path.write_text(change(stances_path.read_text(encoding="utf-8")), encoding="utf-8")
    return seeds


def first_entry_with(field_value):
    return next(stance_id for stance_id, entry in STANCES.items() if field_value(entry))


@pytest.mark.parametrize("change, expected", [
    (lambda text: text.replace("person: pete-hegseth", "person: pete-hegsett", 1),
     ["person 'pete-hegsett' is not in people.yml", "did you mean 'pete-hegseth'?"]),
    (lambda text: text.replace("issue: us-troops-in-ukraine", "issue: us-troops", 1),
     ["issue 'us-troops' is not in issues.yml", "did you mean 'us-troops-in-ukraine'?"]),
    (lambda text: text.replace("position: rules_out", "position: ruled_out", 1),
     ["position 'ruled_out' is not in issues.yml", "did you mean 'rules_out'?"]),
    (lambda text: text.replace("article: 004_2e21b0443b55ba82", "article: 004_2e21b0443b55ba8", 1),
     ["article '004_2e21b0443b55ba8' is not in articles.yml", "did you mean '004_2e21b0443b55ba82'?"]),
    (lambda text: text.replace("  person:", "  persn:", 1), ["unknown key 'persn'", "did you mean 'person'?"]),
])
def test_a_stance_naming_something_unknown_is_refused_with_a_suggestion(tmp_path, change, expected):
    seeds = edited_seeds(tmp_path, change)
    result = CliRunner().invoke(cli, ["check", "--seeds", str(seeds)])
    assert result.exit_code == 1
    for words in expected:
        assert words in result.output, result.output
    assert "seeds/stances.yml:" in result.output or "stances.yml:" in result.output


def test_evidence_not_in_the_article_is_refused_with_the_nearest_passage(tmp_path):
    stance_id = first_entry_with(lambda entry: len(entry["evidence"]) > 30)
    evidence = STANCES[stance_id]["evidence"]
    mangled = evidence[:10] + evidence[10:].replace("e", "3", 2)
    seeds = edited_seeds(tmp_path, lambda text: text.replace(evidence, mangled, 1))
    db = tmp_path / "ukraine.db"
    db.write_bytes(b"the previous database")
    result = CliRunner().invoke(cli, ["build", "--seeds", str(seeds), "--db", str(db)])
    assert result.exit_code == 1
    assert f"[{stance_id}]: the evidence does not occur in" in result.output
    assert "nearest passage is “" in result.output and evidence[:20] in result.output
    assert db.read_bytes() == b"the previous database"


def test_evidence_found_several_times_needs_an_occurrence(tmp_path):
    stance_id = first_entry_with(lambda entry: entry["article"] == "002_3055c024dfb4192d")
    original = (SEEDS / "stances.yml").read_text(encoding="utf-8")
    evidence_line = next(line for line in original.splitlines()
                         if line.startswith("  evidence:") and STANCES[stance_id]["evidence"][:30] in line)
    seeds = edited_seeds(tmp_path, lambda text: text.replace(evidence_line, '  evidence: "he said."', 1))
    result = CliRunner().invoke(cli, ["check", "--seeds", str(seeds)])
    assert result.exit_code == 1
    assert f"[{stance_id}]: the evidence occurs" in result.output and "add 'occurrence: N'" in result.output
    entry_text = (seeds / "stances.yml").read_text(encoding="utf-8")
    fixed = entry_text.replace('  evidence: "he said."', '  evidence: "he said."\n  occurrence: 2', 1)
    (seeds / "stances.yml").write_text(fixed, encoding="utf-8")
    assert CliRunner().invoke(cli, ["check", "--seeds", str(seeds)]).exit_code == 0


def test_a_said_on_after_publication_is_refused(tmp_path):
    stance_id = first_entry_with(lambda entry: entry.get("said_on") and entry["article"] == "004_2e21b0443b55ba82")
    said_on = str(STANCES[stance_id]["said_on"])
    seeds = edited_seeds(tmp_path, lambda text: text.replace(f"said_on: {said_on}", "said_on: 2025-03-01", 1))
    result = CliRunner().invoke(cli, ["check", "--seeds", str(seeds)])
    assert result.exit_code == 1
    assert "is after the article's publication (2025-02-13)" in result.output


def test_stance_errors_are_reported_with_the_other_inputs_errors(tmp_path):
    seeds = edited_seeds(tmp_path, lambda text: text.replace("position: rules_out", "position: ruled_out", 1))
    people = seeds / "people.yml"
    people.write_text(people.read_text(encoding="utf-8").replace("\n  kind: person\n", "\n  knd: person\n", 1),
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--seeds", str(seeds)])
    assert result.exit_code == 1
    assert "unknown key 'knd'" in result.output and "position 'ruled_out' is not in issues.yml" in result.output


def test_contradictions_show_the_evidence_of_the_stances_they_name(db_path):
    db = sqlite_utils.Database(db_path)
    for row in db.query("select * from contradictions"):
        assert db["stances"].get(row["stance_id"])["evidence"] == row["person_evidence"]
        assert db["stances"].get(row["other_stance_id"])["evidence"] == row["other_evidence"]


def test_contradictions_are_what_their_description_says_on_many_random_stances(db_path, tmp_path):
    # The view pairs statements by day for speed; this reads its definition plainly, pair by pair.
    shutil.copy(db_path, tmp_path / "random.db")
    db = sqlite_utils.Database(tmp_path / "random.db")
    template = next(db["stances"].rows)
    people = [row["id"] for row in db.query("select id from people where affiliation is not null")][:6]
    scores = dict(db.execute("select position, min(score) from stances group by position").fetchall())
    articles = [row["id"] for row in db["articles"].rows]
    pick = random.Random(2025)
    db["stances"].insert_all({
        **template, "id": f"random-{n:04d}", "person_id": pick.choice(people), "article_id": pick.choice(articles),
        "issue_id": pick.choice(["us-troops-in-ukraine", "ukraine-nato-membership"]),
        "position": (position := pick.choice(sorted(scores))), "score": scores[position],
        "said_on": str(datetime.date(2025, 2, 20) + datetime.timedelta(days=pick.randint(-20, 20))),
        "said_on_precision": pick.choice(["day"] * 9 + ["month"])} for n in range(800))
    affiliation = {row["id"]: row["affiliation"] for row in db["people"].rows}
    dated = [row for row in db["stances"].rows if row["said_on_precision"] == "day" and affiliation[row["person_id"]]]
    expected = {}
    for first in dated:
        for second in dated:
            if (first["issue_id"] == second["issue_id"] and first["person_id"] < second["person_id"]
                    and affiliation[first["person_id"]] == affiliation[second["person_id"]]
                    and abs(first["score"] - second["score"]) >= 2
                    and abs((datetime.date.fromisoformat(first["said_on"])
                             - datetime.date.fromisoformat(second["said_on"])).days) <= 7):
                key = tuple(first[k] for k in ("issue_id", "person_id", "said_on", "position")) + \
                    tuple(second[k] for k in ("person_id", "said_on", "position"))
                ids, reports, other_reports = expected.get(key, ((first["id"], second["id"]), set(), set()))
                expected[key] = (min(ids, (first["id"], second["id"])), reports | {first["article_id"]},
                                 other_reports | {second["article_id"]})
    assert len(expected) > 50
    name = {row["id"]: row["name"] for row in db["people"].rows}
    columns = ("issue_id", "person", "person_said_on", "person_position", "other_person", "other_said_on",
               "other_position", "stance_id", "other_stance_id", "person_reports", "other_reports")
    sql = (ROOT / "sql" / "contradictions.sql").read_text(encoding="utf-8")
    assert sorted(tuple(row[column] for column in columns) for row in db.query(sql)) == sorted(
        (issue, name[person], said_on, position, name[other], other_said_on, other_position, *ids,
         len(reports), len(other_reports))
        for (issue, person, said_on, position, other, other_said_on, other_position), (ids, reports, other_reports)
        in expected.items())


def test_reversals_and_latest_positions_do_not_depend_on_the_stance_ids(db_path, tmp_path):
    renamed = edited_seeds(tmp_path, lambda text: "\n".join(
        f"z{line}" if line and not line.startswith((" ", "#")) else line for line in text.split("\n")))
    again = tmp_path / "renamed.db"
    assert CliRunner().invoke(cli, ["build", "--seeds", str(renamed), "--db", str(again)]).exit_code == 0
    columns = "person, issue, from_date, to_date, from_position, to_position, change, rating"
    first, second = sqlite_utils.Database(db_path), sqlite_utils.Database(again)
    assert list(first.query(f"select {columns} from reversals")) == list(second.query(f"select {columns} from reversals"))
    assert [{k: v for k, v in row.items()} for row in first.query("select * from latest_positions")] == \
        list(second.query("select * from latest_positions"))


def test_a_stance_links_only_a_quote_in_its_persons_own_words(db_path):
    db = sqlite_utils.Database(db_path)
    for row in db.query("select stances.person_id, quotes.speaker_id from stances join quotes "
                        "on quotes.id = stances.quote_id"):
        assert row["person_id"] == row["speaker_id"]


@pytest.mark.parametrize("change, expected", [
    (lambda text: text.replace("\n  evidence:", "\n  evidence: Hegseth\n  note_x:", 1), "unknown key 'note_x'"),
    (lambda text: "x: &a [*a]\n", "aliases (&name / *name) that nest or expand without end"),
    (lambda text: "x: " + "[" * 1200 + "]" * 1200 + "\n", "is nested too deeply to read"),
    (lambda text: text.replace("occurrence: ", "occurrence: true #", 1) + "\nextra-one:\n  person: pete-hegseth\n"
     "  issue: us-troops-in-ukraine\n  position: open\n  article: 004_2e21b0443b55ba82\n  evidence: he\n",
     "two words or more"),
])
def test_odd_stance_files_get_a_message_not_a_traceback(tmp_path, change, expected):
    seeds = edited_seeds(tmp_path, change)
    result = CliRunner().invoke(cli, ["check", "--seeds", str(seeds)])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert expected in result.output, result.output


def test_a_missing_stances_file_is_a_warning(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "stances.yml").unlink()
    result = CliRunner().invoke(cli, ["check", "--seeds", str(seeds)])
    assert result.exit_code == 0
    assert "stances.yml: holds no coded stances" in result.output


def test_a_stance_on_an_article_with_no_manifest_entry_is_refused_not_crashed(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    manifest = yaml.safe_load((seeds / "articles.yml").read_text(encoding="utf-8"))
    del manifest["004_2e21b0443b55ba82"]
    (seeds / "articles.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    db = tmp_path / "ukraine.db"
    result = CliRunner().invoke(cli, ["build", "--seeds", str(seeds), "--db", str(db)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "has no publication date" in result.output or "not in articles.yml" in result.output


def test_the_nearest_passage_shows_a_line_break_the_evidence_lacks(tmp_path):
    text = (SEEDS / "articles" / "004_2e21b0443b55ba82.txt").read_text(encoding="utf-8")
    joined = "was sidelining Ukraine. Hegseth said definitively on Wednesday"
    assert joined not in text and joined.replace(". H", ".\nH") in text
    seeds = edited_seeds(tmp_path, lambda content: content.replace(
        "Hegseth said definitively on Wednesday that the U.S. would not accept NATO membership for Ukraine or "
        "provide peacekeeping troops", joined, 1))
    result = CliRunner().invoke(cli, ["check", "--seeds", str(seeds)])
    assert result.exit_code == 1
    assert "Ukraine.⏎Hegseth said definitively" in result.output


def statements_by_day(db, person_id):
    """person_id's positions as compare_people reads them: (issue, day, precision) -> (low, high, positions)."""
    days = {}
    for stance in db["stances"].rows_where("person_id = ?", [person_id]):
        key = (stance["issue_id"], stance["said_on"], stance["said_on_precision"])
        days.setdefault(key, set()).add((stance["score"], stance["position"]))
    return {key: (min(s for s, _ in held), max(s for s, _ in held), " / ".join(p for _, p in sorted(held)))
            for key, held in days.items()}


@pytest.mark.asyncio
@pytest.mark.parametrize("a, b", [("jd-vance", "pete-hegseth"), ("donald-trump", "karoline-leavitt"),
                                  ("pete-hegseth", "donald-trump")])
async def test_compare_people_shows_where_two_stood_within_a_week_and_at_the_last(datasette, db_path, a, b):
    """The query against a plain reading of its description, from the stances table."""
    import datetime

    db = sqlite_utils.Database(db_path)
    days_a, days_b = statements_by_day(db, a), statements_by_day(db, b)

    def gap(first, second):
        return max(0, second[0] - first[1]) - max(0, first[0] - second[1])

    expected = set()
    for (issue, day_a, precision_a), held_a in days_a.items():
        for (other_issue, day_b, precision_b), held_b in days_b.items():
            apart = (datetime.date.fromisoformat(day_b) - datetime.date.fromisoformat(day_a)).days
            if other_issue == issue and precision_a == precision_b == "day" and abs(apart) <= 7:
                expected.add(("within 7 days", issue, day_a, held_a[2], day_b, held_b[2], apart, gap(held_a, held_b)))
    for issue in {key[0] for key in days_a} & {key[0] for key in days_b}:
        last_a = max((key for key in days_a if key[0] == issue), key=lambda key: key[1])
        last_b = max((key for key in days_b if key[0] == issue), key=lambda key: key[1])
        apart = (datetime.date.fromisoformat(last_b[1]) - datetime.date.fromisoformat(last_a[1])).days
        expected.add(("latest", issue, last_a[1], days_a[last_a][2], last_b[1], days_b[last_b][2], apart,
                      gap(days_a[last_a], days_b[last_b])))
    rows = await get_json(datasette, f"/ukraine/compare_people.json?_shape=array&a={a}&b={b}")
    got = {(row["compared"], row["issue_id"], row["said_on_a"], row["position_a"], row["said_on_b"],
            row["position_b"], row["days_apart"], row["score_gap"]) for row in rows}
    assert got == expected and len(rows) == len(expected)
    if (a, b) == ("jd-vance", "pete-hegseth"):
        # Their clash of 12-13 February: Vance's threat a day after Hegseth ruled troops out.
        assert ("within 7 days", "us-troops-in-ukraine", "2025-02-13", "conditional", "2025-02-12", "rules_out",
                -1, -3) in got
