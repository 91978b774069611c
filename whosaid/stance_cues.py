"""Suggest a position for each tagged quote, from the cue phrases the codebook declares per point of the scale.

Pure. A suggestion is a clerk's reading, for a person to accept or reject; it
never becomes a stance by itself. Cues are written as the issue signals are
(see word_patterns): a word, a phrase, a word* or 'word NEAR other|words', under
each position's `cues:` in seeds/issues.yml.

How one (quote, issue) pair is read:

1. Every cue is found in the quote's sentence (quotes.context). A cue inside a
   longer one counts as the longer one only ("will not" inside "will not rule
   out").
2. The cues inside the quote's own words come first: they are the speaker's.
   Only when the quote has none do the reporter's words around it count
   ("was prepared to 'front-load' …"), and never the words of another quote
   in the sentence.
3. Of those, the cue nearest to the words that tagged the issue is taken,
   in their clause if one is there: a sentence can rule out one thing and
   support another.
4. Negation changes the point: "not" (no, never, n't …) within three words
   before a cue for the issue makes it a rule-out ("not on the table"), and
   before a rule-out ("not ruling out") makes it open.
5. A condition ("if", "unless" …) in the same clause makes it conditional.
6. A signal the codebook marks as the issue's opposite ("behind our backs",
   "without Ukraine") turns the scale round: "a deal without Ukraine will not
   work" is for Ukraine at the table.
"""

import re
from dataclasses import dataclass

from .word_patterns import compile_signal, indexed, lower

NEGATION = re.compile(r"(?<!\w)(?:not|no|never|without|hardly|n['’]t)(?!\w)|n['’]t(?!\w)", re.IGNORECASE)
NEGATION_WORDS = 3
# What ends a clause: a sentence's end, a semicolon or colon, a dash, or a "but".
CLAUSE_END = re.compile(r"[.!?;:]\s|\s[—–]\s|—|(?<!\w)but(?!\w)", re.IGNORECASE)
# Another quotation in the sentence, between double marks.
QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")
CONDITIONAL = "conditional"
OPEN = "open"


@dataclass(frozen=True)
class Found:
    """A cue matched in a sentence: its place in the sentence (quotes.context)."""

    cue: object                # the WordPattern of the cue; its key is the position
    start: int
    end: int
    words: str


@dataclass(frozen=True)
class Suggestion:
    quote_id: str
    issue_id: str
    position: str
    cues: tuple                # the words that decided it, as the text has them
    offsets: tuple             # (start, end) of each in articles.text; empty when the sentence is not located
    rule: str                  # how the position follows from the cues


def cues_of(positions):
    """Every cue of the codebook's positions (position id -> entry with `cues`), compiled."""
    return [compile_signal(position_id, text) for position_id, position in positions.items()
            for text in position.get("cues") or []]


def find_cues(sentence, lowered, cues):
    """The cues in `sentence` (`lowered`, lower-cased), leftmost first, each not inside a longer one."""
    found = [Found(cue, start, end, sentence[start:end])
             for cue in indexed(cues).candidates(lowered) for start, end in cue.spans(lowered) if end > start]
    kept = []
    for item in sorted(found, key=lambda item: (item.start - item.end, item.start)):
        if not any(other.start <= item.start and item.end <= other.end for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda item: (item.start, item.end))


def clause_of(sentence, at, boundaries=None):
    """(start, end) of the clause of `sentence` that holds offset `at`; `boundaries`, the spans of
    CLAUSE_END in the sentence, when already found."""
    start, end = 0, len(sentence)
    for boundary in boundaries if boundaries is not None else CLAUSE_END.finditer(sentence):
        boundary_start, boundary_end = boundary if boundaries is not None else boundary.span()
        if boundary_end <= at:
            start = boundary_end
        elif boundary_start >= at:
            end = boundary_start
            break
    return start, end


def distance(a, b):
    """Characters between two (start, end) spans; 0 when they touch or overlap."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def negation_before(sentence, item, clause_start):
    """The negation within NEGATION_WORDS words before a cue, in its clause; None if there is none."""
    if NEGATION.search(item.words):
        return None
    before = sentence[clause_start:item.start]
    words = list(re.finditer(r"[\w'’]+", before))[-NEGATION_WORDS:]
    if not words:
        return None
    window_start = clause_start + words[0].start()
    last = None
    for match in NEGATION.finditer(sentence, window_start, item.start):
        last = match
    return last


@dataclass(frozen=True)
class QuoteReading:
    """The cues of one quote's sentence, found once for all the issues the quote is tagged with."""

    quote: dict
    sentence: str
    within: int                # where the quote's words start in the sentence; -1 if they are not there
    quote_span: tuple
    candidates: list           # the cues that may decide: the quote's own, else those around it
    conditions: list           # the conditions ("if", "unless" …) anywhere in the sentence
    boundaries: list           # where the sentence's clauses end (CLAUSE_END spans)


