"""The ready-made charts (datasette-dashboards, metadata.yml's plugins) as a reader sees them in Chromium.

Every chart is drawn as SVG, and Vega labels each mark with its fields
("Said: 12 Feb 2025; … Person: Pete Hegseth"), so a test reads where each
mark is, its colour and what it stands for, and compares them with the
database.
"""

import concurrent.futures
import json
import urllib.error
import urllib.parse
import urllib.request

import sqlite_utils
from datasette.app import Datasette

from whosaid.plugin import chart_queries

from test_charts import browser, server  # noqa: F401  (fixtures: the served database and Chromium)
from test_charts import Links

TROOPS = "us-troops-in-ukraine"
# JavaScript: every mark of the chart drawn in `#chart-<slug>`, as its label, fill and centre.
MARKS = """(selector) => [...document.querySelectorAll(selector)].map(mark => {
  const box = mark.getBoundingClientRect();
  return {label: mark.getAttribute('aria-label') || '', fill: mark.getAttribute('fill'),
          x: box.x + box.width / 2, y: box.y + box.height / 2, width: box.width};
})"""


def fields(label):
    """'Said: 12 Feb 2025; Person: Pete Hegseth' -> {'Said': '12 Feb 2025', 'Person': 'Pete Hegseth'}"""
    return dict(part.split(": ", 1) for part in label.split("; ") if ": " in part)


def chart_marks(browser, url, slug, kind):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    selector = f"#chart-{slug} svg g.mark-{kind} path"
    page.wait_for_selector(selector, timeout=15000)
    marks = [mark for mark in page.evaluate(MARKS, selector) if mark["label"]]
    svg_width = page.evaluate(f"() => document.querySelector('#chart-{slug} svg').getBoundingClientRect().width")
    axis_text = page.evaluate(f"() => [...document.querySelectorAll('#chart-{slug} svg g.role-axis-label text')]"
                              ".map(text => text.textContent)")
    page.close()
    assert errors == [], errors
    return marks, svg_width, axis_text


def test_the_troops_chart_keeps_the_february_days_apart_and_labels_its_axis_with_the_positions(
        server, browser, db_path):  # noqa: F811
    marks, width, axis_text = chart_marks(browser, f"{server}/-/dashboards/positions?issue={TROOPS}",
                                          "timeline", "symbol")
    db = sqlite_utils.Database(db_path)
    # One mark per coded position on the issue, each where its day and score say.
    assert len(marks) == db["stances"].count_where("issue_id = ?", [TROOPS])
    x_of_day = {}   # (person, day) -> the x of its marks: people sit side by side within a day's slot
    for mark in marks:
        x_of_day.setdefault((fields(mark["label"])["Person"], fields(mark["label"])["Said"]), set()).add(
            round(mark["x"]))
    assert all(len(xs) == 1 for xs in x_of_day.values()), x_of_day
    february = sorted(next(iter(x_of_day["Pete Hegseth", f"{day} Feb 2025"])) for day in (12, 13, 14))
    assert february[1] - february[0] >= 20 and february[2] - february[1] >= 20, february
    # Three people ruled troops out on 19 August: all three marks show.
    august = [x for (person, day), xs in x_of_day.items() if day == "19 Aug 2025" for x in xs]
    assert len(august) == 3 and min(b - a for a, b in zip(sorted(august), sorted(august)[1:])) >= 8, august
    assert width >= 600
    labels = [label for (label,) in db.execute("SELECT label FROM positions ORDER BY score")]
    assert [text for text in axis_text if text in labels] == labels   # bottom to top, as the scores go


