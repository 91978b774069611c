"""The site around the tables: the about page, canned queries that open on their results, and table pages
whose first rows show without scrolling."""

import re
import urllib.parse

import pytest
from playwright.sync_api import sync_playwright

from test_charts import CHROMIUM, CHROMIUM_FLAGS
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
