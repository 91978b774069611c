"""The codebook's word patterns, for issue signals and position cues alike: compiled once, matched fast.

Pure. A pattern is written as a curator would say it:

- `troops`: the word, case-insensitive, with word boundaries;
- `peacekeep*`: any word that starts so (peacekeeper, peacekeeping);
- `boots on the ground`: the words in that order, whatever spaces or
  punctuation lie between them;
- `a|b`: either;
- `forces NEAR U.S.|American|our`: the first within four words of one of the
  others, either side.

A straight and a curly apostrophe match each other. Patterns are matched on
the lower-cased text and start with their first word's letters, so that the
regular-expression engine can search for those letters at C speed: written
with IGNORECASE and a leading (?<!\\w), each took 5 to 45 µs a sentence, and
tagging 361 µs a quote, for 600,000 quotes at 50,000 articles.
"""

import re
from dataclasses import dataclass

NEAR_WORDS = 4
WORD = re.compile(r"^[\w.'’-]+\*?$")
# What may lie between the two sides of a NEAR: at most NEAR_WORDS - 1 words.
WORD_RUN = re.compile(r"[^\W_]+")
NEAR_GAP = re.compile(r"\W+(?:\w+\W+){0,%d}" % (NEAR_WORDS - 1))


class SignalError(ValueError):
    """A pattern that cannot be read; the message says how to write it."""


@dataclass(frozen=True)
class WordPattern:
    key: str                   # what it stands for: an issue id (a signal) or a position id (a cue)
    text: str                  # as the codebook writes it
    alternatives: tuple        # compiled phrases, any of which matches (the left side of a NEAR)
    near: tuple = ()           # for a NEAR, the compiled phrases one of which must be near
    # Words the text must hold, lower-cased, for the pattern to match: one of each group (see PatternIndex).
    needles: tuple = ()

    @property
    def issue_id(self):
        return self.key

    def spans(self, lowered):
        """(start, end) of each match in `lowered` (a text, lower-cased by `lower`), leftmost first."""
        lefts = spans_of(self.alternatives, lowered)
        if not self.near:
            return without_overlaps(lefts)
        rights = spans_of(self.near, lowered)
        found = []
        for left in lefts:
            pairs = [(max(left[0], right[0]) - min(left[1], right[1]), right) for right in rights
                     if NEAR_GAP.fullmatch(lowered, min(left[1], right[1]), max(left[0], right[0]))]
            if pairs:
                right = min(pairs)[1]
                found.append((min(left[0], right[0]), max(left[1], right[1])))
        return without_overlaps(found)


def spans_of(patterns, lowered):
    return [match.span() for pattern in patterns for match in pattern.finditer(lowered)]


def without_overlaps(spans):
    kept = []
    for span in sorted(set(spans), key=lambda span: (span[0], -span[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def lower(text):
    """`text` lower-cased, character for character, so offsets into it are offsets into `text`."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(character.lower() if len(character.lower()) == 1 else character for character in text)


def phrase_pattern(phrase):
    """A phrase compiled for lower-cased text: its first letters first, the word boundary checked behind them."""
    words = phrase.split()
    if not words:
        raise SignalError("is empty: write a word, a phrase, a word* or 'word NEAR other|words'")
    parts = []
    for n, word in enumerate(words):
        if not WORD.match(word) or word == "*":
            raise SignalError(f"has {word!r}, which is not a word: use letters, digits, . ' - and a * at the end")
        stem = word[:-1] if word.endswith("*") else word
        written = re.sub("['’]", "['’]", re.escape(stem.lower()))
        if n == 0:
            # No word character just before the first word: (?<!\w) written after it, of its length.
            written += r"(?<!\w.{%d})" % len(stem)
        parts.append(written + (r"\w*" if word.endswith("*") else ""))
    return re.compile(r"\W+".join(parts) + ("" if words[-1].endswith("*") else r"(?!\w)"), re.DOTALL)


def needle(phrase):
    """The longest run of letters and digits in a phrase, lower-cased: any match holds it."""
    return max(WORD_RUN.findall(phrase), key=len).lower()


def compile_signal(key, text):
    """The WordPattern of one codebook entry; SignalError when it cannot be read."""
    if not isinstance(text, str):
        raise SignalError("must be text: a word, a phrase, a word* or 'word NEAR other|words'")
    words = text.split()
    if "NEAR" in words:
        at = words.index("NEAR")
        first, others = " ".join(words[:at]), " ".join(words[at + 1:])
        if "NEAR" in words[at + 1:] or not first or not others:
            raise SignalError("NEAR needs a word or phrase on each side, once: 'forces NEAR U.S.|American'")
        return WordPattern(key=key, text=text, alternatives=(phrase_pattern(first),),
                           near=tuple(phrase_pattern(other) for other in others.split("|")),
                           needles=((needle(first),), tuple(needle(other) for other in others.split("|"))))
    alternatives = text.split("|")
    return WordPattern(key=key, text=text, alternatives=tuple(phrase_pattern(other) for other in alternatives),
                       needles=(tuple(needle(other) for other in alternatives),))


class PatternIndex:
    """WordPatterns indexed by the words they need.

    Most patterns cannot match a given sentence, since it lacks a word they
    need: the index looks for each needed word once, then returns only the
    patterns whose words are all there, in their given order.
    """

    def __init__(self, items):
        self.items = list(items)
        self.needles = sorted({needle for item in self.items for group in item.needles for needle in group})
        self.by_needle = {}
        for n, item in enumerate(self.items):
            for needle in item.needles[0] if item.needles else ():
                self.by_needle.setdefault(needle, []).append(n)
        self.unindexed = [n for n, item in enumerate(self.items) if not item.needles]

    def candidates(self, lowered):
        """The items that may match `lowered` (a lower-cased text), in the order given."""
        # A substring search for each needed word: quicker than splitting the text into words.
        present = {needle for needle in self.needles if needle in lowered}
        chosen = set(self.unindexed)
        for needle in present:
            chosen.update(self.by_needle.get(needle, ()))
        return [self.items[n] for n in sorted(chosen)
                if all(any(needle in present for needle in group) for group in self.items[n].needles[1:])]


def indexed(items):
    """`items` as a PatternIndex (built once by a caller that matches many texts)."""
    return items if isinstance(items, PatternIndex) else PatternIndex(items)
