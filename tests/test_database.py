"""The real database, built from seeds/, queried through Datasette's own client."""

import csv
import io
import json

import pytest
import sqlite_utils
from datasette.utils import tilde_encode
import yaml

from conftest import SEEDS
from whosaid import shape
from whosaid.build import build
from whosaid.paragraphs import KINDS
from whosaid.repair import repair_text

CODEBOOK_SLUGS = [
    "us-troops-in-ukraine", "ukraine-nato-membership", "pre-2014-borders", "european-security-guarantee",
    "article-5-for-peacekeepers", "europe-and-ukraine-in-talks", "pre-negotiation-concessions", "us-military-aid",
    "ukraine-sovereignty",
]
# Every paragraph that is not prose, as the foundation issue describes the seeds.
NOT_PROSE = {
    ("000_eb369f11afb13555", "FORMER US AMBASSADOR TO NATO PREDICTS IMMINENT CEASEFIRE IN UKRAINE"): "boilerplate",
    ("000_eb369f11afb13555", "CLICK HERE TO GET THE FOX NEWS APP"): "boilerplate",
    ("000_eb369f11afb13555", "Latest World News on Fox News"): "boilerplate",
    ("000_eb369f11afb13555", "Read the full article ."): "boilerplate",
    ("001_8d1921fd5e6b31d7", "JD Vance Says U.S. Troops Fighting Russia In Ukraine Is ‘On The Table’ In Stunning Reversal"): "headline",
    ("001_8d1921fd5e6b31d7", "AP Photo/Matt York"): "caption",
    ("001_8d1921fd5e6b31d7", "Read the full Wall Street Journal report here."): "boilerplate",
    ("003_17e704902b00107c", "🚨 JUST IN:"): "social_post",
    ("003_17e704902b00107c", "President Trump has definitively ruled out"): "social_post",
    ("003_17e704902b00107c", "The White House: U.S. troops won’t be on the ground"): "social_post",
}


async def get_json(datasette, path):
    response = await datasette.client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return response.json()


def user_tables(db_path):
    """Tables and views a user sees: everything but full-text-search internals and SQLite's statistics."""
    db = sqlite_utils.Database(db_path)
    tables = [name for name in db.table_names() if "_fts" not in name and not name.startswith("sqlite_")]
    return tables + db.view_names()


@pytest.mark.asyncio
async def test_articles_carry_their_manifest_facts(datasette, manifest):
    rows = await get_json(datasette, "/ukraine/articles.json?_shape=array&_size=max&_sort=id")
    assert [row["id"] for row in rows] == sorted(manifest)
    for row in rows:
        entry = manifest[row["id"]]
        raw = (SEEDS / row["source_file"]).read_bytes()
        assert row["outlet"] == entry["outlet"]
        assert row["headline"] == entry["headline"]
        assert row["published"] == entry["published"].isoformat()
        assert row["url"] == entry["url"]
        assert row["raw_sha256"] == entry["sha256"]
        assert row["text"] == repair_text(raw.decode("utf-8"))[0]
        assert row["words"] == len(row["text"].split())
    by_id = {row["id"]: row for row in rows}
    assert by_id["002_3055c024dfb4192d"]["repairs"] == 44
    assert by_id["004_2e21b0443b55ba82"]["outlet"] == "unknown"
    assert by_id["003_17e704902b00107c"]["published"] == "2025-08-19"


@pytest.mark.asyncio
async def test_text_repairs_are_listed_and_point_at_the_repaired_characters(datasette):
    articles = {row["id"]: row for row in await get_json(datasette, "/ukraine/articles.json?_shape=array")}
    repairs = await get_json(datasette, "/ukraine/text_repairs.json?_shape=array&_size=max")
    assert len(repairs) == sum(article["repairs"] for article in articles.values()) == 44
    for repair in repairs:
        assert articles[repair["article_id"]]["text"][repair["start"]:repair["end"]] == repair["repaired"]
    in_context = await get_json(datasette, "/ukraine/repairs_in_context.json?_shape=array&rule__contains=em+dash")
    assert any("Ukraine[—]a move" in row["in_context"] for row in in_context)


