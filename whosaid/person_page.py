"""What a person's page shows: who they are, where they stand on each issue, where they moved or clashed
with a colleague, and everything they are quoted as saying, by date; pure but for `load`."""

import json
from dataclasses import dataclass, field

from .quote_page import date_at_precision, fetch_rows

# Rows a list on the page shows at most: at 50,000 articles a person has thousands of quotes, and the page
# listing them all failed; the tables hold every row.
SHOWN_AT_MOST = 200
# Open stance suggestions a person's or an issue's page lists: at 50,000 articles a person had 48,000, and
# 200 more rows took the person page's p95 from under 150 ms to 200 ms. The table holds every one.
SUGGESTIONS_SHOWN = 50


@dataclass
class PersonPage:
    person: dict
    aliases: list
    roles: list
    latest: list = field(default_factory=list)          # per issue: its title, id, the day and the positions
    reversals: list = field(default_factory=list)
    contradictions: list = field(default_factory=list)
    quotes: list = field(default_factory=list)          # by date, each with its date as shown
    suggestions: list = field(default_factory=list)     # the open stance suggestions (machine readings), by date
    suggestions_shown: int = SUGGESTIONS_SHOWN          # at most


def latest_positions(stances):
    """Per issue, in codebook order, the positions of the last day the person stated one: dicts with issue,
    issue_id, said_on, shown (the date at its precision) and positions (sorted, several on one day)."""
    last = {}
    for stance in stances:
        issue = last.get(stance["issue_id"])
        if issue is None or stance["said_on"] > issue["said_on"]:
            last[stance["issue_id"]] = issue = {"issue": stance["issue"], "issue_id": stance["issue_id"],
                                                "n": stance["n"], "said_on": stance["said_on"], "positions": set(),
                                                "shown": date_at_precision(stance["said_on"],
                                                                           stance["said_on_precision"])
                                                or stance["said_on"]}
        if stance["said_on"] == issue["said_on"]:
            issue["positions"].add(stance["position"])
    return [{**issue, "positions": sorted(issue["positions"])} for issue in sorted(last.values(),
                                                                                    key=lambda i: i["n"])]


def names(text):
    """A registry list stored as JSON text ('["Hegseth", …]'), as a list; [] when empty."""
    return json.loads(text) if text else []


async def load(database, person_id):
    """The PersonPage of `person_id` from Datasette's `database`, or None if there is no such person."""
    async def rows(sql, params=(person_id,)):
        return await fetch_rows(database, sql, params)

    found = await rows("select * from people where id = ?")
    if not found:
        return None
    person = found[0]
    # Only the stances of each issue's last day: a person has thousands at 50,000 articles.
    stances = await rows(
        "select stances.issue_id, issues.title as issue, issues.n, stances.said_on, stances.said_on_precision, "
        "stances.position from stances join issues on issues.id = stances.issue_id "
        "join (select issue_id, max(said_on) as said_on from stances where person_id = ?1 group by issue_id) "
        "as last on last.issue_id = stances.issue_id and last.said_on = stances.said_on "
        "where stances.person_id = ?1")
    reversals = await rows(f"select * from reversals where person_id = ? order by to_date, issue_id limit {SHOWN_AT_MOST}")
    # The person on either side of a pair, by the day they spoke. Each side is read in order from its own
    # index and the two merged, so the page stops at SHOWN_AT_MOST: a person had 95,000 pairs at 50,000
    # articles, and sorting them all took 125 ms (one condition with "or" read all 411,000).
    contradictions = await rows(
        "select *, person_said_on as day from contradictions where person_id = ?1 union all "
        "select *, other_said_on as day from contradictions where other_person_id = ?1 "
        f"order by day, issue_id, stance_id, other_stance_id limit {SHOWN_AT_MOST}")
    quotes = await rows(
        "select quotes.id, quotes.text, quotes.said_on, quotes.said_on_precision, articles.outlet "
        "from quotes join articles on articles.id = quotes.article_id "
        f"where quotes.speaker_id = ? order by quotes.said_on, quotes.id limit {SHOWN_AT_MOST}")
    for quote in quotes:
        quote["shown"] = date_at_precision(quote["said_on"], quote["said_on_precision"]) or quote["said_on"]
    for row in reversals:
        row["from_shown"] = date_at_precision(row["from_date"], row["from_precision"]) or row["from_date"]
        row["to_shown"] = date_at_precision(row["to_date"], row["to_precision"]) or row["to_date"]
    return PersonPage(person=person, aliases=names(person["aliases"]), roles=names(person["roles"]),
                      latest=latest_positions(stances), reversals=reversals, contradictions=contradictions,
                      quotes=quotes, suggestions=await open_suggestions(rows, "person_id"))


async def open_suggestions(rows, column):
    """The stance suggestions no curated stance covers, of one person or issue (`column` = ?), by date."""
    found = await rows(
        "select stance_suggestions.id, stance_suggestions.quote_id, stance_suggestions.person_id, "
        "people.name as person, stance_suggestions.issue_id, issues.title as issue, stance_suggestions.position, "
        "stance_suggestions.cues, stance_suggestions.said_on, stance_suggestions.said_on_precision, "
        "quotes.text from stance_suggestions join quotes on quotes.id = stance_suggestions.quote_id "
        "join people on people.id = stance_suggestions.person_id "
        "join issues on issues.id = stance_suggestions.issue_id "
        f"where stance_suggestions.{column} = ? and stance_suggestions.status = 'open' "
        f"order by stance_suggestions.said_on, stance_suggestions.id limit {SUGGESTIONS_SHOWN}")
    for row in found:
        row["shown"] = date_at_precision(row["said_on"], row["said_on_precision"]) or row["said_on"]
        row["cues"] = " … ".join(json.loads(row["cues"]))
    return found
