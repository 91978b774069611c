"""Tag each quote with the issues it concerns, from the words the codebook says signal each issue.

Pure. A signal is written in seeds/issues.yml, under an issue's `signals:`, as
a curator would say it:

- `troops`: the word, case-insensitive, with word boundaries;
- `peacekeep*`: any word that starts so (peacekeeper, peacekeeping);
- `boots on the ground`: the words in that order, whatever spaces or
  punctuation lie between them;
- `forces NEAR U.S.|American|our`: the first within four words of one of the
  others, either side.

A quote is matched together with its sentence (quotes.context), because a
fragment such as "deadly trap" or "unrealistic" names no issue by itself.
"""

import re
from dataclasses import dataclass

NEAR_WORDS = 4
WORD = re.compile(r"^[\w.'’-]+\*?$")


@dataclass(frozen=True)
class Signal:
    issue_id: str
    text: str                  # as the codebook writes it
    pattern: re.Pattern


@dataclass(frozen=True)
class Tag:
    quote_id: str
    issue_id: str
    matched: tuple             # the words matched, as the text has them
    offsets: tuple             # (start, end) of each in articles.text; empty when the sentence is not located
    signals: tuple             # the codebook's signals that matched


class SignalError(ValueError):
    """A signal that cannot be read; the message says how to write it."""


def phrase_pattern(phrase):
    words = phrase.split()
    if not words:
        raise SignalError("is empty: write a word, a phrase, a word* or 'word NEAR other|words'")
    parts = []
    for word in words:
        if not WORD.match(word) or word == "*":
            raise SignalError(f"has {word!r}, which is not a word: use letters, digits, . ' - and a * at the end")
        stem = word[:-1] if word.endswith("*") else word
        # A straight or a curly apostrophe, whichever the curator typed: "won't" matches "won’t".
        stem = re.sub("['’]", "['’]", re.escape(stem))
        parts.append(stem + (r"\w*" if word.endswith("*") else ""))
    return r"(?<!\w)" + r"\W+".join(parts) + (r"" if words[-1].endswith("*") else r"(?!\w)")


def compile_signal(issue_id, text):
    """The Signal of one codebook entry; SignalError when it cannot be read."""
    if not isinstance(text, str):
        raise SignalError("must be text: a word, a phrase, a word* or 'word NEAR other|words'")
    words = text.split()
    if "NEAR" in words:
        at = words.index("NEAR")
        first, others = " ".join(words[:at]), " ".join(words[at + 1:])
        if "NEAR" in words[at + 1:] or not first or not others:
            raise SignalError("NEAR needs a word or phrase on each side, once: 'forces NEAR U.S.|American'")
        left = phrase_pattern(first)
        right = "(?:" + "|".join(phrase_pattern(other) for other in others.split("|")) + ")"
        gap = r"(?:\W+\w+){0,%d}?\W+" % (NEAR_WORDS - 1)
        pattern = f"{left}{gap}{right}|{right}{gap}{left}"
    else:
        pattern = "|".join(phrase_pattern(alternative) for alternative in text.split("|"))
    return Signal(issue_id=issue_id, text=text, pattern=re.compile(pattern, re.IGNORECASE))


def tag_quote(quote, signals):
    """The Tags of one quote (a dict with id, text, context, start and source), at most one per issue."""
    context = quote["context"] or quote["text"]
    within = context.find(quote["text"])
    # The sentence's place in articles.text, from the quote's own: a headline quote has none there.
    base = quote["start"] - within if within >= 0 and quote.get("source") == "text" else None
    found = {}
    for signal in signals:
        for match in signal.pattern.finditer(context):
            words, spans, matched_by = found.setdefault(signal.issue_id, ([], [], []))
            if signal.text not in matched_by:
                matched_by.append(signal.text)
            if match.group(0) not in words:
                words.append(match.group(0))
                if base is not None:
                    spans.append((base + match.start(), base + match.end()))
    return [Tag(quote_id=quote["id"], issue_id=issue_id, matched=tuple(words), offsets=tuple(spans),
                signals=tuple(matched_by))
            for issue_id, (words, spans, matched_by) in found.items()]


def signals_of(issues):
    """Every signal of the codebook's issues (issue id -> entry with `signals` and `opposite_signals`), compiled,
    in codebook order."""
    return [compile_signal(issue_id, text) for issue_id, issue in issues.items()
            for text in (issue.get("signals") or []) + (issue.get("opposite_signals") or [])]
