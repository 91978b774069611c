"""The site around the tables: the about page, and canned queries that open on their results."""

import re
import urllib.parse

import pytest


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
