"""Read a saved web page: the article's own text, and what the page's metadata says about it.

Pure: takes the page's HTML, returns a PageArticle. trafilatura finds the main
text (no navigation, scripts, related-story boxes or reader comments) and keeps
its paragraphs, one to a line, as the article files in seeds/ have them. It
reads the headline, date, site name and canonical address from the page's meta
tags and JSON-LD. Nothing is fetched: the page is read as saved.
"""

import datetime
from dataclasses import dataclass

import trafilatura


@dataclass(frozen=True)
class PageArticle:
    text: str                 # the main text, one paragraph a line; empty when the page has none
    headline: str | None
    published: str | None     # YYYY-MM-DD
    outlet: str | None        # the site's name
    url: str | None           # the canonical address


def read_html(html):
    """The article of a saved page; text is empty when the page holds no article text."""
    document = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, include_images=False, with_metadata=True,
        favor_precision=True,
        # The page's own dates only: no guessing from the file's date, and never a day in the future.
        date_extraction_params={"extensive_search": False, "original_date": True,
                                "max_date": datetime.date.today().isoformat()})
    if document is None:
        return PageArticle(text="", headline=None, published=None, outlet=None, url=None)
    text = "\n".join(line.strip() for line in (document.text or "").splitlines() if line.strip())
    return PageArticle(text=text, headline=clean(document.title), published=clean(document.date),
                       outlet=clean(document.sitename), url=web_address(document.url))


def clean(value):
    value = " ".join((value or "").split())
    return value or None


def web_address(value):
    value = clean(value)
    return value if value and value.startswith(("http://", "https://")) else None