def test_each_person_has_one_colour_of_their_own_on_every_chart_and_page(server, browser, db_path):  # noqa: F811
    db = sqlite_utils.Database(db_path)
    colour = {name: value for name, value in db.execute("SELECT name, colour FROM people")}
    seen = {}
    for url, slug in [(f"{server}/-/dashboards/positions?issue={TROOPS}", "timeline"),
                      (f"{server}/ukraine/issues/{TROOPS}", "positions-timeline"),
                      (f"{server}/-/dashboards/positions?issue=ukraine-nato-membership", "timeline")]:
        marks, _, _ = chart_marks(browser, url, slug, "symbol")
        for mark in marks:
            person = fields(mark["label"])["Person"]
            assert mark["fill"] == colour[person], (url, person)
            seen.setdefault(person, set()).add(mark["fill"])
    for person in ("Pete Hegseth", "JD Vance"):
        marks, _, _ = chart_marks(browser, f"{server}/ukraine/people/{person_id(db, person)}",
                                  "person-positions", "symbol")
        assert {mark["fill"] for mark in marks} == {colour[person]}
        seen[person].add(colour[person])
    assert all(len(fills) == 1 for fills in seen.values()), seen
    assert seen["JD Vance"] != seen["Pete Hegseth"]
    # The people who hold a stance have a colour each.
    holders = [value for (value,) in db.execute(
        "SELECT colour FROM people WHERE id IN (SELECT person_id FROM stances)")]
    assert len(set(holders)) == len(holders)


def person_id(db, name):
    return db.execute("SELECT id FROM people WHERE name = ?", [name]).fetchone()[0]


def test_a_persons_chart_has_a_panel_per_issue_and_nothing_sums_issues(server, browser, db_path):  # noqa: F811
    db = sqlite_utils.Database(db_path)
    marks, width, _ = chart_marks(browser, f"{server}/ukraine/people/pete-hegseth", "person-positions", "symbol")
    assert len(marks) == db["stances"].count_where("person_id = 'pete-hegseth'")
    assert {fields(mark["label"])["Issue"] for mark in marks} == {
        title for (title,) in db.execute(
            "SELECT DISTINCT issues.title FROM stances JOIN issues ON issues.id = stances.issue_id"
            " WHERE person_id = 'pete-hegseth'")}
    assert width >= 600
    # The reversals chart: one bar per person and issue, as long as that person's reversals on that issue.
    bars, _, _ = chart_marks(browser, f"{server}/-/dashboards/positions/reversals", "positions", "rect")
    drawn = sorted((fields(bar["label"])["person"], round(bar["width"])) for bar in bars)
    counts = sorted(db.execute("SELECT person, count(*) FROM reversals GROUP BY person_id, issue_id").fetchall())
    assert [person for person, _ in drawn] == [person for person, _ in counts]
    unit = min(width for _, width in drawn) / min(count for _, count in counts)
    assert all(abs(width - count * unit) <= 2 for (_, width), (_, count) in zip(drawn, counts)), (drawn, counts)


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_start_here_and_the_person_and_issue_pages_link_the_ready_made_charts(server, metadata):  # noqa: F811
    parser = Links()
    parser.feed(metadata["description_html"])
    dashboards = [href for href in parser.hrefs if href.startswith("/-/dashboards")]
    assert f"/-/dashboards/positions?issue={TROOPS}" in dashboards and "/-/dashboards" in dashboards
    for path, link in [(f"/ukraine/issues/{TROOPS}", f"/-/dashboards/positions?issue={TROOPS}"),
                       ("/ukraine/people/jd-vance", "/-/dashboards/person?person=jd-vance")]:
        assert f'href="{link}"' in get(server + path)[1], path
    for link in dashboards + ["/-/dashboards/person?person=jd-vance", "/-/dashboards/positions/reversals"]:
        assert get(server + link)[0] == 200, link


def test_the_charts_queries_are_the_sites_own_and_wait_their_turn_rather_than_being_refused(
        server, metadata):  # noqa: F811
    """A dashboard sends its charts' queries at once; arbitrary SQL is one at a time per client."""
    known = chart_queries(Datasette(metadata=metadata))
    charts = metadata["plugins"]["datasette-dashboards"]["positions"]["charts"]
    assert len(known) == 2 * len(charts) + 1   # each optional part kept or dropped, and the person chart
    assert not any("[[" in query for query in known)
    query = next(query for query in known if "chart_positions where issue_id = :issue" in query
                 and "person_id" not in query)
    address = f"{server}/ukraine.json?" + urllib.parse.urlencode({"sql": query, "issue": TROOPS, "_shape": "objects"})
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(get, [address] * 4))
    assert [status for status, _ in answers] == [200] * 4
    assert len(json.loads(answers[0][1])["rows"]) > 10
    # The same query edited by a reader is ad-hoc SQL again, one at a time per client (test_server_limits.py).
    assert query.replace("order by slot", "order by slot desc") not in known
