"""A person's page: who they are, their latest position on each issue, their reversals and clashes, and
every quote of theirs by date, each linked."""

import re

import pytest
import sqlite_utils

from whosaid.person_page import latest_positions


def test_the_latest_position_is_the_last_days_and_a_day_may_hold_two():
    stances = [{"issue_id": "troops", "issue": "Troops", "n": 1, "said_on": day, "said_on_precision": "day",
                "position": position}
               for day, position in [("2025-02-12", "rules_out"), ("2025-02-13", "open"), ("2025-02-13", "conditional")]]
    stances.append({"issue_id": "nato", "issue": "NATO", "n": 0, "said_on": "2024-01-01",
                    "said_on_precision": "month", "position": "skeptical"})
    latest = latest_positions(stances)
    assert [(row["issue_id"], row["positions"], row["shown"]) for row in latest] == [
        ("nato", ["skeptical"], "January 2024"), ("troops", ["conditional", "open"], "2025-02-13")]


@pytest.mark.asyncio
async def test_every_person_page_links_their_quotes_positions_and_reversals(datasette, db_path):
    db = sqlite_utils.Database(db_path)
    for person in db["people"].rows:
        response = await datasette.client.get(f"/ukraine/people/{person['id']}")
        assert response.status_code == 200, person["id"]
        page = response.text
        assert f"<h1>{person['name'].replace(chr(39), '&#39;')}</h1>" in page, person["id"]
        quotes = [row["id"] for row in db["quotes"].rows_where("speaker_id = ?", [person["id"]])]
        # Not the machine suggestions' links: their quotes are counted by test_stance_suggestions.
        listed = re.sub(r"<h2>Machine suggestions.*?(?=<h2>)", "", page.split("The row as stored")[0], flags=re.S)
        linked = re.findall(r'href="/ukraine/quotes/([^"]+)"', listed)
        assert sorted(linked) == sorted(quotes), person["id"]
        issues = {row["issue_id"] for row in db["stances"].rows_where("person_id = ?", [person["id"]])}
        assert page.count('<tr><td><a href="/ukraine/issues/') == len(issues), person["id"]
        for reversal in db["reversals"].rows_where("person_id = ?", [person["id"]]):
            assert f'href="/ukraine/stances/{reversal["to_stance_id"]}"' in page, person["id"]
