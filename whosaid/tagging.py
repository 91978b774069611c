"""One article's issue tags and stance suggestions, as rows ready to write; pure.

Run in the workers, beside the extraction, so that the main process (the
build's busiest) only writes them, and kept in the cache of prepared articles
with the rest of the article. The codebook's patterns are compiled once per
process (`compile_codebook`), and the cache's fingerprint holds the codebook,
so a changed signal or cue prepares every article again.
"""

import json
from dataclasses import dataclass, field

from .issue_tags import signals_of, tag_quote
from .stance_cues import cues_of, read_quote, suggest_from
from .word_patterns import PatternIndex, compile_signal, lower


@dataclass(frozen=True)
class Codebook:
    """The codebook's signals and cues, compiled and indexed."""

    signals: PatternIndex
    opposites: frozenset       # the texts of the signals that name an issue's opposite
    scopes: dict               # issue id -> the WordPatterns one of which an article must hold to be tagged with it
    cues: PatternIndex
    scores: dict               # position id -> score


@dataclass
class ArticleTags:
    """The rows an article's quotes give quotes.issues, quote_issues and stance_suggestions."""

    issues: dict = field(default_factory=dict)            # quote id -> the issue ids it is tagged with, as JSON
    quote_issues: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)       # the person, cover and status are set at the end
    hits: list = field(default_factory=list)              # (issue id, signal text), once per quote it tagged


def compile_codebook(issues, positions):
    """The Codebook of seeds/issues.yml's issues and positions (as read_codebook gives them)."""
    signals = signals_of(issues)
    return Codebook(
        signals=PatternIndex(signals),
        opposites=frozenset(text for issue in issues.values() for text in issue.get("opposite_signals") or []),
        scopes={issue_id: [compile_signal(issue_id, text) for text in issue["scope"]]
                for issue_id, issue in issues.items() if issue.get("scope")},
        cues=PatternIndex(cues_of(positions)),
        scores={position_id: position["score"] for position_id, position in positions.items()})


def tag_article(article, codebook):
    """The ArticleTags of one prepared article (a dict with id and quotes)."""
    tags = ArticleTags()
    # An issue whose subject the article never names is none of its quotes' ("territory" in a report on Taiwan).
    whole = lower(f"{article.get('headline') or ''}\n{article.get('text') or ''}")
    out_of_scope = {issue_id for issue_id, scope in codebook.scopes.items()
                    if not any(pattern.spans(whole) for pattern in scope)}
    for quote in article["quotes"]:
        found = [tag for tag in tag_quote(quote, codebook.signals) if tag.issue_id not in out_of_scope]
        # The quote's cues are found once, for all its issues.
        reading = read_quote(quote, codebook.cues) if found and codebook.cues.items else None
        tags.issues[quote["id"]] = json.dumps([tag.issue_id for tag in found])
        for tag in found:
            tags.quote_issues.append(
                {"id": f"{tag.quote_id}-{tag.issue_id}", "quote_id": tag.quote_id, "issue_id": tag.issue_id,
                 "said_on": quote["said_on"], "matched": json.dumps(tag.matched, ensure_ascii=False),
                 "offsets": json.dumps(tag.offsets), "signals": json.dumps(tag.signals, ensure_ascii=False)})
            tags.hits += ((tag.issue_id, text) for text in tag.signals)
            anchors = [(start, end, text in codebook.opposites) for start, end, text in tag.in_sentence]
            suggestion = suggest_from(reading, tag.issue_id, anchors, codebook.scores) if reading else None
            if suggestion is not None:
                tags.suggestions.append(
                    {"id": f"{quote['id']}-{tag.issue_id}", "quote_id": quote["id"], "article_id": article["id"],
                     "person_id": None, "issue_id": tag.issue_id, "position": suggestion.position,
                     "score": codebook.scores[suggestion.position],
                     "cues": json.dumps(suggestion.cues, ensure_ascii=False), "offsets": json.dumps(suggestion.offsets),
                     "rule": suggestion.rule, "said_on": quote["said_on"],
                     "said_on_precision": quote.get("said_on_precision"), "stance_id": None,
                     "curated_position": None, "agrees": None, "status": None, "label": None})
    return tags
