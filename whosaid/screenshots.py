"""The README's screenshots, taken in headless Chromium from a served database, so they can be remade
after any change to the pages: `python build_db.py screenshots` (or `make screenshots`)."""

import html
import re
from pathlib import Path

from .serving import METADATA, served

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTH, HEIGHT = 1280, 900


def start_here_pages(metadata_text):
    """The page of each kind the front page's "Start here" links (issue, person, quote, article), by kind,
    and its troops chart link: the pages the README shows."""
    links = [html.unescape(link) for link in re.findall(r'href="([^"]+)"', metadata_text.split("databases:")[0])]
    pages = {}
    for kind in ("issues", "people", "quotes", "articles"):
        pages[kind] = next(link for link in links if link.startswith(f"/ukraine/{kind}/"))
    pages["chart"] = next(link for link in links if link.startswith("/-/dashboards/positions?issue=us-troops"))
    return pages


def take(db_path, out_dir, metadata=METADATA):
    """Write one PNG per page to `out_dir` (quote.png, article.png, …); return their paths."""
    from playwright.sync_api import sync_playwright   # a test dependency: only this command needs it

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = {"issues": "issue-page.png", "people": "person-page.png", "quotes": "quote-page.png",
             "articles": "article-page.png", "chart": "positions-on-us-troops.png"}
    written = []
    with served(Path(db_path)) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        for kind, link in start_here_pages(Path(metadata).read_text(encoding="utf-8")).items():
            page.goto(base + link)
            page.wait_for_load_state("networkidle")   # a chart draws after its data arrives
            if kind == "chart":
                page.wait_for_selector("#chart-timeline svg g.mark-symbol path", timeout=30_000)
                page.locator(".dashboard-card").first.screenshot(path=str(out_dir / names[kind]))
            else:
                page.screenshot(path=str(out_dir / names[kind]))   # the first screen, as a reader lands
            written.append(out_dir / names[kind])
        browser.close()
    return written
