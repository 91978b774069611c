"""An issue's page: the question, the scale, everyone's positions on it by date, and the clashes."""

import re

import pytest
import sqlite_utils


@pytest.mark.asyncio
async def test_every_issue_page_shows_its_scale_and_links_every_position_and_clash_in_date_order(datasette, db_path):
    db = sqlite_utils.Database(db_path)
    scale = [row["id"] for row in db["positions"].rows_where(order_by="score")]
    for issue in db["issues"].rows:
        response = await datasette.client.get(f"/ukraine/issues/{issue['id']}")
        assert response.status_code == 200, issue["id"]
        page = response.text.split("The row as stored")[0]
        assert re.findall(r"<td><code>([a-z_]+)</code>", page) == scale, issue["id"]
        stances = list(db["stances"].rows_where("issue_id = ?", [issue["id"]]))
        linked = re.findall(r'href="/ukraine/stances/([^"]+)">[a-z_]+</a></td>', page)
        assert sorted(linked) == sorted(stance["id"] for stance in stances), issue["id"]
        days = [db["stances"].get(stance_id)["said_on"] for stance_id in linked]
        assert days == sorted(days), issue["id"]
        for clash in db["contradictions"].rows_where("issue_id = ?", [issue["id"]]):
            assert f'href="/ukraine/stances/{clash["other_stance_id"]}"' in page, issue["id"]
