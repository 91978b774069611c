"""Tag each quote with the issues it concerns, from the words the codebook says signal each issue.

Pure. A signal is written in seeds/issues.yml, under an issue's `signals:`, as
a curator would say it (see word_patterns): a word, a phrase, `word*` for any
ending, `a|b`, or `forces NEAR U.S.|American|our` within four words.

A quote is matched together with its sentence (quotes.context), because a
fragment such as "deadly trap" or "unrealistic" names no issue by itself.
"""

from dataclasses import dataclass

from .word_patterns import compile_signal, indexed, lower


@dataclass(frozen=True)
class Tag:
    quote_id: str
    issue_id: str
    matched: tuple             # the words matched, as the text has them
    offsets: tuple             # (start, end) of each in articles.text; empty when the sentence is not located
    signals: tuple             # the codebook's signals that matched
    # (start, end, signal text) of each match in the sentence (quotes.context), for the stance suggestion.
    in_sentence: tuple = ()


def tag_quote(quote, signals):
    """The Tags of one quote (a dict with id, text, context, start and source), at most one per issue.
    `signals`: compiled signals, or a PatternIndex of them."""
    context = quote["context"] or quote["text"]
    within = context.find(quote["text"])
    # The sentence's place in articles.text, from the quote's own: a headline quote has none there.
    base = quote["start"] - within if within >= 0 and quote.get("source") == "text" else None
    found = {}
    lowered = lower(context)
    for signal in indexed(signals).candidates(lowered):
        for start, end in signal.spans(lowered):
            words, spans, matched_by, in_sentence = found.setdefault(signal.issue_id, ([], [], [], []))
            in_sentence.append((start, end, signal.text))
            if signal.text not in matched_by:
                matched_by.append(signal.text)
            if context[start:end] not in words:
                words.append(context[start:end])
                if base is not None:
                    spans.append((base + start, base + end))
    return [Tag(quote_id=quote["id"], issue_id=issue_id, matched=tuple(words), offsets=tuple(spans),
                signals=tuple(matched_by), in_sentence=tuple(in_sentence))
            for issue_id, (words, spans, matched_by, in_sentence) in found.items()]


def signals_of(issues):
    """Every signal of the codebook's issues (issue id -> entry with `signals` and `opposite_signals`), compiled,
    in codebook order."""
    return [compile_signal(issue_id, text) for issue_id, issue in issues.items()
            for text in (issue.get("signals") or []) + (issue.get("opposite_signals") or [])]
