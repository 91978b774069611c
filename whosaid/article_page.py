"""What an article's page shows: its repaired text by paragraph, with every quote, every coded position's
evidence and every repaired character marked where it is; pure but for `load`.

A paragraph is cut at every place where a mark begins or ends, so marks that
overlap (a quote inside a quote, evidence across a quote) need no nesting:
each piece says which quotes cover it, whether evidence does, and what the
file had there if the build repaired it. After the piece where a quote ends
comes a link to the quote's page, with its speaker.
"""

from dataclasses import dataclass

from .quote_page import fetch_rows


@dataclass
class Piece:
    text: str
    quotes: tuple = ()         # ids of the quotes whose words these are
    evidence: bool = False     # inside a coded position's evidence
    original: str | None = None   # what the file had, where the build repaired this character


@dataclass
class QuoteEnd:
    """Where a quote's words end: the link to its page."""

    quote_id: str
    speaker: str | None


@dataclass
class Paragraph:
    id: str
    kind: str          # prose, headline, caption, boilerplate or social_post
    items: list        # Pieces and QuoteEnds, in order


def mark_paragraph(paragraph, quotes, evidence, repairs):
    """The items of one paragraph (a dict with id, kind, start, end, text); quotes, evidence spans and
    repairs in article offsets: (start, end, quote id, speaker name), (start, end) and (start, original)."""
    start, end, text = paragraph["start"], paragraph["end"], paragraph["text"]
    inside = [quote for quote in quotes if start <= quote[0] < quote[1] <= end]
    spans = [(max(b, start), min(e, end)) for b, e in evidence if b < end and start < e]
    fixes = {at: original for at, original in repairs if start <= at < end}
    cuts = {start, end} | {q[0] for q in inside} | {q[1] for q in inside} | {b for b, _ in spans} \
        | {e for _, e in spans} | set(fixes) | {at + 1 for at in fixes}
    cuts = sorted(cut for cut in cuts if start <= cut <= end)
    items = []
    for begin, finish in zip(cuts, cuts[1:]):
        items.append(Piece(
            text[begin - start:finish - start],
            quotes=tuple(q[2] for q in inside if q[0] <= begin and finish <= q[1]),
            evidence=any(b <= begin and finish <= e for b, e in spans),
            original=fixes.get(begin) if finish == begin + 1 else None))
        items += [QuoteEnd(q[2], q[3]) for q in inside if q[1] == finish]
    return Paragraph(paragraph["id"], paragraph["kind"], items)


async def load(database, article_id):
    """The article row and its marked Paragraphs from Datasette's `database`, or None if there is none."""
    async def rows(sql):
        return await fetch_rows(database, sql, [article_id])

    found = await rows("select id, outlet, headline, published, url, note, words, repairs from articles where id = ?")
    if not found:
        return None
    quotes = [(row["start"], row["end"], row["id"], row["name"]) for row in await rows(
        "select quotes.id, quotes.start, quotes.[end], people.name from quotes "
        "left join people on people.id = quotes.speaker_id "
        "where quotes.article_id = ? and quotes.source = 'text' order by quotes.start, quotes.id")]
    evidence = [(row["start"], row["end"]) for row in await rows(
        "select start, [end] from stances where article_id = ? order by start")]
    repairs = [(row["start"], row["original"]) for row in await rows(
        "select start, original from text_repairs where article_id = ? order by start")]
    paragraphs = [mark_paragraph(row, quotes, evidence, repairs) for row in await rows(
        "select id, kind, start, [end], text from paragraphs where article_id = ? order by n")]
    return {"article": found[0], "paragraphs": paragraphs}
