"""The reader: one article from top to bottom, block by block and sentence by sentence; pure.

It keeps what a reader keeps in mind (who was speaking, and when), finds each
block's quotes, cues and mentions, and asks the speaker rules
(attribution.py) and the dating rules (dating.py) about each quote.
"""

import bisect
import datetime
import itertools
import re

from ..dates import find_time_expressions
from ..quotes import drop_titles, find_quote_spans, split_sentences
from ..speakers import find_mentions
from .attribution import SpeakerRules
from .dating import DateRules
from .people import PeopleRules
from .patterns import (CUE, HEADLINE_CUE, HEADLINE_LINES, LEDE_PARAGRAPHS, LEDE_TERM_WORDS, NOBODY, NOUN_BEFORE,
                       REFERS_BACK, UNKNOWN, is_headline_line)
from .records import Block

WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*")


def extract_quotes(article, registry):
    """Quotes and unregistered speakers of one article; see the module's docstring for the rules."""
    return ArticleReader(article, registry).read()


def echo_headlines(quotes):
    """A headline's quote that no rule attributed is the speaker's whose words the text quotes it from.

    "White House ‘encouraged’ by Senate progress" over "The White House said
    it was “encouraged”": the headline echoes the body. Only when every
    attributed quote of the text that holds those words has one speaker.
    """
    body = [(words_of(quote["text"]), quote["speaker_id"]) for quote in quotes
            if quote["speaker_id"] and quote["kind"] not in ("headline", "nested")]
    for quote in quotes:
        if quote["speaker_id"] or quote.get("pending_name") or quote["kind"] == "nested" or quote["left_empty"]:
            continue
        # A lede's scare quote with no verb of its own ("A “facilitator” who helped …") echoes the body too.
        lede_term = quote["cue"] is None and quote["attribution"] == "unresolved" and quote["paragraph_id"] \
            and int(quote["paragraph_id"].rsplit("-p", 1)[1]) <= LEDE_PARAGRAPHS \
            and len(quote["text"].split()) <= LEDE_TERM_WORDS
        if quote["kind"] != "headline" and not lede_term:
            continue
        words = words_of(quote["text"])
        speakers = {speaker for text, speaker in body if words and f" {words} " in f" {text} "}
        if len(speakers) == 1:
            quote["speaker_id"], quote["attribution"] = speakers.pop(), "headline_echo"
    return quotes


def words_of(text):
    return " ".join(WORD.findall(text.lower()))


