"""The typed records the reader passes around: a block of text (a paragraph or a headline) and one sentence."""

import bisect
from dataclasses import dataclass, field


@dataclass
class Sentence:
    """What starts inside one sentence of a block: its quote spans, reporting cues and mentions."""
    start: int
    end: int
    spans: list
    cues: list
    mentions: list


@dataclass
class Block:
    """One paragraph (or the headline) as the reader sees it, with what it has read of it so far.

    `masked` is the text with every top-level quote (marks included) replaced
    by underscores, so patterns over the reporter's own words never match
    inside quoted ones. Offsets are within `text`; `offset` is where the text
    starts in the article.
    """
    text: str
    masked: str
    offset: int
    paragraph: dict | None
    kind: str
    source: str
    spans: list
    mentions: list
    cues: list
    previous: "Block | None" = None
    last_speaker: str | None = None     # who the block's last quote or reporting sentence is by
    last_quoted: bool = False           # whether the block's last sentence held a quote
    last_reported: bool = False         # whether it reported someone's words without quoting them
    quotes: list = field(default_factory=list)
    here: Sentence | None = None        # the sentence being read
    span_starts: list = field(init=False)
    cue_starts: list = field(init=False)
    mention_starts: list = field(init=False)
    mentions_by_end: dict = field(init=False)
    mentions_by_start: dict = field(init=False)

    def __post_init__(self):
        self.span_starts = [span["start"] for span in self.spans]
        self.cue_starts = [cue.start() for cue in self.cues]
        self.mention_starts = [mention.start for mention in self.mentions]
        self.mentions_by_end, self.mentions_by_start = {}, {}
        for mention in self.mentions:
            self.mentions_by_end.setdefault(mention.end, []).append(mention)
            self.mentions_by_start.setdefault(mention.start, []).append(mention)

    @property
    def n(self):
        """The paragraph's number; 0 for a headline kept apart from the text."""
        return self.paragraph["n"] if self.paragraph else 0

    @property
    def sentence(self):
        return self.here.start, self.here.end

    def sentence_at(self, start, end):
        """The block's spans, cues and mentions that start inside one sentence (found by bisection)."""
        def between(items, starts):
            return items[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        return Sentence(start, end, between(self.spans, self.span_starts), between(self.cues, self.cue_starts),
                        between(self.mentions, self.mention_starts))