@pytest.mark.asyncio
async def test_paragraph_kinds(datasette):
    articles = {row["id"]: row for row in await get_json(datasette, "/ukraine/articles.json?_shape=array")}
    paragraphs = await get_json(datasette, "/ukraine/paragraphs.json?_shape=array&_size=max")
    assert {paragraph["kind"] for paragraph in paragraphs} == set(KINDS)
    found = {}
    for paragraph in paragraphs:
        assert articles[paragraph["article_id"]]["text"][paragraph["start"]:paragraph["end"]] == paragraph["text"]
        if paragraph["kind"] != "prose":
            key = next((key for key in NOT_PROSE if key[0] == paragraph["article_id"]
                        and paragraph["text"].startswith(key[1])), None)
            assert key is not None, f"unexpected {paragraph['kind']}: {paragraph['text'][:60]}"
            found[key] = paragraph["kind"]
    assert found == NOT_PROSE
    # Listed in article order, paragraph by paragraph (ids sort as numbers do).
    assert [(p["article_id"], p["n"]) for p in paragraphs] == sorted((p["article_id"], p["n"]) for p in paragraphs)


@pytest.mark.asyncio
async def test_people_come_from_the_registry(datasette):
    registry = yaml.safe_load((SEEDS / "people.yml").read_text(encoding="utf-8"))
    people = {row["id"]: row for row in await get_json(datasette, "/ukraine/people.json?_shape=array&_size=max")}
    assert sorted(people) == sorted(registry)
    hegseth = people["pete-hegseth"]
    assert (hegseth["name"], hegseth["kind"], hegseth["role"], hegseth["affiliation"]) == (
        "Pete Hegseth", "person", "U.S. Secretary of Defense", "U.S. administration")
    assert "Hegseth" in json.loads(hegseth["aliases"])
    assert json.loads(hegseth["roles"]) == ["the defense secretary"]
    assert {"Vance", "VP"} <= set(json.loads(people["jd-vance"]["aliases"]))
    assert {"Zelensky", "Zelenskyy"} <= set(json.loads(people["volodymyr-zelensky"]["aliases"]))
    assert "The Journal" in json.loads(people["the-wall-street-journal"]["aliases"])
    assert people["the-wall-street-journal"]["kind"] == "organization"
    assert people["dmitry-peskov"]["role"] == "Kremlin spokesman"
    assert people["karoline-leavitt"]["role"] == "White House Press Secretary"


@pytest.mark.asyncio
async def test_issues_and_positions_come_from_the_codebook(datasette):
    issues = await get_json(datasette, "/ukraine/issues.json?_shape=array")
    assert sorted(issue["id"] for issue in issues) == sorted(CODEBOOK_SLUGS)
    assert all(issue["title"] and issue["question"].endswith("?") and issue["description"] for issue in issues)
    positions = await get_json(datasette, "/ukraine/positions.json?_shape=array&_sort=score")
    assert [(position["id"], position["score"]) for position in positions] == [
        ("rules_out", -2), ("skeptical", -1), ("open", 0), ("conditional", 1), ("supports", 2)]


@pytest.mark.asyncio
async def test_full_text_search_finds_articles(datasette):
    articles = await get_json(datasette, "/ukraine/articles.json?_shape=array")
    mentioning = sorted(article["id"] for article in articles if "leverage" in article["text"].lower())
    assert len(mentioning) >= 3
    rows = await get_json(datasette, "/ukraine/articles.json?_shape=array&_search=leverage")
    assert sorted(row["id"] for row in rows) == mentioning
    # The porter stemmer matches "negotiating" to "negotiations".
    rows = await get_json(datasette, "/ukraine/articles.json?_shape=array&_search=negotiating")
    assert "004_2e21b0443b55ba82" in [row["id"] for row in rows]
    # The repaired text is what is indexed: the phrase search crosses a restored quote mark.
    rows = await get_json(datasette, "/ukraine/articles.json?_shape=array&_search=%22fog+of+war%22")
    assert [row["id"] for row in rows] == ["002_3055c024dfb4192d"]


@pytest.mark.asyncio
async def test_every_table_downloads_as_csv_and_json(datasette, db_path):
    db = sqlite_utils.Database(db_path)
    for name in user_tables(db_path):
        count = db[name].count
        rows = await get_json(datasette, f"/ukraine/{name}.json?_shape=array&_size=max")
        assert len(rows) == count, name
        response = await datasette.client.get(f"/ukraine/{name}.csv?_dl=1&_stream=on")
        assert response.status_code == 200, name
        assert "attachment" in response.headers["content-disposition"], name
        records = list(csv.DictReader(io.StringIO(response.text)))
        assert len(records) == count, name
        if count:
            assert set(records[0]) >= set(rows[0]), name


