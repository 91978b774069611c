"""Every table, view and column the database holds is documented in metadata.yml."""

import subprocess
import sys

import pytest
import sqlite_utils

from conftest import ROOT
from test_database import user_tables


def test_site_level_metadata(metadata):
    for key in ("title", "description_html", "license", "license_url", "source", "about"):
        assert metadata.get(key), key
    assert metadata["title"] == "Who Said What: U.S. Troops in Ukraine"
    assert "Start here" in metadata["description_html"]


def test_every_table_view_and_column_is_described(metadata, db_path):
    documented = metadata["databases"]["ukraine"]["tables"]
    db = sqlite_utils.Database(db_path)
    missing = []
    for name in user_tables(db_path):
        table = documented.get(name, {})
        if not (table.get("description") or table.get("description_html")):
            missing.append(name)
        missing += [f"{name}.{column}" for column in db[name].columns_dict
                    if not (table.get("columns") or {}).get(column)]
    assert missing == []
    # Nor does metadata describe what no longer exists.
    assert sorted(set(documented) - set(user_tables(db_path))) == []
    for name, table in documented.items():
        assert sorted(set(table.get("columns", {})) - set(db[name].columns_dict)) == [], name


@pytest.mark.asyncio
async def test_facets_and_label_columns_work(datasette, metadata):
    for name, table in metadata["databases"]["ukraine"]["tables"].items():
        response = await datasette.client.get(f"/ukraine/{name}.json?_size=1")
        assert response.status_code == 200, name
        assert sorted(response.json().get("facet_results", {})) == sorted(table.get("facets", [])), name
    rows = (await datasette.client.get("/ukraine/text_repairs.json?_labels=on&_shape=array&_size=1")).json()
    article = (await datasette.client.get(
        f"/ukraine/articles/{rows[0]['article_id']['value']}.json?_shape=array")).json()[0]
    # The article's outlet and day, not its headline: the label shows beside long text.
    assert rows[0]["article_id"]["label"] == f"{article['outlet']}, {article['published']}"


def test_datasette_serves_the_metadata_from_the_command_line(db_path):
    # What `make serve` runs, minus the server: a broken metadata.yml fails here.
    result = subprocess.run(
        [sys.executable, "-m", "datasette", "--immutable", str(db_path), "--metadata", str(ROOT / "metadata.yml"),
         "--get", "/ukraine/people.json?_shape=array"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert '"pete-hegseth"' in result.stdout


@pytest.mark.asyncio
async def test_the_chart_plugin_is_installed(datasette):
    plugins = (await datasette.client.get("/-/plugins.json")).json()
    assert {"datasette-vega", "datasette-dashboards"} <= {plugin["name"] for plugin in plugins}


def test_every_facet_and_sort_column_of_a_table_leads_an_index(metadata, db_path):
    """A facet or sort on a column no index leads scans the whole table: at 50,000 articles, 240-430 ms per facet."""
    db = sqlite_utils.Database(db_path)
    unindexed = []
    for name, table in metadata["databases"]["ukraine"]["tables"].items():
        if name not in db.table_names():
            continue   # a view: its speed is its tables'
        leading = {index.columns[0] for index in db[name].indexes} | set(db[name].pks)
        wanted = [*table.get("facets", []), table.get("sort"), table.get("sort_desc")]
        unindexed += [f"{name}.{column}" for column in wanted if column and column not in leading]
    assert unindexed == []