class ArticleReader(SpeakerRules, DateRules, PeopleRules):
    """Reads one article from top to bottom, keeping what a reader keeps in mind: who was speaking, and when."""

    def __init__(self, article, registry):
        self.article = article
        self.registry = registry
        self.published = datetime.date.fromisoformat(article["published"]) if article.get("published") else None
        self.quotes = []
        self.statements = []        # each sentence of the text: its offsets and its date, if it has one
        self.new_people = {}
        self.local_names = {}       # surname or full name of an unregistered speaker -> its id
        self.introduced = {}        # full name or surname -> how the text introduced someone not registered
        self.ambiguous = {}         # a surname two people the article names in full share -> their full names
        self.shadowed = set()       # registry surnames that stand for someone else in this article
        self.speaker_days = {}      # person id -> the last day the article dated their words
        self.days_named = {}        # date -> (date, "day", words): each day the article dated words or deeds
        self.pronouns = {}          # person id -> the pronoun this article uses for them
        self.subjects = []          # (person id or None, paragraph n, sentence number): each sentence's subject
        self.mentioned = set()
        self.named_so_far = {}      # person id, or an unregistered person's full name -> sentence last named in
        self.role_bindings = {}     # role words -> the person a role phrase was found to stand for
        self.mention_log = []       # (person id, sentence number) of every registered name, in order
        self.sentences = 0          # sentences read so far
        self.anchor = (self.published, None)  # the last day the article named, and in which paragraph
        self.discourse = None       # (person id, (date, precision, basis)) of the last sentence with a subject
        self.pending = {}           # placeholder id -> the lone surname it stands for
        self.naming = None          # (person id, start, end) of the mention resolved last: the words that named them

    def read(self):
        headline = self.article.get("headline") or ""
        paragraphs = self.article["paragraphs"]
        # Posts and page furniture name people loosely ("Thank God!"): only the reporter's prose introduces.
        self.index_full_names([(headline, True)] + [(paragraph["text"], paragraph["kind"] == "headline")
                                                    for paragraph in paragraphs
                                                    if paragraph["kind"] not in ("social_post", "boilerplate")])
        if headline and not any(p["kind"] == "headline" for p in paragraphs):
            self.read_block(headline, 0, None, "headline", source="headline")
        previous = None
        for paragraph in paragraphs:
            if paragraph["kind"] in ("caption", "boilerplate"):
                continue
            kind = paragraph["kind"]
            if kind == "prose" and paragraph["n"] <= HEADLINE_LINES and is_headline_line(paragraph["text"]):
                kind = "headline"  # a headline or standfirst the manifest did not give: "X Calls for ‘…’"
            previous = self.read_block(paragraph["text"], paragraph["start"], paragraph, kind, previous=previous)
        quotes = self.numbered(echo_headlines(self.without_placeholders(self.quotes)))
        speaking = {quote["speaker_id"] for quote in quotes}
        return {"quotes": quotes, "statements": self.statements,
                "new_people": [person for person in self.new_people.values() if person["id"] in speaking],
                "introduced": self.introduced_people()}

    def without_placeholders(self, quotes):
        """Quotes a placeholder speaks are unresolved here; their surname waits for the archive-wide step."""
        for quote in quotes:
            if quote["speaker_id"] in self.pending:
                quote["pending_name"] = self.pending[quote["speaker_id"]]
                quote["speaker_id"], quote["attribution"] = None, "unresolved"
        return quotes

    def numbered(self, quotes):
        """Give each quote an id in reading order (a headline kept apart from the text first)."""
        ordered = sorted(quotes, key=lambda quote: (quote["source"] != "headline", quote["start"], -quote["end"]))
        for n, quote in enumerate(ordered, start=1):
            quote["id"] = f"{self.article['id']}-q{n:03d}"
        for quote in ordered:
            outer = quote.pop("outer", None)
            quote["nested_in"] = outer["id"] if outer else None
        return ordered

    # -- one paragraph -------------------------------------------------------------------------

    def read_block(self, text, offset, paragraph, kind, source="text", previous=None):
        spans = find_quote_spans(text, social=kind == "social_post")
        if kind != "headline":
            spans = drop_titles(text, spans)
        top = [span for span in spans if span["depth"] == 0]
        # The quoted stretches, marks included, in text order: a range test is one bisection.
        stretches = sorted((max(span["start"] - 1, 0), min(span["end"] + 1, len(text))) for span in top)
        stretch_starts = [start for start, _ in stretches]
        stretch_ends = list(itertools.accumulate((end for _, end in stretches), max))

        def outside(start, end):
            # Outside every top-level quote, marks included.
            start, end = max(start, 0), min(end, len(text))
            first = bisect.bisect_right(stretch_ends, start)  # the first stretch that ends after `start`
            return start >= end or first == len(stretches) or stretch_starts[first] >= end

        mentions = [mention for mention in find_mentions(text, self.registry, outside)
                    if not (mention.how == "name" and mention.surface in self.shadowed)]
        self.mentioned.update(mention.person for mention in mentions if mention.person)
        mentions = sorted(mentions + self.introduced_mentions(text, outside, mentions),
                          key=lambda mention: mention.start)
        cue_pattern = HEADLINE_CUE if kind == "headline" else CUE
        # The text with every top-level quote, marks included, blanked out; built in one pass, as a
        # string rebuilt per quote made a one-line article quadratic (1 MB: 16 s).
        pieces, cursor = [], 0
        for start, end in stretches:
            start = max(start, cursor)
            if end > start:
                pieces += [text[cursor:start], "_" * (end - start)]
                cursor = end
        masked = "".join(pieces) + text[cursor:]
        cues = [cue for cue in cue_pattern.finditer(text) if outside(cue.start(), cue.end())
                and not (cue.group("participle") and NOUN_BEFORE.search(text, max(0, cue.start() - 8), cue.start()))]
        block = Block(text=text, masked=masked, offset=offset, paragraph=paragraph, kind=kind, source=source,
                      spans=spans, mentions=mentions, previous=previous, cues=cues)
        times = find_time_expressions(text, outside)
        time_starts = [time["start"] for time in times]
        for start, end in split_sentences(text, spans):
            self.read_sentence(block, start, end,
                               times[bisect.bisect_left(time_starts, start):bisect.bisect_left(time_starts, end)])
            self.note_names(block, block.here.mentions)  # after the sentence: its own names are not antecedents
        return block

    @staticmethod
    def share_the_sentence_speaker(block, quotes_before):
        """Fragments with no verb of their own take the speaker of the sentence's one attribution.

        "While there was “no agreement” on the budget, “every option stays open,” Velling added": the
        sentence has one reporting verb and one speaker, so its other quotes are theirs too.
        """
        quotes = [quote for quote in block.quotes[quotes_before:] if quote["kind"] != "nested"]
        attributed = {quote["speaker_id"] for quote in quotes if quote["speaker_id"]}
        if len(block.here.cues) != 1 or len(attributed) != 1:
            return
        signer = next(quote for quote in quotes if quote["speaker_id"])
        for quote in quotes:
            if quote["speaker_id"] is None and quote["cue"] is None and quote["attribution"] == "unresolved" \
                    and not quote["left_empty"]:
                quote.update(speaker_id=signer["speaker_id"], attribution="sentence_speaker", cue=signer["cue"],
                             speaker_start=signer["speaker_start"], speaker_end=signer["speaker_end"])

    def read_sentence(self, block, start, end, sentence_times):
        here = block.here = block.sentence_at(start, end)
        self.sentences += 1
        self.mention_log += [(mention.person, self.sentences) for mention in here.mentions if mention.person]
        times = self.resolve_times(sentence_times, block.n)
        subject = self.sentence_subject(block, start, end)
        quotes_before = len(block.quotes)
        spans = [span for span in here.spans if span["depth"] == 0]
        last_when = None
        for span in spans:
            self.naming = None
            speaker, cue, rule, cue_at = self.attribute(block, span, start, end)
            named = self.naming[1:] if speaker and self.naming and self.naming[0] == speaker \
                and rule != "continuation" else None
            when = self.attached_time(block, times, cue_at, span)
            if when is None and rule == "clause_subject":
                # "… told reporters on Friday that …, but insisted that …": the clause's time is the main verb's.
                main_verb = next((c.start() for c in here.cues if c.group("verb")), None)
                when = self.attached_time(block, times, main_verb, span) if main_verb is not None else None
            self.note_occasion(when)
            when = when or self.inherited_date(speaker, sentence_times)
            self.remember_day(speaker, when, sentence_times)
            last_when = when
            outer = self.add_quote(block, span, speaker, cue, rule, when, named=named)
            block.last_speaker = speaker
            for nested in here.spans:
                if nested["depth"] == 1 and nested["parent"] is not None and block.spans[nested["parent"]] is span:
                    inner, inner_cue, inner_rule, inner_named = self.attribute_nested(block, span, nested, speaker)
                    self.add_quote(block, nested, inner, inner_cue, inner_rule, when, kind="nested", outer=outer,
                                   named=inner_named)
        if not spans:
            when = self.time_of_statement(block, times, start)
            self.note_occasion(when, block, times)
            if when and when[1] == "day" and subject and subject is not UNKNOWN \
                    and REFERS_BACK.search(block.masked, start, end):
                self.date_back(subject, when)
        else:
            when = last_when
            self.share_the_sentence_speaker(block, quotes_before)
        speakers = [quote["speaker_id"] for quote in block.quotes[quotes_before:]
                    if quote["kind"] != "nested" and quote["speaker_id"]]
        self.record_statement(block, start, end, when, subject if subject is not UNKNOWN else None, sentence_times)
        if subject is UNKNOWN:
            # Someone the rules cannot name is speaking: "he" must not jump back past them.
            self.subjects.append((None, block.n, self.sentences))
            block.last_speaker = None
            self.discourse = None
            return
        sentence_speaker = subject or (speakers[-1] if speakers else None)
        block.last_quoted = bool(spans)
        block.last_reported = False
        if not spans:
            # A statement by X keeps X speaking; any other sentence ends the run ("Rubio disagreed.").
            reporting = any(cue.group("verb") for cue in here.cues)
            block.last_reported = reporting and sentence_speaker is not None
            if reporting:
                block.last_speaker = sentence_speaker
            elif subject and self.kind_of(subject) == "person" and len(
                    {mention.surface for mention in here.mentions if mention.how in ("name", "new", "role")}) <= 1:
                # "Cook had three of those. “There was Monty …”": a quote after a sentence about one person,
                # in the same paragraph, is that person's (not after "Zelensky met Trump.": either could speak).
                block.last_speaker = subject
            elif sentence_speaker != block.last_speaker:
                block.last_speaker = None
        if sentence_speaker is None:
            if times:
                self.discourse = None
            return
        self.subjects.append((sentence_speaker, block.n, self.sentences))
        self.remember_day(sentence_speaker, when, sentence_times)
        if when or self.says_later(sentence_times) or not self.discourse or self.discourse[0] != sentence_speaker:
            self.discourse = (sentence_speaker, when)

    def date_back(self, speaker, when):
        """"X has said “…”. X made the comment on Monday": the words just before were said that day."""
        for quote in reversed(self.quotes):
            if quote["speaker_id"] != speaker or quote["said_on_precision"] != "published":
                break
            quote["said_on"], quote["said_on_precision"], quote["said_on_basis"] = when[0].isoformat(), when[1], when[2]

    def record_statement(self, block, start, end, when, subject, sentence_times):
        """Keep each sentence's date, so a curated stance on reported speech is dated as its quotes are."""
        if when is None and subject and not self.says_later(sentence_times) and self.discourse \
                and self.discourse[0] == subject:
            when = self.discourse[1]
        if block.source == "text":
            self.statements.append({"start": block.offset + start, "end": block.offset + end, "when": when})

    # -- the row -------------------------------------------------------------------------------

    def add_quote(self, block, span, speaker, cue, rule, when, kind=None, outer=None, named=None):
        text = block.text
        offset = block.offset
        sentence_start, sentence_end = block.sentence
        if kind is None:
            kind = {"headline": "headline", "social_post": "social"}.get(block.kind) or \
                self.direct_or_partial(text, span, sentence_start)
        if when:
            said_on, precision, basis = when[0].isoformat(), when[1], when[2]
        elif self.published:
            said_on, precision, basis = self.published.isoformat(), "published", None
        else:
            said_on = precision = basis = None
        quote = {
            "article_id": self.article["id"],
            "paragraph_id": None if block.paragraph is None else f"{self.article['id']}-p{block.n:03d}",
            "source": block.source,
            "start": offset + span["start"], "end": offset + span["end"],
            "text": text[span["start"]:span["end"]],
            "kind": kind, "speaker_id": speaker, "cue": cue,
            "speaker_start": named[0] if named else None, "speaker_end": named[1] if named else None,
            "attribution": rule if speaker or rule == "unnamed_source" else "unresolved",
            "left_empty": rule == NOBODY,
            "context": text[sentence_start:sentence_end],
            "said_on": said_on, "said_on_precision": precision, "said_on_basis": basis,
            "outer": outer,
        }
        block.quotes.append(quote)
        self.quotes.append(quote)
        return quote

    @staticmethod
    def direct_or_partial(text, span, sentence_start):
        """Direct when the quote is a statement of its own; partial when it is a fragment of the reporter's sentence."""
        open_at = span["start"] - (1 if span["opened"] else 0)
        lead = text[sentence_start:open_at].rstrip()
        words = text[span["start"]:span["end"]].split()
        if not lead or lead.endswith((",", ":")):
            return "direct" if len(words) >= 3 else "partial"
        return "partial"
