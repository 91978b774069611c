"""The stance suggestions no curated stance covers, as stances.yml entries a curator can paste and review.

`open_suggestions` reads them from a built database, each with its article's
text; `stance_entry` turns one into an entry (pure), and `format_entries`
writes entries as YAML. An entry
pasted unchanged must build: its evidence is the article's exact words (the
quote, or the quote's sentence when the quote is too short to be evidence),
with the occurrence where they occur more than once, and its id is new.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

REVIEW_SQL = Path(__file__).resolve().parent.parent / "sql" / "review" / "open_suggestions.sql"
# What stances.yml accepts as evidence (seeds.StanceEntry): eight characters or more, two words or more.
EVIDENCE_MIN_CHARS = 8
EVIDENCE_PATTERN = re.compile(r"\S+\s+\S+")


@dataclass(frozen=True)
class SuggestedStance:
    id: str
    person: str
    issue: str
    position: str
    article: str
    evidence: str
    occurrence: int | None
    note: str


def open_suggestions(db, article=None, person=None, issue=None):
    """The open suggestions of a built database (sqlite_utils.Database), as dicts in the articles' order, each
    with `article_text`; one article's text is held at a time."""
    cursor = db.execute(REVIEW_SQL.read_text(encoding="utf-8"),
                        {"article": article, "person": person, "issue": issue})
    columns = [column[0] for column in cursor.description]
    text_of = {}
    for row in cursor:
        row = dict(zip(columns, row))
        if row["article_id"] not in text_of:
            text_of = {row["article_id"]: db.execute("select text from articles where id = ?",
                                                     [row["article_id"]]).fetchone()[0]}
        yield {**row, "article_text": text_of[row["article_id"]]}


def evidence_of(row):
    """(evidence, start) in the article's text: the quote's words, or its sentence when they are too short
    to be evidence; None when neither can be found there (a headline's quote)."""
    text = row["article_text"]
    if row["source"] == "text" and text[row["start"]:row["end"]] == row["quote"] and is_evidence(row["quote"]):
        return row["quote"], row["start"]
    sentence = (row["context"] or "").strip()
    if not is_evidence(sentence):
        return None
    # The occurrence of the sentence that holds the quote, else the first.
    starts = occurrences(sentence, text)
    holding = [start for start in starts if row["source"] == "text" and start <= row["start"] < start + len(sentence)]
    chosen = holding or starts
    return (sentence, chosen[0]) if chosen else None


def is_evidence(words):
    return len(words) >= EVIDENCE_MIN_CHARS and bool(EVIDENCE_PATTERN.search(words))


def occurrences(words, text):
    starts, at = [], text.find(words)
    while at != -1:
        starts.append(at)
        at = text.find(words, at + 1)
    return starts


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def stance_entry(row, taken):
    """The SuggestedStance of one open suggestion, with an id not in `taken` (a set it adds to); None when its
    words cannot be cited."""
    found = evidence_of(row)
    if found is None:
        return None
    evidence, start = found
    starts = occurrences(evidence, row["article_text"])
    day = row["said_on"] if row["said_on"] and row["said_on_precision"] == "day" \
        else f"by-{row['published']}" if row["published"] else "undated"
    stem = slug(f"{row['person_id']}-{row['issue_id']}-{day}-{row['article_id']}")
    stance_id, n = stem, 1
    while stance_id in taken:
        n += 1
        stance_id = f"{stem}-{row['position'].replace('_', '-')}" + (f"-{n - 1}" if n > 2 else "")
    taken.add(stance_id)
    cues = " … ".join(json.loads(row["cues"]))
    return SuggestedStance(
        id=stance_id, person=row["person_id"], issue=row["issue_id"], position=row["position"],
        article=row["article_id"], evidence=evidence,
        occurrence=starts.index(start) + 1 if len(starts) > 1 else None,
        note=f'suggested from "{cues}"; review')


def format_entries(entries):
    """stances.yml entries, in its order of fields; strings in double quotes, as JSON writes them (valid YAML)."""
    blocks = []
    for entry in entries:
        lines = [f"{entry.id}:"]
        for field in ("person", "issue", "position", "article", "evidence", "occurrence", "note"):
            value = getattr(entry, field)
            if value is None:
                continue
            # An article id may read as a date or a number to YAML ("2025-02-12-…" does not, but quoting is safe).
            written = json.dumps(value, ensure_ascii=False) if field in ("article", "evidence", "note") else value
            lines.append(f"  {field}: {written}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
