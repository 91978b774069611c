"""A quote's page: the words in their paragraph, who said them, where and when, and a line to cite.

The formatting is tested on its own; the page is tested through Datasette, and in headless Chromium
as a reader sees it.
"""

import collections
import urllib.request

import pytest
import sqlite_utils
from playwright.sync_api import sync_playwright

from test_charts import CHROMIUM, CHROMIUM_FLAGS
from whosaid.quote_page import cite_line, date_in_words, marked_paragraph
from whosaid.serving import served


@pytest.mark.parametrize("said_on, precision, basis, published, words", [
    ("2025-02-13", "day", "on Thursday", "2025-02-14", "on Thursday 13 February 2025 (the text: “on Thursday”)"),
    ("2025-02-10", "week", "earlier this week", "2025-02-14", "the week of 10 February 2025 (the text: “earlier this week”)"),
    ("2024-01-01", "month", "In January 2024", "2025-02-14", "January 2024"),
    ("2022-01-01", "year", "in 2022", "2025-02-14", "2022"),
    ("2025-02-14", "published", None, "2025-02-14", "on or before 14 February 2025 (publication: the text does not date these words)"),
])
def test_a_date_is_written_no_more_precisely_than_the_text_gives_it(said_on, precision, basis, published, words):
    assert date_in_words(said_on, precision, basis, published) == words


def test_the_paragraph_marks_the_quote_the_speaker_and_the_cue():
    # An invented paragraph that begins at offset 100 of its article.
    text = "Later, Minister Ana Lobo told the panel that “no soldier will go” and left. Lobo told nobody else."
    begin = text.index("no soldier")
    quote = {"start": 100 + begin, "end": 100 + begin + len("no soldier will go"), "cue": "told",
             "speaker_start": 100 + text.index("Minister"), "speaker_end": 100 + text.index(" told")}
    context = text[:text.index(" Lobo told nobody")]
    marked = [(segment.mark, segment.text) for segment in marked_paragraph(text, 100, quote, context)
              if segment.mark]
    assert marked == [("speaker", "Minister Ana Lobo"), ("cue", "told"), ("quote", "no soldier will go")]
    assert "".join(segment.text for segment in marked_paragraph(text, 100, quote, context)) == text


@pytest.fixture(scope="module")
def quotes(db_path):
    return {row["id"]: row for row in sqlite_utils.Database(db_path)["quotes"].rows}


@pytest.mark.asyncio
async def test_every_quote_has_a_page_with_its_words_its_article_and_a_citation(datasette, quotes, db_path):
    db = sqlite_utils.Database(db_path)
    for quote_id, quote in quotes.items():
        response = await datasette.client.get(f"/ukraine/quotes/{quote_id}")
        assert response.status_code == 200, quote_id
        page = response.text
        article = db["articles"].get(quote["article_id"])
        assert f'<mark class="quote">{escape(quote["text"])}</mark>' in page, quote_id
        assert f'href="/ukraine/articles/{quote["article_id"]}"' in page, quote_id
        if quote["speaker_id"]:
            assert f'href="/ukraine/people/{quote["speaker_id"]}"' in page, quote_id
        assert f"/ukraine/quotes/{quote_id}</p>" in page and escape(article["outlet"] or "an unknown outlet") in page


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") \
        .replace("'", "&#39;")


@pytest.fixture(scope="module")
def server(db_path):
    with served(db_path) as base:
        yield base


def test_a_reader_sees_the_quote_highlighted_in_its_paragraph_and_every_link_resolves(server, quotes, db_path):
    # The quote with the most other reports: the page with the most to show and to link.
    reports = collections.Counter(quote["utterance_id"] for quote in quotes.values() if quote["utterance_id"])
    quote_id = max((q for q in quotes if quotes[q]["speaker_start"] is not None),
                   key=lambda q: (reports[quotes[q]["utterance_id"]], q))
    quote = quotes[quote_id]
    article = sqlite_utils.Database(db_path)["articles"].get(quote["article_id"])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        assert page.goto(f"{server}/ukraine/quotes/{quote_id}").status == 200
        highlight = page.locator(".quote-page blockquote mark.quote")
        assert highlight.count() == 1 and highlight.inner_text() == quote["text"].strip()
        assert highlight.is_visible() and highlight.bounding_box()["y"] < 900   # on the first screen
        speaker = page.locator(".quote-page blockquote .speaker")
        assert speaker.inner_text() == article["text"][quote["speaker_start"]:quote["speaker_end"]].strip()
        others = page.locator(".quote-page ul.wordings li").count()
        links = page.eval_on_selector_all(".quote-page a[href]", "links => links.map(a => a.href)")
        browser.close()
    assert errors == [] and others == reports[quote["utterance_id"]] - 1 >= 1
    for link in links:
        if link.startswith(server):
            with urllib.request.urlopen(link, timeout=30) as response:
                assert response.status == 200, link
        else:
            assert link == article["url"], link   # the source's own address, not fetched: no network here


def test_the_citation_names_the_words_the_speaker_the_day_the_outlet_and_the_address():
    quote = {"text": " no soldier will go, "}
    line = cite_line(quote, {"name": "Ana Lobo"}, {"outlet": "The Courier", "published": "2025-03-02"},
                     date_in_words("2025-03-01", "day", None, "2025-03-02"), "https://example.org/q/1")
    assert line == ("“no soldier will go,” (Ana Lobo, on Saturday 1 March 2025), as reported by The Courier, "
                    "2025-03-02. Who Said What: U.S. Troops in Ukraine, https://example.org/q/1")
