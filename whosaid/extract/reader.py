"""The reader: one article from top to bottom, block by block and sentence by sentence; pure.

It keeps what a reader keeps in mind (who was speaking, and when), finds each
block's quotes, cues and mentions, and asks the speaker rules
(attribution.py) and the dating rules (dating.py) about each quote.
"""

import bisect
import datetime
import itertools
import re
from dataclasses import replace

from ..dates import find_time_expressions
from ..quotes import drop_titles, find_quote_spans, split_sentences
from ..names import find_full_names, surname_of
from ..speakers import POSSESSIVE_AFTER, SURNAME_STOP_WORDS, find_mentions, resolve_spelling, resolve_surface, slugify
from .attribution import SpeakerRules
from .dating import DateRules
from .patterns import (CUE, FIRST_NAME_HONORIFICS, HEADLINE_CUE, HEADLINE_LINES, LABEL_WORDS, LEDE_PARAGRAPHS,
                       LEDE_TERM_WORDS, MONTH_CONTEXT_AFTER, MONTH_CONTEXT_BEFORE, NOBODY, PENDING, REFERS_BACK,
                       UNKNOWN, is_headline_line)
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


class ArticleReader(SpeakerRules, DateRules):
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

    def introduced_people(self):
        """Unregistered people the article introduces with a full name and a title, speaking or not.

        The archive-wide step matches other articles' lone surnames to them.
        """
        found = {}
        for name in self.introduced.values():
            if name.kind == "person" and name.title and " " in name.name:
                person_id = slugify(name.name)
                found.setdefault(person_id, {
                    "id": person_id, "name": name.name, "kind": "person", "role": name.title,
                    "country": name.country, "surface": name.surface, "article_id": self.article["id"]})
        return [person for person_id, person in sorted(found.items()) if person_id not in self.registry.people]

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
        masked = text
        for span in top:
            masked_start = max(span["start"] - 1, 0)
            masked = masked[:masked_start] + "_" * (span["end"] + 1 - masked_start) + masked[span["end"] + 1:]
        masked = masked[:len(text)]
        block = Block(text=text, masked=masked, offset=offset, paragraph=paragraph, kind=kind, source=source,
                      spans=spans, mentions=mentions, previous=previous,
                      cues=[cue for cue in cue_pattern.finditer(text) if outside(cue.start(), cue.end())])
        times = find_time_expressions(text, outside)
        time_starts = [time["start"] for time in times]
        for start, end in split_sentences(text, spans):
            self.read_sentence(block, start, end,
                               times[bisect.bisect_left(time_starts, start):bisect.bisect_left(time_starts, end)])
            self.note_names(block, block.here.mentions)  # after the sentence: its own names are not antecedents
        return block

    def introduced_mentions(self, text, outside, mentions):
        """Where people the registry lacks, once introduced ("Sweden’s Defense Minister Pål Jonson"), are named."""
        found = []
        taken = bytearray(len(text) + 1)
        for mention in mentions:
            taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
        for key in sorted(self.introduced, key=len, reverse=True):
            name = self.introduced[key]
            if key not in text:
                continue  # the pattern below is compiled for each name: skip it when the name is absent
            for match in re.finditer(rf"(?<![\w’'-]){re.escape(key)}(?![\w-])", text):
                start, end = match.span()
                introduction = text.find(name.surface, max(0, end - len(name.surface)))
                if introduction != -1 and introduction <= start and end <= introduction + len(name.surface):
                    start, end = introduction, introduction + len(name.surface)  # the whole "title + name"
                if not outside(start, end) or any(taken[start:end]):
                    continue
                if key in SURNAME_STOP_WORDS and (MONTH_CONTEXT_BEFORE.search(text, max(0, start - 12), start)
                                                  or MONTH_CONTEXT_AFTER.match(text, end)):
                    continue  # "in May", "May 5": the month, not Mrs May
                taken[start:end] = b"\x01" * (end - start)
                found.append(replace(name, start=start, end=end, how="new", person=None,
                                     possessive=bool(POSSESSIVE_AFTER.match(text[end:end + 3]))))
        return found

    def index_full_names(self, texts):
        """Everyone the article names in full, so that a surname alone ("May said") can be resolved.

        A surname two people of the article share names neither. A registry
        surname ("Kennedy") stands for someone else when the article names
        another person of that surname in full and never names the registered one.
        """
        by_surname = {}
        for text, headline in texts:
            for name in find_full_names(text, headline):
                if resolve_spelling(self.registry, name.name):
                    continue
                known = self.introduced.get(name.name)
                if known is None or (name.title and not known.title):
                    self.introduced[name.name] = name
                # "Lai Ching-Te" and "Lai Ching-te" are one person, spelt two ways.
                by_surname.setdefault(surname_of(name.name), {}).setdefault(name.name.casefold(), name.name)
        whole = "\n".join(text for text, _ in texts)
        for surname, full_names in by_surname.items():
            if len(full_names) > 1:
                self.ambiguous[surname] = list(full_names.values())
                continue
            self.introduced[surname] = self.introduced[next(iter(full_names.values()))]
            registered = resolve_surface(self.registry, surname)
            if registered and not any(" " in form and form in whole for form in self.registry_forms(registered)):
                self.shadowed.add(surname)

    @staticmethod
    def share_the_sentence_speaker(block, quotes_before):
        """Fragments with no verb of their own take the speaker of the sentence's one attribution.

        "While there was “no consensus” on troops, “nothing should be excluded,” Macron added": the
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

    def note_names(self, block, mentions):
        """Remember who the prose has named so far: registered people, and unregistered ones by full name."""
        for mention in mentions:
            if mention.how == "name" and self.kind_of(mention.person) == "person":
                key = mention.person
            elif mention.how == "new" and mention.kind == "person" and mention.name in self.introduced:
                key = self.introduced[mention.name].name
            else:
                continue
            self.named_so_far.pop(key, None)
            self.named_so_far[key] = self.sentences

    def registry_forms(self, person_id):
        person = self.registry.people.get(person_id) or {}
        return [person.get("name", ""), *person.get("aliases", [])]

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
            self.note_occasion(when)
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
        if not spans:
            # A statement by X keeps X speaking; any other sentence ends the run ("Rubio disagreed.").
            reporting = any(cue.group("verb") for cue in here.cues)
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

    def new_speaker(self, name):
        """The id of an unregistered person named in the text; made once per article, found again by surname."""
        full = name.name
        registered = resolve_spelling(self.registry, full) if name.kind == "person" else \
            resolve_surface(self.registry, full)
        if registered:
            return registered
        if full in self.local_names:
            return self.local_names[full]
        if name.kind == "person" and " " not in full and (name.title or "").lower() in FIRST_NAME_HONORIFICS:
            return self.knight(full)  # "Sir Keir", "Dame Diana": a first name, not a surname
        if name.kind == "person" and " " not in full:
            if full not in self.introduced:
                # A registered person the article names, by a surname the registry does not list ("Harris");
                # else a lone surname nobody introduced, titled or not ("Mr Dunne"): the archive may know them.
                if full in self.ambiguous:
                    return self.sharer_in_focus(full)
                return self.registered_surname(full) or self.placeholder(full)
            name = self.introduced[full]
            full = name.name
            if full in self.local_names:
                return self.local_names[full]
        person_id = slugify(full)
        if not person_id or person_id in self.registry.people:
            return None
        self.new_people.setdefault(person_id, {
            "id": person_id, "name": full, "kind": name.kind, "role": name.title,
            "country": name.country, "surface": name.surface, "article_id": self.article["id"],
        })
        self.local_names[full] = person_id
        if name.kind == "organization" and name.country and " " in full:
            # Then "the Foreign Affairs Ministry" is that body, unless two countries' bodies share the name.
            bare = full.split(" ", 1)[1]
            if self.local_names.get(bare, person_id) != person_id:
                self.local_names[bare] = None
            else:
                self.local_names[bare] = person_id
        if name.kind == "person":
            self.introduced.setdefault(full, name)
            if surname_of(full) not in self.ambiguous:
                self.local_names[surname_of(full)] = person_id
                self.introduced.setdefault(surname_of(full), name)
        return person_id

    def sharer_in_focus(self, surname):
        """Of the people who share a surname, the one who has been a sentence's subject so far, else None.

        "Rep. Joe Kennedy III, the grandson of Sen. Robert F. Kennedy, has conceded … “…,” Kennedy said":
        the grandfather is named only inside a description; the lede's subject is the Kennedy of the story.
        """
        subjects = {person for person, _, _ in self.subjects if person}
        in_focus = [full for full in self.ambiguous[surname] if slugify(full) in subjects]
        return self.new_speaker(self.introduced[in_focus[0]]) if len(in_focus) == 1 else None

    def registered_surname(self, surname):
        """The one registered person the article has named whose surname this is, else None."""
        people = [person_id for person_id in self.mentioned
                  if (self.registry.people.get(person_id) or {}).get("kind") == "person"
                  and surname_of(self.registry.people[person_id]["name"]) == surname]
        return people[0] if len(people) == 1 else None

    def knight(self, first_name):
        """The one person the article names in full whose first name this is ("Sir Keir"), else None."""
        people = {slugify(name.name): name for name in self.introduced.values()
                  if name.kind == "person" and name.name.split()[0] == first_name}
        people.update({person_id: None for person_id in self.mentioned
                       if (self.registry.people.get(person_id) or {}).get("name", "").split()[:1] == [first_name]})
        if len(people) != 1:
            return None
        person_id, name = next(iter(people.items()))
        return self.new_speaker(name) if name else person_id

    def placeholder(self, surname):
        """The placeholder speaker for a lone surname the article never introduced; None for a shared one."""
        if surname in self.ambiguous or surname in SURNAME_STOP_WORDS or surname in LABEL_WORDS \
                or not surname[:1].isupper():
            return None
        self.pending[PENDING + surname] = surname
        return PENDING + surname

    def kind_of(self, person):
        if person in self.pending:
            return "person"
        return self.registry.people.get(person, self.new_people.get(person, {})).get("kind")

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
