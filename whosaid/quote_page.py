"""What a quote's page shows: its words in their paragraph, who said them, where and when; pure but for `load`.

A reader who lands on a quote must be able to check it without opening
anything else: the paragraph with the quote, the cue and the speaker's name
marked; the speaker and the article, linked; the date in words, as precise as
the text makes it and no more; the other outlets' wordings of the same words;
the curated positions that cite them; and a line to cite it by.
"""

import datetime
import re
from dataclasses import dataclass, field


@dataclass
class Segment:
    """A run of a paragraph's text; `mark` is "quote", "cue", "speaker" or "" for plain text."""

    text: str
    mark: str = ""


@dataclass
class QuotePage:
    quote: dict
    paragraph: list            # Segments of the quote's paragraph (or headline), in order
    speaker: dict | None
    article: dict
    said: str                  # the date in words
    wordings: list = field(default_factory=list)   # the same utterance in other quotes, with outlets
    stances: list = field(default_factory=list)    # curated positions whose evidence overlaps the quote
    cite: str = ""


def date_in_words(said_on, precision, basis, published):
    """'on Thursday 13 February 2025', 'the week of 10 February 2025', 'February 2024', '2022', or
    'on or before 14 February 2025 (publication)': never more precise than the text."""
    if not said_on:
        return "undated"
    day = datetime.date.fromisoformat(said_on)
    if precision == "day":
        words = f"on {day:%A} {day.day} {day:%B %Y}"
        return f"{words} (the text: “{basis}”)" if basis else words
    if precision == "week":
        return f"the week of {day.day} {day:%B %Y}" + (f" (the text: “{basis}”)" if basis else "")
    if precision == "month":
        return f"{day:%B %Y}"
    if precision == "year":
        return f"{day:%Y}"
    on = datetime.date.fromisoformat(published) if published else day
    return f"on or before {on.day} {on:%B %Y} (publication: the text does not date these words)"


def date_at_precision(value, precision):
    """A stored ISO date as a table shows it: '2024-01-01' of month precision is 'January 2024', of year
    precision '2022', a week 'week of 2025-02-10', a publication date 'on or before 2025-02-14'."""
    try:
        day = datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    shown = {"week": f"week of {value}", "month": f"{day:%B %Y}", "year": f"{day:%Y}",
             "published": f"on or before {value}"}
    return shown.get(precision)


def marked_paragraph(text, start, quote, context):
    """The paragraph `text`, which begins at article offset `start`, cut into Segments: the quote's own
    words, the words that name the speaker, and the cue word in the sentence around them (`context`)."""
    marks = []   # (begin, end, kind) within text
    quote_begin, quote_end = quote["start"] - start, quote["end"] - start
    if 0 <= quote_begin < quote_end <= len(text):
        marks.append((quote_begin, quote_end, "quote"))
    speaker_near = quote_begin
    if quote["speaker_start"] is not None and quote["speaker_end"] is not None:
        begin, end = quote["speaker_start"] - start, quote["speaker_end"] - start
        if 0 <= begin < end <= len(text):
            marks.append((begin, end, "speaker"))
            speaker_near = begin
    sentence = find_near(text, context, quote_begin) if context else -1
    if sentence >= 0 and quote["cue"]:
        cues = [sentence + found.start() for found in re.finditer(rf"\b{re.escape(quote['cue'])}\b", context)]
        cues = [begin for begin in cues if not any(b <= begin < e for b, e, _ in marks)]
        if cues:
            begin = min(cues, key=lambda place: abs(place - speaker_near))
            marks.append((begin, begin + len(quote["cue"]), "cue"))
    return segments(text, marks)


def find_near(text, part, near):
    """Where `part` occurs in `text`, the occurrence nearest `near`; -1 if nowhere."""
    places = [found.start() for found in re.finditer(re.escape(part), text)]
    return min(places, key=lambda place: abs(place - near)) if places else -1


def segments(text, marks):
    """`text` cut at the marks, which must not overlap (a later one that does is dropped)."""
    kept, pieces, at = [], [], 0
    for begin, end, kind in sorted(marks):
        if begin < at or begin >= end or any(begin < e and b < end for b, e, _ in kept):
            continue
        kept.append((begin, end, kind))
    for begin, end, kind in kept:
        if begin > at:
            pieces.append(Segment(text[at:begin]))
        pieces.append(Segment(text[begin:end], kind))
        at = end
    if at < len(text):
        pieces.append(Segment(text[at:]))
    return pieces


def cite_line(quote, speaker, article, said, url):
    """One line to cite the quote by: its words, who, where, when, and this page's stable address."""
    who = speaker["name"] if speaker else "an unnamed speaker"
    where = article["outlet"] or "an unknown outlet"
    published = article["published"] or "date unknown"
    return (f"“{quote['text'].strip()}” ({who}, {said}), as reported by {where}, {published}. "
            f"Who Said What: U.S. Troops in Ukraine, {url}")


async def fetch_rows(database, sql, params):
    """The rows of `sql` on Datasette's `database`, as dicts: what every page's loader reads."""
    return [dict(row) for row in (await database.execute(sql, list(params))).rows]


async def load(database, quote_id, url):
    """The QuotePage of `quote_id` from Datasette's `database`, or None if there is no such quote."""
    async def one(sql, params):
        rows = (await database.execute(sql, params)).rows
        return dict(rows[0]) if rows else None

    quote = await one("select * from quotes where id = ?", [quote_id])
    if quote is None:
        return None
    article = await one("select id, outlet, headline, published, url from articles where id = ?",
                        [quote["article_id"]])
    speaker = quote["speaker_id"] and await one(
        "select id, name, role, affiliation, registered from people where id = ?", [quote["speaker_id"]])
    paragraph = await one("select text, start, kind from paragraphs where id = ?", [quote["paragraph_id"]])
    if quote["source"] == "headline" or paragraph is None:
        text, start = article["headline"] or quote["text"], 0
    else:
        text, start = paragraph["text"], paragraph["start"]
    wordings = [dict(row) for row in (await database.execute(
        "select quotes.id, quotes.text, articles.outlet, articles.published from quotes "
        "join articles on articles.id = quotes.article_id "
        "where quotes.utterance_id = ? and quotes.id != ? order by articles.published, quotes.id",
        [quote["utterance_id"], quote_id])).rows] if quote["utterance_id"] else []
    stances = [dict(row) for row in (await database.execute(
        "select stances.id, stances.position, stances.evidence, issues.title as issue from stances "
        "join issues on issues.id = stances.issue_id "
        "where stances.article_id = ? and stances.start < ? and ? < stances.[end] order by stances.id",
        [quote["article_id"], quote["end"], quote["start"]])).rows]
    said = date_in_words(quote["said_on"], quote["said_on_precision"], quote["said_on_basis"], article["published"])
    return QuotePage(quote=quote, paragraph=marked_paragraph(text, start, quote, quote["context"]),
                     speaker=speaker or None, article=article, said=said, wordings=wordings, stances=stances,
                     cite=cite_line(quote, speaker, article, date_in_words(
                         quote["said_on"], quote["said_on_precision"], None, article["published"]), url))
