"""An article's page: the repaired text by paragraph, with quotes, evidence and repairs marked where they are."""

import html.parser

import pytest
import sqlite_utils
from playwright.sync_api import sync_playwright

from test_charts import CHROMIUM, CHROMIUM_FLAGS
from whosaid.article_page import Piece, QuoteEnd, mark_paragraph
from whosaid.serving import served


def test_overlapping_marks_cut_the_paragraph_into_pieces_that_each_know_theirs():
    # An invented paragraph at offset 50: a quote, evidence that starts inside it, and one repaired dash.
    text = "Lobo said \u201cno soldier will go\u201d \u2014 and meant it."
    start = 50
    quote = (start + text.index("no"), start + text.index("\u201d"), "a-q001", "Ana Lobo")
    evidence = [(start + text.index("will"), start + text.index(" and meant"))]
    repairs = [(start + text.index("\u2014"), "\u00e2")]
    items = mark_paragraph({"id": "a-p001", "kind": "prose", "start": start, "end": start + len(text),
                            "text": text}, [quote], evidence, repairs)
    assert "".join(item.text for item in items.items if isinstance(item, Piece)) == text
    assert "".join(item.text for item in items.items if isinstance(item, Piece) and item.quotes) == "no soldier will go"
    assert [item.text for item in items.items if isinstance(item, Piece) and item.evidence] == \
        ["will go", "\u201d ", "\u2014"]
    assert [item.original for item in items.items if isinstance(item, Piece) and item.original] == ["\u00e2"]
    ends = [n for n, item in enumerate(items.items) if isinstance(item, QuoteEnd)]
    assert len(ends) == 1 and items.items[ends[0] - 1].text == "will go" and items.items[ends[0]].speaker == "Ana Lobo"


class QuoteWords(html.parser.HTMLParser):
    """The words of each quote on a page (the spans that name it in data-quotes), and the links to quotes."""

    def __init__(self):
        super().__init__()
        self.words, self.links, self.open = {}, set(), []

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "span":
            self.open.append(attributes.get("data-quotes", "").split())
        if tag == "a" and "/ukraine/quotes/" in attributes.get("href", ""):
            self.links.add(attributes["href"].rsplit("/", 1)[1])

    def handle_endtag(self, tag):
        if tag == "span" and self.open:
            self.open.pop()

    def handle_data(self, data):
        for quote_id in (self.open[-1] if self.open else []):
            self.words[quote_id] = self.words.get(quote_id, "") + data


@pytest.mark.asyncio
async def test_every_article_page_marks_each_quotes_exact_words_and_links_its_page(datasette, db_path):
    db = sqlite_utils.Database(db_path)
    for article in db["articles"].rows:
        response = await datasette.client.get(f"/ukraine/articles/{article['id']}")
        assert response.status_code == 200, article["id"]
        page = QuoteWords()
        page.feed(response.text)
        quotes = {row["id"]: row["text"] for row in db["quotes"].rows_where(
            "article_id = ? and source = 'text'", [article["id"]])}
        assert page.words == quotes, article["id"]
        assert page.links == set(quotes), article["id"]
        repairs = db["text_repairs"].count_where("article_id = ?", [article["id"]])
        assert response.text.count('title="the file had: ') == repairs, article["id"]


def test_a_reader_sees_each_quote_highlighted_in_the_article(db_path):
    db = sqlite_utils.Database(db_path)
    article_id, = db.execute("select article_id from quotes where source = 'text' group by article_id "
                             "order by count(*) desc, article_id limit 1").fetchone()
    quotes = {row["id"]: row["text"] for row in db["quotes"].rows_where("article_id = ? and source = 'text'",
                                                                        [article_id])}
    with served(db_path) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        assert page.goto(f"{base}/ukraine/articles/{article_id}").status == 200
        seen = page.evaluate("""() => {
          const words = {};
          for (const span of document.querySelectorAll('.article-page .text span.q')) {
            const colour = getComputedStyle(span).backgroundColor;
            for (const id of span.dataset.quotes.split(' ')) {
              words[id] = (words[id] || '') + span.textContent;
              if (colour === 'rgba(0, 0, 0, 0)') words[id] += ' [not highlighted]';
            }
          }
          return words;
        }""")
        browser.close()
    assert seen == quotes
