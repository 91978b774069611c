"""The datasette-vega chart links in metadata.yml draw in a real browser: Debian's Chromium, driven by Playwright.

(The ready-made charts are datasette-dashboards charts: tests/test_dashboards.py.)

A real Datasette server serves the built database as `make serve` does. Each
link is opened; the test waits for datasette-vega's chart, then checks that
the canvas holds coloured marks (axes and labels are grey), that the chart's
options are the ones the link asks for, and that the page logged no errors.
"""

import html.parser
import urllib.parse

import pytest
from playwright.sync_api import sync_playwright

from whosaid.serving import served

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# JavaScript: how many canvas pixels of the plot are saturated colour, that is chart marks rather than
# grey axes, grid and text. With a colour legend (hasLegend), the legend's swatches are coloured too, so
# the plot ends at the first blank gap of 12 columns or more, scanning from the right.
COLOURED_PIXELS = """(canvas, hasLegend) => {
  const w = canvas.width, h = canvas.height;
  const data = canvas.getContext('2d').getImageData(0, 0, w, h).data;
  const coloured = new Array(w).fill(0), ink = new Array(w).fill(0);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured[x]++;
      if (a > 0 && Math.min(r, g, b) < 245) ink[x]++;
    }
  }
  let plotEnd = w;
  if (hasLegend) {
    let x = w - 1;
    while (x >= 0 && ink[x] === 0) x--;
    while (x >= 0) {
      let blank = 0;
      while (x - blank >= 0 && ink[x - blank] === 0) blank++;
      if (blank >= 12) { plotEnd = x - blank + 1; break; }
      x -= Math.max(blank, 1);
    }
  }
  return coloured.slice(0, plotEnd).reduce((sum, count) => sum + count, 0);
}"""
MARK_PIXELS = 50  # a handful of points is enough; an empty plot has none
CHART_OPTIONS = """() => ({
  mark: (document.querySelector('.datasette-vega input[name=mark]:checked') || {}).value,
  x_column: document.querySelector('.datasette-vega select[name=x_column]').value,
  x_type: document.querySelector('.datasette-vega select[name=x_type]').value,
  y_column: document.querySelector('.datasette-vega select[name=y_column]').value,
  y_type: document.querySelector('.datasette-vega select[name=y_type]').value,
  color_column: document.querySelector('.datasette-vega select[name=color_column]').value,
})"""


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attributes):
        href = dict(attributes).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def chart_links(metadata):
    """Every link in metadata.yml that carries a datasette-vega chart (#g.…), and every canned-query fragment."""
    parser = Links()
    database = metadata["databases"]["ukraine"]
    texts = [metadata.get("description_html", ""), database.get("description_html", "")]
    texts += [table.get("description_html", "") for table in database["tables"].values()]
    texts += [query.get("description_html", "") for query in database.get("queries", {}).values()]
    for text in texts:
        parser.feed(text or "")
    links = {href for href in parser.hrefs if "#g." in href}
    links |= {f"/ukraine/{name}#{query['fragment']}" for name, query in database.get("queries", {}).items()
              if query.get("fragment")}
    return sorted(links)


def fragment_options(link):
    fragment = link.split("#", 1)[1]
    return {key[2:]: value for key, value in urllib.parse.parse_qsl(fragment)}


@pytest.fixture(scope="module")
def server(db_path):
    with served(db_path) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    # Playwright gives the browser a fresh temporary profile of its own.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def test_metadata_keeps_datasette_vega_for_a_readers_own_charts(metadata):
    """The ready-made charts are dashboards (below); a canned query still opens with a datasette-vega chart."""
    links = chart_links(metadata)
    wanted = {"x_column": "speaker", "y_column": "quotes", "color_column": "outlet"}
    assert any(wanted.items() <= fragment_options(link).items() for link in links)


def test_every_chart_link_draws_in_a_browser(metadata, server, browser):
    links = chart_links(metadata)
    assert links
    for link in links:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server + link)
        canvas = page.wait_for_selector(".datasette-vega + div canvas, .vega-embed canvas", timeout=15000)
        has_legend = "color_column" in fragment_options(link)
        page.wait_for_function(
            f"() => ({COLOURED_PIXELS})(document.querySelector('.vega-embed canvas'), {str(has_legend).lower()})"
            f" > {MARK_PIXELS}", timeout=15000)
        assert page.evaluate(f"c => ({COLOURED_PIXELS})(c, {str(has_legend).lower()})", canvas) > MARK_PIXELS, link
        options = page.evaluate(CHART_OPTIONS)
        for key, value in fragment_options(link).items():
            assert options[key] == value, (link, key, options)
        assert errors == [], (link, errors)
        page.close()


def test_the_mark_check_fails_on_a_chart_that_draws_no_marks(server, browser):
    """The check can fail: a numeric axis on a text column plots nothing, though the legend is drawn."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/ukraine/stance_timeline?_size=max#g.mark=circle&g.x_column=said_on&g.x_type=temporal"
                       "&g.y_column=evidence&g.y_type=quantitative&g.color_column=person")
    canvas = page.wait_for_selector(".vega-embed canvas", timeout=15000)
    page.wait_for_timeout(1000)
    assert page.evaluate(f"c => ({COLOURED_PIXELS})(c, true)", canvas) <= MARK_PIXELS
    page.close()
