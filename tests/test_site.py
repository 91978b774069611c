"""The site around the tables: the about page, canned queries that open on their results, and table pages
whose first rows show without scrolling."""

import datetime
import re
import urllib.parse

import pytest
import sqlite_utils
from datasette.plugins import pm
from playwright.sync_api import sync_playwright

from test_charts import CHROMIUM, CHROMIUM_FLAGS
from test_database import get_json
from whosaid.serving import served


@pytest.mark.asyncio
async def test_every_page_links_an_about_page_that_says_how_to_cite_and_what_the_data_cannot_tell(datasette):
    for path in ("/", "/ukraine", "/ukraine/quotes"):
        assert 'href="/about"' in (await datasette.client.get(path)).text, path
    about = await datasette.client.get("/about")
    assert about.status_code == 200
    for heading in ("How it is made", "Data limitations", "How to cite", "Licence"):
        assert f"<h2>{heading}</h2>" in about.text


# A value for each parameter the canned queries take, as a reader fills the form in.
EXAMPLES = {"person": "pete-hegseth", "issue": "us-troops-in-ukraine", "q": "troops", "from": "2025-02-12",
            "to": "2025-02-14", "a": "jd-vance", "b": "pete-hegseth"}


@pytest.mark.asyncio
async def test_canned_queries_open_on_their_results_with_the_sql_folded(datasette, metadata):
    queries = metadata["databases"]["ukraine"]["queries"]
    for name, query in queries.items():
        parameters = {key: EXAMPLES[key] for key in re.findall(r"(?<!:):([a-z_]+)", query["sql"])}
        response = await datasette.client.get(f"/ukraine/{name}?{urllib.parse.urlencode(parameters)}")
        assert response.status_code == 200, name
        assert "<textarea" not in response.text and "show</a>" in response.text.lower(), name


def test_the_first_row_of_stance_timeline_shows_without_scrolling_and_the_descriptions_unfold(db_path):
    with served(db_path) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        assert page.goto(f"{base}/ukraine/stance_timeline").status == 200
        first_row = page.locator("table.rows-and-columns tbody tr").first.bounding_box()
        fold = page.locator("details.column-descriptions-fold")
        folded = fold.locator("dl.column-descriptions").is_visible()
        fold.locator("summary").click()
        unfolded = fold.locator("dl.column-descriptions dt").count()
        browser.close()
    assert first_row["y"] < 1000, first_row   # it starts on the first screen (it is 680 px tall)
    assert not folded and unfolded >= 15


@pytest.mark.asyncio
async def test_a_date_coarser_than_a_day_is_shown_at_its_precision_and_downloaded_as_stored(datasette, db_path):
    db = sqlite_utils.Database(db_path)
    shown = {"month": lambda day: f"{day:%B %Y}", "year": lambda day: f"{day:%Y}",
             "published": lambda day: f"on or before {day}"}
    for precision, words in shown.items():
        quote = next(db["quotes"].rows_where("said_on_precision = ?", [precision], limit=1))
        page = (await datasette.client.get(f"/ukraine/quotes?id={quote['id']}")).text
        cell = re.search(r'<td class="col-said_on [^"]*">(.*?)</td>', page).group(1)
        assert re.sub(r"<[^>]+>", "", cell) == words(datetime.date.fromisoformat(quote["said_on"])), precision
        rows = await get_json(datasette, f"/ukraine/quotes.json?id={quote['id']}&_shape=array")
        assert rows[0]["said_on"] == quote["said_on"]   # the data keeps the ISO date
    # reversals says how precise each of its two dates is, as the stances it compares do.
    for row in db["reversals"].rows:
        assert row["from_precision"] == db["stances"].get(row["from_stance_id"])["said_on_precision"]
        assert row["to_precision"] == db["stances"].get(row["to_stance_id"])["said_on_precision"]


@pytest.mark.asyncio
async def test_start_here_links_a_page_of_each_kind_and_every_link_answers(datasette, metadata):
    links = re.findall(r'href="([^"#]+)', metadata["description_html"].replace("&amp;", "&"))
    for kind in ("/ukraine/issues/", "/ukraine/people/", "/ukraine/quotes/", "/ukraine/articles/", "/about"):
        assert any(link.startswith(kind) for link in links), kind
    for link in links:
        assert (await datasette.client.get(link)).status_code == 200, link


def test_a_link_to_a_row_is_labelled_in_a_few_words(db_path, metadata):
    """A row links its article, paragraph, utterance, quote or stance by a short label, not its long text."""
    db = sqlite_utils.Database(db_path)
    targets = {fk.other_table for table in db.tables for fk in table.foreign_keys}
    tables = metadata["databases"]["ukraine"]["tables"]
    assert {"articles", "paragraphs", "quotes", "utterances", "stances"} <= targets
    for table in sorted(targets):
        label = tables[table].get("label_column")
        assert label, table
        longest = db.execute(f"SELECT max(length([{label}])) FROM [{table}]").fetchone()[0]
        assert longest <= 60, (table, label, longest)


def test_rows_of_long_text_are_short_enough_to_scan(db_path):
    """Before the short labels and the room for prose, quotes rows were 393 px tall (median) and up to 969."""
    with served(db_path) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        heights = {}
        for table in ("quotes", "stance_timeline", "stances", "quotes_with_sources", "contradictions", "reversals"):
            page.goto(f"{base}/ukraine/{table}")
            heights[table] = sorted(page.evaluate(
                "() => [...document.querySelectorAll('table.rows-and-columns tbody tr')]"
                ".map(row => row.getBoundingClientRect().height)"))
        browser.close()
    for table, rows in heights.items():
        assert rows and rows[len(rows) // 2] <= 250 and rows[-1] <= 400, (table, rows)


@pytest.mark.asyncio
async def test_cells_are_not_checked_for_markdown_but_the_markdown_template_function_stays(datasette):
    await datasette.invoke_startup()
    assert "render_markdown" not in {impl.plugin_name for impl in pm.hook.render_cell.get_hookimpls()}
    assert "render_markdown" in {impl.plugin_name for impl in pm.hook.extra_template_vars.get_hookimpls()}
    assert "render_markdown" in {impl.plugin_name for impl in pm.hook.prepare_jinja2_environment.get_hookimpls()}
    # A page of the quotes still renders its cells, with the plugin's own (dates at their precision).
    response = await datasette.client.get("/ukraine/quotes?said_on_precision=year")
    assert response.status_code == 200 and 'title="stored as' in response.text
