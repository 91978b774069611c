"""What an issue's page shows: the question, the scale it is coded on, everyone's positions on it in date
order, and the clashes within one government; pure but for `load`."""

import json
from dataclasses import dataclass, field

from .person_page import SHOWN_AT_MOST, SUGGESTIONS_SHOWN, open_suggestions
from .quote_page import date_at_precision, fetch_rows


@dataclass
class IssuePage:
    issue: dict
    scale: list                                          # the positions, from rules_out to supports
    positions: list = field(default_factory=list)        # every coded position, by date, with its date as shown
    contradictions: list = field(default_factory=list)
    quotes: list = field(default_factory=list)           # the quotes tagged with the issue, by date
    suggestions: list = field(default_factory=list)      # the open stance suggestions (machine readings), by date
    suggestions_shown: int = SUGGESTIONS_SHOWN           # at most


async def load(database, issue_id):
    """The IssuePage of `issue_id` from Datasette's `database`, or None if there is no such issue."""
    async def rows(sql, params=(issue_id,)):
        return await fetch_rows(database, sql, params)

    found = await rows("select * from issues where id = ?")
    if not found:
        return None
    positions = await rows(
        "select stance_id, said_on, said_on_precision, person, person_id, position, score, evidence, outlet "
        f"from stance_timeline where issue_id = ? order by said_on, person, stance_id limit {SHOWN_AT_MOST}")
    for row in positions:
        row["shown"] = date_at_precision(row["said_on"], row["said_on_precision"]) or row["said_on"]
    return IssuePage(
        issue=found[0], scale=await rows("select * from positions order by score", ()), positions=positions,
        contradictions=await rows("select * from contradictions where issue_id = ? "
                                  f"order by person_said_on, person, other_person limit {SHOWN_AT_MOST}"),
        quotes=await tagged_quotes(rows), suggestions=await open_suggestions(rows, "issue_id"))


async def tagged_quotes(rows):
    quotes = await rows(
        "select quotes.id, quotes.text, quotes.said_on, quotes.said_on_precision, quote_issues.matched, "
        "people.name as speaker, quotes.speaker_id from quote_issues "
        "join quotes on quotes.id = quote_issues.quote_id left join people on people.id = quotes.speaker_id "
        f"where quote_issues.issue_id = ? order by quote_issues.said_on, quote_issues.quote_id limit {SHOWN_AT_MOST}")
    for quote in quotes:
        quote["shown"] = date_at_precision(quote["said_on"], quote["said_on_precision"]) or quote["said_on"]
        quote["matched"] = ", ".join(json.loads(quote["matched"]))
    return quotes