def read_quote(quote, cues):
    """The QuoteReading of one quote (a dict with id, text, context, start, source)."""
    sentence = quote["context"] or quote["text"]
    within = sentence.find(quote["text"])
    quote_span = (within, within + len(quote["text"])) if within >= 0 else (0, len(sentence))
    found = find_cues(sentence, lower(sentence), cues)
    stated = [item for item in found if item.cue.key != CONDITIONAL]
    own = [item for item in stated if quote_span[0] <= item.start and item.end <= quote_span[1]]
    # Around the quote, the reporter's words only: another quote in the sentence has its own reading.
    others = [match.span() for match in QUOTED.finditer(sentence)
              if not (match.start() <= quote_span[0] and quote_span[1] <= match.end())] if not own else []
    around = [item for item in stated if not any(start <= item.start < end for start, end in others)]
    return QuoteReading(quote=quote, sentence=sentence, within=within, quote_span=quote_span,
                        candidates=own or around, conditions=[item for item in found if item.cue.key == CONDITIONAL],
                        boundaries=[match.span() for match in CLAUSE_END.finditer(sentence)] if found else [])


def suggest(quote, issue_id, issue_signals, inverse_signals, cues, scores):
    """The Suggestion for one quote (a dict with id, text, context, start, source) and one issue it is tagged
    with, or None when no cue speaks to it.

    `issue_signals` are the issue's compiled signals, `inverse_signals` the texts of those that name the
    issue's opposite, `cues` every compiled cue (each list may be a PatternIndex), `scores` position id -> score.
    """
    reading = read_quote(quote, cues)
    lowered = lower(reading.sentence)
    anchors = [(start, end, signal.text in inverse_signals)
               for signal in indexed(issue_signals).candidates(lowered) for start, end in signal.spans(lowered)]
    return suggest_from(reading, issue_id, anchors, scores)


def suggest_from(reading, issue_id, anchors, scores):
    """The Suggestion of a QuoteReading for one issue, whose signals matched its sentence at `anchors`
    ((start, end, names the issue's opposite) in the sentence); None when no cue speaks to it."""
    sentence, candidates, conditions = reading.sentence, reading.candidates, reading.conditions
    anchors = anchors or [(*reading.quote_span, False)]

    def nearness(item):
        # A cue in a clause that names the issue first: "… won't be on the ground. But we can help …".
        clause = clause_of(sentence, item.start, reading.boundaries)
        apart = not any(clause[0] <= anchor[0] < clause[1] for anchor in anchors)
        return apart, min(distance((item.start, item.end), anchor[:2]) for anchor in anchors), item.start

    if not candidates:
        if not conditions:
            return None
        chosen, position, rule, decided = conditions[0], CONDITIONAL, "condition", [conditions[0]]
    else:
        chosen = min(candidates, key=nearness)
        position, rule, decided = chosen.cue.key, f'cue "{chosen.cue.text}"', [chosen]
        clause = clause_of(sentence, chosen.start, reading.boundaries)
        negation = negation_before(sentence, chosen, clause[0])
        if negation is not None and (scores[position] >= 0 or position == "rules_out"):
            position = OPEN if position == "rules_out" else "rules_out"
            rule += ", negated"
            decided.insert(0, Found(chosen.cue, negation.start(), negation.end(), negation.group(0)))
        condition = next((item for item in conditions if clause[0] <= item.start < clause[1]), None)
        if condition is not None and position != CONDITIONAL:
            position, rule = CONDITIONAL, rule + f', under the condition "{condition.words}"'
            decided.append(condition)
        nearest = min(anchors, key=lambda anchor: distance((chosen.start, chosen.end), anchor[:2]))
        if nearest[2] and scores[position] != 0:
            by_score = {score: position_id for position_id, score in scores.items()}
            position = by_score.get(-scores[position], position)
            rule += ", of the issue's opposite"
    quote, within = reading.quote, reading.within
    base = quote["start"] - within if within >= 0 and quote.get("source") == "text" else None
    return Suggestion(
        quote_id=quote["id"], issue_id=issue_id, position=position, rule=rule,
        cues=tuple(item.words for item in decided),
        offsets=tuple((base + item.start, base + item.end) for item in decided) if base is not None else ())