@pytest.mark.asyncio
async def test_paging_through_every_table_shows_each_row_once(datasette, db_path):
    # In its default sort, 7 rows a page: ties in a sort column, and a column of no type (where the next
    # page's token, sent as text, sorts after every number), once skipped rows or repeated a page forever.
    for name in user_tables(db_path):
        everything = await get_json(datasette, f"/ukraine/{name}.json?_shape=array&_size=max")
        seen, after = [], None
        for _ in range(len(everything) // 7 + 2):
            page = await get_json(datasette, f"/ukraine/{name}.json?_size=7" + (f"&_next={after}" if after else ""))
            seen += [json.dumps(row) for row in page["rows"]]
            after = page.get("next")
            if not after:
                break
        assert after is None, f"{name}: more pages than rows"
        expected = [json.dumps(list(row.values())) for row in everything]
        assert sorted(seen) == sorted(expected), name


def test_foreign_keys_hold_and_are_indexed(db_path):
    db = sqlite_utils.Database(db_path)
    assert list(db.query("PRAGMA foreign_key_check")) == []
    for table in db.tables:
        indexed = {index.columns[0] for index in table.indexes}
        for foreign_key in table.foreign_keys:
            assert foreign_key.column in indexed, (table.name, foreign_key.column)
    assert {(fk.column, fk.other_table) for fk in db["quotes"].foreign_keys} == {
        ("article_id", "articles"), ("paragraph_id", "paragraphs"), ("speaker_id", "people"),
        ("nested_in", "quotes"), ("utterance_id", "utterances")}
    assert {(fk.column, fk.other_table) for fk in db["stances"].foreign_keys} == {
        ("person_id", "people"), ("issue_id", "issues"), ("quote_id", "quotes"), ("article_id", "articles"),
        ("position", "positions")}


def test_quotes_and_stances_tables_are_ready_with_their_columns(db_path):
    db = sqlite_utils.Database(db_path)
    assert {"id", "article_id", "paragraph_id", "speaker_id", "text", "start", "end", "said_on"} <= set(db["quotes"].columns_dict)
    assert {"id", "person_id", "issue_id", "quote_id", "article_id", "said_on", "position", "score", "evidence"} <= set(
        db["stances"].columns_dict)
    assert {"quotes_fts", "articles_fts"} <= set(db.table_names())


def test_the_same_inputs_give_the_same_rows_and_ids(db_path, tmp_path):
    again = tmp_path / "ukraine.db"
    build(SEEDS, again)
    first, second = sqlite_utils.Database(db_path), sqlite_utils.Database(again)
    assert list(first.iterdump()) == list(second.iterdump())


@pytest.mark.parametrize("name", sorted(shape.MATERIALISED))
def test_a_materialised_view_holds_what_its_sql_gives_in_its_order(db_path, name):
    db = sqlite_utils.Database(db_path)
    assert name in db.table_names() and name not in db.view_names()
    query = (shape.SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    assert db.execute(f"select * from [{name}] order by rowid").fetchall() == db.execute(query).fetchall()
    assert db.execute(f"select * from [{name}]").fetchall(), f"{name} is empty on the seeds, so this proves little"


@pytest.mark.asyncio
@pytest.mark.parametrize("name", sorted(shape.MATERIALISED))
async def test_a_derived_tables_rows_have_pages_and_its_ids_link(datasette, db_path, name):
    table = sqlite_utils.Database(db_path)[name]
    links = {key.column: key.other_table for key in table.foreign_keys}
    assert table.pks != ["rowid"] and links, name
    data = await get_json(datasette, f"/ukraine/{name}.json?_size=1&_shape=objects")
    row = data["rows"][0]
    assert "rowid" not in row, name
    # The row has a page of its own; on the table's page every id that points elsewhere is a link (a key
    # column links to the row's own page instead, so speakers.person_id leads to the speaker's counts).
    row_path = ",".join(tilde_encode(str(row[key])) for key in table.pks)
    assert (await datasette.client.get(f"/ukraine/{name}/{row_path}")).status_code == 200, name
    page = (await datasette.client.get(f"/ukraine/{name}")).text
    assert f'href="/ukraine/{name}/{row_path}"' in page, name
    for column, other in links.items():
        if row[column] is not None and column not in table.pks:
            assert f'href="/ukraine/{other}/{tilde_encode(row[column])}"' in page, (name, column)
