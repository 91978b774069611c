"""Extract an article's quotes: where each is, who said it, and when; pure.

`extract_quotes(article, registry)` reads one prepared article (its repaired
text, paragraphs, headline and publication date) and the people registry, and
returns the quotes and the speakers missing from the registry. It depends on
nothing else, so articles can be extracted in any order, in parallel.

Speakers are decided by rules, and each quote records the rule that decided
it in `attribution`:

- quote_then_speaker  “…,” X said / “…,” said X / “…” … the vice president told …
- speaker_then_quote  X said, “…” / X told reporters that … “…” / X added that he would “…”
- clause_subject      X walked it back, saying “…” / … and held that “…”: the clause's subject
- according_to        according to X
- colon               X: “…” (also in headlines and social posts)
- headline_subject    Vance Says … ‘On The Table’: the headline's subject
- pronoun             “…,” he said: the nearest earlier subject that can be "he"
- role_noun           “…,” the defense secretary said: through the registry's roles
- continuation        a quote sentence with no attribution after a quote or statement by X
- nested_inner        ‘…’ inside a quote that itself says who said it (The Journal: “Vance said … ‘on the table’”)
- nested_outer        a term inside someone's quote is theirs
- unresolved          no rule could decide: speaker_id stays NULL
"""

import bisect
import datetime
import itertools
import re

from .dates import find_time_expressions, resolve_time
from .quotes import drop_titles, find_quote_spans, split_sentences
from .speakers import (MODIFIED_NOUNS, NATIONALITIES, POSSESSIVE_AFTER, SURNAME_STOP_WORDS, TITLE_WORDS,
                       find_full_names, find_mentions, parse_name_after, parse_name_before, resolve_surface,
                       slugify, surname_of)
from .roles import resolve_role

REPORTING_VERBS = (
    "said|says|say|told|tells|added|adds|wrote|writes|posted|stated|declared|declares|announced|announces|warned|"
    "warns|argued|argues|insisted|insists|explained|explains|noted|replied|responded|asked|urged|urges|claimed|"
    "acknowledged|admitted|conceded|confirmed|confirms|denied|stressed|emphasized|emphasised|reiterated|elaborated|"
    "suggested|predicted|promised|pledged|vowed|accused|accuses|criticized|criticised|called|described|tweeted|"
    "reported|remarked|observed|recalled|countered|cautioned|complained|joked|quipped|concluded|maintained|lamented|"
    "boasted|assured|affirmed|commented|testified|blasted|slammed|praised|touted|dismissed|characterized|labeled|"
    "labelled|branded|clarified|reaffirmed|threatened|continued|held(?=\\s+that)"
)
PARTICIPLES = (
    "saying|telling|adding|writing|posting|stating|declaring|announcing|warning|arguing|insisting|explaining|"
    "noting|calling|describing|classifying|accusing|urging|claiming|asking|reiterating|stressing|speaking|tweeting|"
    "replying|responding|suggesting|predicting|promising|pledging|vowing|criticizing|criticising|dismissing|"
    "characterizing|labeling|branding|confirming|denying|acknowledging|conceding|emphasizing|cautioning|"
    "complaining|remarking|observing|recalling|countering|touting|praising|slamming|blasting|threatening|reading"
)
# Headlines use the present tense and a few verbs of their own: "Trump Calls Zelensky a ‘Dictator’".
HEADLINE_VERBS = "calls|claims|slams|blasts|rips|hails|vows|rejects|backs|insists|denies|admits"


def by_first_letter(words):
    """The alternation "said|says|told" as "s(?:aid|ays)|t(?:old)": a regex then tries only the words of one letter.

    A cue is a whole word, so at most one of the words matches at a position,
    and the grouped alternation finds exactly what the plain one finds.
    """
    groups = {}
    for word in words.split("|"):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


def compile_cue(verbs, flags=0):
    return re.compile(rf"(?<![\w-])(?:(?P<verb>{by_first_letter(verbs)})|(?P<participle>{by_first_letter(PARTICIPLES)})"
                      r"|(?P<according>according to))(?![\w-])", flags)


CUE = compile_cue(REPORTING_VERBS)
HEADLINE_CUE = compile_cue(f"{HEADLINE_VERBS}|{REPORTING_VERBS}", re.IGNORECASE)
# Words that may stand between a speaker and the verb: "Hegseth later said", "Trump on Tuesday said".
FILLER_WORDS = ("also", "later", "then", "too", "again", "still", "first", "initially", "now", "only", "just", "had",
                "has", "have", "would", "will", "could", "did", "does", "further", "repeatedly", "previously", "once",
                "earlier", "today", "yesterday", "tonight")
FILLER_AT_END = re.compile(
    rf"(?:\b(?:{'|'.join(FILLER_WORDS)}|(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"(?:\s+(?:morning|afternoon|evening|night))?|[a-z]+ly)\s*)$")
# Every filler ends in one of these, before any spaces: a cheap test that rules most texts out before the search.
FILLER_ENDINGS = (*FILLER_WORDS, "day", "morning", "afternoon", "evening", "night", "ly")
# A name used as a modifier, and the noun phrase that leads on to another name.
MODIFIER_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(MODIFIED_NOUNS)) + r")\b", re.IGNORECASE)
NOUN_THEN_NAME = re.compile(r"(?:[’']s)?\s+(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*(?:,\s*|\s+)(?=[A-Z])")
GOVERNED_BEFORE = re.compile(r"\b(?:for|to|of|from|with|by|near|and|or|nor|not|neither|than|like|about|"
                             r"including|in|at|inside|across|throughout)\s+$", re.IGNORECASE)
NEGATED_BEFORE = re.compile(r"\b(?:not|nor|neither|than)\s+$", re.IGNORECASE)
# Right after a quote's closing mark: ", said X", ", X said", " X told".
IMMEDIATE_ATTRIBUTION = re.compile(r"\s*,?\s*(?:[A-Z]|he\b|she\b|the\s|said\b|says\b|told\b|added\b|asked\b)")
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+$")
# "Trump’s claim that …": the quoted words after it are the claim-holder's.
CLAIM_OF = re.compile(r"(\w+)[’']s\s+(?:claims?|assertions?|remarks?|comments?|statements?|words|description|"
                      r"suggestions?|accusations?|charges?|view|argument|insistence)\s+that\b")
# Where a new clause starts within a sentence, in the text with quotes masked.
CLAUSE_START = re.compile(r"(?:,\s*|\b)(?:but|while|whereas|although|though)\s+|;\s*|,\s*and\s+(?=[A-Z])")
RELATIVE_CLAUSE = re.compile(r",\s*(?:who|whom|which)\b", re.IGNORECASE)
# A sentence opening with a phrase that is not its subject: "After meeting Vance, …", "Speaking in Kyiv, …".
FRONTED = re.compile(r"(?:After|Before|While|When|Since|Despite|Following|Unlike|Like|Amid|During|Upon|Without|"
                     r"Asked|Speaking|Meeting|Writing|Responding|Addressing|Echoing|In|On|At|With|For|As|By)\b")
# Words that open another clause: a time word beyond one dates something else.
# "An interview a day earlier in which X said" is the exception: the time dates the occasion of the saying.
CLAUSE_BOUNDARY = re.compile(r"\b(?:that|who|(?<!in )(?<!at )(?<!on )(?<!during )which|whom|whose|when|where|because|"
                             r"while)\b")
RELATIVE_AT_END = re.compile(r",\s*who\s*$", re.IGNORECASE)
# A verb with no subject of its own takes the clause's: "…, and said", "but insisted", "then added".
COORDINATED = re.compile(r"(?:\b(?:and|but|then|or)|,)\s*$")
PREPOSITION_BEFORE = re.compile(r"\b(?:with|to|by|from|of|for|against|at|on|between|about|toward|towards|and|"
                                r"about|like|than|into|onto|over|under|after|before|behind|among)\s+$", re.IGNORECASE)
BY_AGENT = re.compile(r"\s+by\s+")  # "was told by Hegseth"
QUOTED_AS = re.compile(r"\s+as\s+$")  # "quoted Hegseth as saying"
JOINED_TO_NEXT = re.compile(r"\s*(?:,\s*)?(?:and|or|nor)\s+")  # "Rubio and Hegseth"
QUOTE_MARKS_AND_SPACING = re.compile(r"[_“”‘’\"',\s]")
# Around a surname that is also a month or a verb: the month's own context.
MONTH_CONTEXT_BEFORE = re.compile(r"\b(?:in|on|since|until|by|from|of|last|next|early|late|mid|this|that|to|through|"
                                  r"and|or|[Tt]he|\d+)[ -]$")
MONTH_CONTEXT_AFTER = re.compile(r"[ -]?(?:\d|of\b|and\b|to\b)")
# Lowercase words that may stand before a clause's subject: "the", "former", "top", "spokesman".
SUBJECT_LEAD_WORDS = {"the", "a", "an", "former", "then", "top", "senior", "both", "also", "then-", "new", "longtime",
                      "veteran", "outgoing", "incoming", *TITLE_WORDS, *MODIFIED_NOUNS, *NATIONALITIES}
# Headline-like lines count as headlines only this near the top of the text.
HEADLINE_LINES = 4
HEADLINE_MAX_CHARS = 160
SENTENCE_ENDINGS = (".", "!", "?", ".”", ".’", '."', ".'", "?”", "!”", ":")
ANTECEDENT_PARAGRAPHS = 3
SUBJECT_REACH = 300  # characters: a subject stands this close to its verb, asides included
UNKNOWN = object()  # a sentence subject that names someone the rules cannot identify
# A lone surname the article never introduced stands for the speaker "?Surname" while the article is read:
# pronouns and continuations follow it, and the archive-wide resolve step decides who it is.
PENDING = "?"


def is_headline_line(text):
    """A short line with no closing full stop, as headlines and standfirsts are."""
    return len(text) <= HEADLINE_MAX_CHARS and "\n" not in text and not text.rstrip().endswith(SENTENCE_ENDINGS)


def without_fillers(text):
    """The text without the adverbs and auxiliaries that end it: "… but has since " -> "… but"."""
    while text.rstrip().endswith(FILLER_ENDINGS):
        filler = FILLER_AT_END.search(text)
        if filler is None or filler.start() == len(text):
            break
        text = text[:filler.start()]
    return text


def in_relative_clause(masked, start, position):
    """True when `position` lies in a ", who …," clause that has not closed yet."""
    opened = None
    for opened in RELATIVE_CLAUSE.finditer(masked, start, position):
        pass
    return opened is not None and "," not in masked[opened.end():position]


def extract_quotes(article, registry):
    """Quotes and unregistered speakers of one article; see the module's docstring for the rules."""
    return ArticleReader(article, registry).read()


class ArticleReader:
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
        self.ambiguous = set()      # surnames of two people the article names in full
        self.shadowed = set()       # registry surnames that stand for someone else in this article
        self.speaker_days = {}      # person id -> the last day the article dated their words
        self.pronouns = {}          # person id -> the pronoun this article uses for them
        self.subjects = []          # (person id or None, paragraph n, sentence number): each sentence's subject
        self.mentioned = set()
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
        return {"quotes": self.numbered(self.without_placeholders(self.quotes)),
                "new_people": list(self.new_people.values()), "statements": self.statements}

    def without_placeholders(self, quotes):
        """Quotes a placeholder speaks are unresolved here; their surname waits for the archive-wide step."""
        for quote in quotes:
            if quote["speaker_id"] in self.pending:
                quote["pending_name"] = self.pending[quote["speaker_id"]]
                quote["pending_rule"] = quote["attribution"]
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
        # quoted[i] counts the quoted characters (marks included) before i, so a range test is two lookups.
        inside = bytearray(len(text) + 1)
        for span in top:
            inside[max(span["start"] - 1, 0):span["end"] + 1] = b"\x01" * (span["end"] + 1 - max(span["start"] - 1, 0))
        quoted = list(itertools.accumulate(inside[:len(text)], initial=0))

        def outside(start, end):
            # Outside every top-level quote, marks included.
            return quoted[min(end, len(text))] == quoted[max(start, 0)]

        mentions = [mention for mention in find_mentions(text, self.registry, outside)
                    if not (mention["how"] == "name" and mention["surface"] in self.shadowed)]
        self.mentioned.update(mention["person"] for mention in mentions if mention["person"])
        mentions = sorted(mentions + self.introduced_mentions(text, outside, mentions),
                          key=lambda mention: mention["start"])
        cue_pattern = HEADLINE_CUE if kind == "headline" else CUE
        masked = text
        for span in top:
            masked_start = max(span["start"] - 1, 0)
            masked = masked[:masked_start] + "_" * (span["end"] + 1 - masked_start) + masked[span["end"] + 1:]
        masked = masked[:len(text)]
        block = {"last_quoted": False, "text": text, "masked": masked, "offset": offset, "paragraph": paragraph, "kind": kind,
                 "source": source,
                 "spans": spans, "mentions": mentions, "n": paragraph["n"] if paragraph else 0,
                 "cues": [cue for cue in cue_pattern.finditer(text) if outside(cue.start(), cue.end())],
                 "previous": previous, "last_speaker": None, "quotes": []}
        block["span_starts"] = [span["start"] for span in spans]
        block["cue_starts"] = [cue.start() for cue in block["cues"]]
        block["mention_starts"] = [mention["start"] for mention in mentions]
        block["mentions_by_end"], block["mentions_by_start"] = {}, {}
        for mention in mentions:
            block["mentions_by_end"].setdefault(mention["end"], []).append(mention)
            block["mentions_by_start"].setdefault(mention["start"], []).append(mention)
        times = find_time_expressions(text, outside)
        time_starts = [time["start"] for time in times]
        for start, end in split_sentences(text, spans):
            self.read_sentence(block, start, end,
                               times[bisect.bisect_left(time_starts, start):bisect.bisect_left(time_starts, end)])
        return block

    @staticmethod
    def within(block, start, end):
        """The block's spans, cues and mentions that start inside one sentence (found by bisection)."""
        def between(items, starts):
            return items[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        return {"spans": between(block["spans"], block["span_starts"]),
                "cues": between(block["cues"], block["cue_starts"]),
                "mentions": between(block["mentions"], block["mention_starts"])}

    def introduced_mentions(self, text, outside, mentions):
        """Where people the registry lacks, once introduced ("Sweden’s Defense Minister Pål Jonson"), are named."""
        found = []
        taken = bytearray(len(text) + 1)
        for mention in mentions:
            taken[mention["start"]:mention["end"]] = b"\x01" * (mention["end"] - mention["start"])
        for key in sorted(self.introduced, key=len, reverse=True):
            name = self.introduced[key]
            if key not in text:
                continue  # the pattern below is compiled for each name: skip it when the name is absent
            for match in re.finditer(rf"(?<![\w’'-]){re.escape(key)}(?![\w-])", text):
                start, end = match.span()
                introduction = text.find(name["surface"], max(0, end - len(name["surface"])))
                if introduction != -1 and introduction <= start and end <= introduction + len(name["surface"]):
                    start, end = introduction, introduction + len(name["surface"])  # the whole "title + name"
                if not outside(start, end) or any(taken[start:end]):
                    continue
                if key in SURNAME_STOP_WORDS and (MONTH_CONTEXT_BEFORE.search(text, max(0, start - 12), start)
                                                  or MONTH_CONTEXT_AFTER.match(text, end)):
                    continue  # "in May", "May 5": the month, not Mrs May
                taken[start:end] = b"\x01" * (end - start)
                found.append({**name, "start": start, "end": end, "how": "new", "person": None,
                              "possessive": bool(POSSESSIVE_AFTER.match(text[end:end + 3]))})
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
                if resolve_surface(self.registry, name["name"]):
                    continue
                known = self.introduced.get(name["name"])
                if known is None or (name["title"] and not known.get("title")):
                    self.introduced[name["name"]] = name
                by_surname.setdefault(surname_of(name["name"]), set()).add(name["name"])
        whole = "\n".join(text for text, _ in texts)
        for surname, full_names in by_surname.items():
            if len(full_names) > 1:
                self.ambiguous.add(surname)
                continue
            self.introduced[surname] = self.introduced[next(iter(full_names))]
            registered = resolve_surface(self.registry, surname)
            if registered and not any(" " in form and form in whole for form in self.registry_forms(registered)):
                self.shadowed.add(surname)

    def registry_forms(self, person_id):
        person = self.registry.people.get(person_id) or {}
        return [person.get("name", ""), *person.get("aliases", [])]

    def read_sentence(self, block, start, end, sentence_times):
        block["sentence"] = (start, end)
        here = block["here"] = self.within(block, start, end)
        self.sentences += 1
        self.mention_log += [(mention["person"], self.sentences) for mention in here["mentions"] if mention["person"]]
        times = self.resolve_times(sentence_times, block["n"])
        subject = self.sentence_subject(block, start, end)
        quotes_before = len(block["quotes"])
        spans = [span for span in here["spans"] if span["depth"] == 0]
        last_when = None
        for span in spans:
            self.naming = None
            speaker, cue, rule, cue_at = self.attribute(block, span, start, end)
            named = self.naming[1:] if speaker and self.naming and self.naming[0] == speaker \
                and rule != "continuation" else None
            when = self.attached_time(block, times, cue_at, span)
            if when is None and rule == "clause_subject":
                # "… told reporters on Friday that …, but insisted that …": the clause's time is the main verb's.
                main_verb = next((c.start() for c in here["cues"] if c.group("verb")), None)
                when = self.attached_time(block, times, main_verb, span) if main_verb is not None else None
            when = when or self.inherited_date(speaker, sentence_times)
            self.remember_day(speaker, when, sentence_times)
            last_when = when
            outer = self.add_quote(block, span, speaker, cue, rule, when, named=named)
            block["last_speaker"] = speaker
            for nested in here["spans"]:
                if nested["depth"] == 1 and nested["parent"] is not None and block["spans"][nested["parent"]] is span:
                    inner, inner_cue, inner_rule, inner_named = self.attribute_nested(block, span, nested, speaker)
                    self.add_quote(block, nested, inner, inner_cue, inner_rule, when, kind="nested", outer=outer,
                                   named=inner_named)
        when = last_when if spans else self.time_of_statement(block, times, start)
        speakers = [quote["speaker_id"] for quote in block["quotes"][quotes_before:]
                    if quote["kind"] != "nested" and quote["speaker_id"]]
        self.record_statement(block, start, end, when, subject if subject is not UNKNOWN else None, sentence_times)
        if subject is UNKNOWN:
            # Someone the rules cannot name is speaking: "he" must not jump back past them.
            self.subjects.append((None, block["n"], self.sentences))
            block["last_speaker"] = None
            self.discourse = None
            return
        sentence_speaker = subject or (speakers[-1] if speakers else None)
        block["last_quoted"] = bool(spans)
        if not spans:
            # A statement by X keeps X speaking; any other sentence ends the run ("Rubio disagreed.").
            reporting = any(cue.group("verb") for cue in here["cues"])
            if not reporting and sentence_speaker != block["last_speaker"]:
                block["last_speaker"] = None
            elif reporting:
                block["last_speaker"] = sentence_speaker
        if sentence_speaker is None:
            if times:
                self.discourse = None
            return
        self.subjects.append((sentence_speaker, block["n"], self.sentences))
        self.remember_day(sentence_speaker, when, sentence_times)
        if when or self.says_later(sentence_times) or not self.discourse or self.discourse[0] != sentence_speaker:
            self.discourse = (sentence_speaker, when)

    def record_statement(self, block, start, end, when, subject, sentence_times):
        """Keep each sentence's date, so a curated stance on reported speech is dated as its quotes are."""
        if when is None and subject and not self.says_later(sentence_times) and self.discourse \
                and self.discourse[0] == subject:
            when = self.discourse[1]
        if block["source"] == "text":
            self.statements.append({"start": block["offset"] + start, "end": block["offset"] + end, "when": when})

    # -- who -----------------------------------------------------------------------------------

    def attribute(self, block, span, start, end):
        """(speaker id, cue words, rule, where the cue is) for one top-level quote."""
        text = block["text"]
        open_at = span["start"] - 1 if span["opened"] else span["start"]
        close_at = span["end"] + 1 if span["closed"] else span["end"]
        lead = text[start:open_at]
        before = [cue for cue in block["here"]["cues"] if cue.end() <= open_at]
        next_open = min((other["start"] - 1 for other in block["here"]["spans"]
                         if other["depth"] == 0 and other["start"] > span["end"]), default=end)
        after = [cue for cue in block["here"]["cues"] if close_at <= cue.start() < min(end, next_open)]
        if block["kind"] == "headline":
            return self.attribute_headline(block, start, open_at, close_at, before, after)
        if lead.rstrip().endswith(":") and not before:
            colon_at = start + len(lead.rstrip()) - 1
            speaker = self.speaker_before_colon(block, colon_at - (len(text[:colon_at]) - len(text[:colon_at].rstrip())),
                                                start)
            if speaker:
                return speaker, ":", "colon", colon_at
        starts_sentence = lead.strip() in ("", "And", "But", "So")
        sides = [("after", after), ("before", before)] if starts_sentence else [("before", before), ("after", after)]
        for side, cues in sides:
            if not cues:
                continue
            if side == "before":
                found = (*self.speaker_of_cue(block, cues[-1], start, open_at, "speaker_then_quote"), cues[-1].start())
                if found[0] is None and after and IMMEDIATE_ATTRIBUTION.match(text, close_at):
                    continue  # "When asked whether …, “Absolutely not,” Kallas said."
                return found
            return (*self.speaker_of_cue(block, cues[0], close_at, min(end, next_open), "quote_then_speaker"),
                    cues[0].start())
        if block["kind"] != "social_post" and (starts_sentence or lead.rstrip().endswith(("—", "–", ":"))):
            continuing = self.continuing_speaker(block, span)
            if continuing:
                return continuing, None, "continuation", None
        return None, None, "unresolved", None

    def speaker_of_cue(self, block, cue, lower, upper, rule):
        """(speaker id, cue, rule) from one reporting verb, whose speaker lies between lower and upper."""
        text = block["text"]
        word = cue.group().lower()
        if cue.group("according"):
            return self.speaker_after(block, cue.end(), upper), word, "according_to"
        gap = text[lower:cue.start()]
        if PASSIVE_BEFORE.search(text[max(0, cue.start() - 20):cue.start()]):
            # "Rubio was told by Hegseth": the speaker is the agent, when there is one.
            agent = BY_AGENT.match(text[cue.end():cue.end() + 6])
            speaker = self.speaker_after(block, cue.end() + agent.end(), upper) if agent else None
            return speaker, word, rule if speaker else "unresolved"
        claim = CLAIM_OF.search(block["masked"], cue.end(), upper) if "that" in block["masked"][cue.end():upper] else None
        if claim and rule == "speaker_then_quote":
            # "Zelensky denied Trump’s claim that Ukraine “started the war”": the words are the claim's.
            holder = self.mention_ending(block, claim.start() + len(claim.group(1)), cue.end())
            speaker = self.resolve_mention(block, holder, None, None)[0] if holder else None
            return speaker, word, "speaker_then_quote" if speaker else "unresolved"
        if cue.group("participle"):
            quoted_as = QUOTED_AS.search(text[max(0, cue.start() - 6):cue.start()])
            if quoted_as:
                # "Politico quoted Hegseth as saying …": the one quoted is the speaker.
                holder = self.mention_ending(block, cue.start() - len(quoted_as.group()), lower)
                speaker = self.resolve_mention(block, holder, None, None)[0] if holder else None
                return speaker, word, "clause_subject" if speaker else "unresolved"
            own = self.mentions_ending_at(block, len(text[:cue.start()].rstrip(" ")), lower)
            if own and text[own["end"]:cue.start()].strip(" ") == "":
                # "Zelensky responded to Trump calling him …": the participle has its own subject.
                speaker, _, how = self.resolve_mention(block, own, word, "clause_subject")
                return speaker, word, how
        if cue.group("verb"):
            mention = self.mention_before(block, cue.start(), lower)
            if mention:
                return self.resolve_mention(block, mention, word, rule)
            if not gap.strip(" ,"):
                # "“…,” said Pål Jonson": the speaker follows the verb.
                return self.speaker_after(block, cue.end(), upper), word, rule
            if rule == "quote_then_speaker" and gap.rstrip().endswith(","):
                # "He was “as strong as garlic” in his backing of the bill, said Rep. Kevin Brady."
                inverted = self.speaker_after(block, cue.end(), upper)
                if inverted:
                    return inverted, word, rule
            if not COORDINATED.search(gap):
                return None, word, "unresolved"
        subject = self.clause_subject(block, cue.start())
        if subject is UNKNOWN:
            return None, word, "unresolved"
        if subject:
            speaker, _, how = self.resolve_mention(block, subject, word, "clause_subject")
            return speaker, word, how
        return None, word, "unresolved"

    def clause_subject(self, block, position):
        """The subject of the clause a subjectless verb or participle belongs to.

        "Trump called it “great,” but Zelensky disagreed, calling it …": the
        clause after "but" is Zelensky's. With no subject in its own clause, the
        sentence's first subject.
        """
        start = block["sentence"][0]
        boundaries = [match.end() for match in CLAUSE_START.finditer(block["masked"], start, position)]
        for boundary in reversed(boundaries):
            subject = self.first_subject(block, boundary, position)
            if subject:
                return subject
        subject = self.first_subject(block, start, position)
        if subject is None:
            # "The Transport Department responded to a ruling against Trump, saying …": a body the
            # registry lacks opens the clause.
            named = self.named_at(block, start, position)
            return named if named is not None and named["kind"] == "organization" else None
        return subject

    def mentions_ending_at(self, block, end, lower):
        candidates = [m for m in block["mentions_by_end"].get(end, ()) if m["start"] >= lower]
        return min(candidates, key=lambda mention: mention["start"]) if candidates else None

    def mention_before(self, block, position, lower):
        """The mention that is the subject of a verb at `position`, looking left over adverbs and asides."""
        text = block["text"]
        lower = max(lower, position - SUBJECT_REACH)
        while position > lower:
            segment = text[lower:position]
            filler = FILLER_AT_END.search(segment) if segment.rstrip().endswith(FILLER_ENDINGS) else None
            if filler and filler.start() < len(segment):
                position = lower + filler.start()
                continue
            relative = RELATIVE_AT_END.search(segment)
            if relative:
                # "Trump, who said in March 2024 …": the relative pronoun stands for the name before it,
                # whatever that name's own part in its clause ("… With Vance, Who Called …").
                found = self.mention_ending(block, lower + len(segment[:relative.start()].rstrip()), lower)
                if found is None or (found["how"] == "new" and not self.is_name(found)) or \
                        NEGATED_BEFORE.search(text[max(lower, found["start"] - 12):found["start"]]):
                    return None  # "It was Rubio, not Hegseth, who said"
                return found
            stripped = segment.rstrip()
            if stripped.endswith((",”", ",’", ',"')):
                stripped = stripped[:-1]  # "Trump, speaking on “Meet the Press,” said": the aside ends at the comma
            if stripped.endswith(")"):
                opening = text.rfind("(", lower, lower + len(stripped))
                if opening == -1:
                    return None
                position = opening
                continue
            if stripped.endswith(","):
                # "Kaja Kallas, the European Union’s top diplomat, rejected": look past the aside.
                inner_end = lower + len(stripped) - 1
                opening = text.rfind(",", lower, inner_end)
                before_aside = self.mention_ending(block, len(text[:opening].rstrip()), lower) \
                    if opening != -1 and inner_end - opening <= 90 else None
                if before_aside and before_aside["how"] != "new" or before_aside and self.is_name(before_aside):
                    return before_aside
                found = self.mention_ending(block, inner_end, lower)
                if found and (found["how"] != "new" or self.is_name(found)):
                    return found  # "Ukraine’s top commander, Oleksandr Syrskyi, warned"
                if opening == -1 or inner_end - opening > 90:
                    return None
                position = opening
                continue
            found = self.mention_ending(block, lower + len(stripped), lower)
            if found and GOVERNED_BEFORE.search(text[max(lower, found["start"] - 20):found["start"]]):
                return None  # "a spokesman for Zelensky said", "Rubio and Hegseth said", "not Hegseth, who said"
            return found
        return None

    @staticmethod
    def is_name(mention):
        return mention["kind"] == "person" and " " in mention["name"] or bool(mention.get("title"))

    def mention_ending(self, block, end, lower):
        candidates = [m for m in block["mentions_by_end"].get(end, ()) if m["start"] >= lower]
        if candidates:
            return min(candidates, key=lambda mention: mention["start"])
        name = parse_name_before(block["text"], end, lower)
        return {**name, "how": "new", "person": None, "possessive": False} if name else None

    def speaker_after(self, block, position, upper):
        """The speaker named right after a verb: “…,” said X / according to X; or None.

        A possessive or modifying name is not the speaker ("said Putin’s spokesman",
        "according to Vance aides"); the name after its noun is, if there is one
        ("said Trump ally Steve Bannon").
        """
        text = block["text"]
        at = position + len(text[position:upper]) - len(text[position:upper].lstrip())
        for _ in range(3):
            mentions = [m for m in block["mentions_by_start"].get(at, ()) if m["how"] != "pronoun"]
            mention = max(mentions, key=lambda m: m["end"]) if mentions else None
            if mention is None:
                name = parse_name_after(text, at)
                if name is None or name["end"] > upper + 1:
                    return None
                mention = {**name, "how": "new", "person": None,
                           "possessive": bool(POSSESSIVE_AFTER.match(text[name["end"]:name["end"] + 3]))}
            modified = MODIFIER_AFTER.match(text, mention["end"])
            if not mention["possessive"] and not modified:
                return self.resolve_mention(block, mention, None, None)[0]
            following = NOUN_THEN_NAME.match(text, mention["end"])
            if following is None:
                return None
            at = following.end()
        return None

    def first_subject(self, block, start, end):
        """The first mention between start and end that can be a clause's subject.

        A fronted phrase ("After meeting Vance, …") holds no subject, and two
        people joined by "and" are not one speaker (UNKNOWN).
        """
        text = block["text"]
        fronted = FRONTED.match(text, start)
        if fronted:
            comma = text.find(",", fronted.end(), end)
            start = comma + 1 if comma != -1 else start
        for mention in block["here"]["mentions"]:
            if not start <= mention["start"] < end or mention["possessive"]:
                continue
            if PREPOSITION_BEFORE.search(text[max(start, mention["start"] - 12):mention["start"]]):
                continue
            joined = JOINED_TO_NEXT.match(text[mention["end"]:mention["end"] + 8])
            if joined and block["mentions_by_start"].get(mention["end"] + joined.end()):
                return UNKNOWN
            if not self.opens_clause(text, start, mention["start"]):
                # "The Justice Department responded to a ruling on Trump’s ban, saying …": the mention is an
                # object; the subject is whoever the clause opens with, when that names anyone.
                named = self.named_at(block, start, mention["start"])
                if named is not None:
                    return named
                if mention["how"] != "pronoun":
                    return UNKNOWN  # "A former aide to Gove attacked Davis, describing him": neither is the subject
            return mention
        return None

    @staticmethod
    def opens_clause(text, start, at):
        """True when only names, titles and articles stand between a clause's start and `at`."""
        words = text[start:at].rsplit(",", 1)[-1].split()
        return all(word[:1].isupper() or word.lower().strip("(),") in SUBJECT_LEAD_WORDS
                   or word.endswith(("’s", "'s")) or not word[:1].isalpha() for word in words)

    def named_at(self, block, start, end):
        """The person or body a clause opens with ("The U.S. Justice Department has …"), else None."""
        text = block["text"]
        at = start + len(text[start:end]) - len(text[start:end].lstrip())
        name = parse_name_after(text, at)
        if name is None or name["end"] > end or (name["kind"] == "person" and " " not in name["name"]):
            return None  # "Criticism must have come …": the clause opens with no name at all
        return {**name, "how": "new", "person": None, "possessive": False}

    def sentence_subject(self, block, start, end):
        """The person a sentence is about: its first reporting verb's subject, else its first subject mention."""
        for cue in block["here"]["cues"]:
            if cue.group("verb") and not in_relative_clause(block["masked"], start, cue.start()):
                mention = self.mention_before(block, cue.start(), start)
                person = self.resolve_mention(block, mention, None, None)[0] if mention else None
                if person:
                    return person
                if mention and mention["how"] != "pronoun":
                    return UNKNOWN
                gap = QUOTE_MARKS_AND_SPACING.sub("", block["masked"][start:cue.start()])
                if mention is None and not gap:
                    person = self.speaker_after(block, cue.end(), end)  # "“…,” said Katarína Horváthová"
                    return person or UNKNOWN
                if mention is None and not COORDINATED.search(without_fillers(block["text"][start:cue.start()])):
                    return UNKNOWN  # "A senior commander said …": someone spoke, and we cannot say who
                break
        mention = self.first_subject(block, start, end)
        if mention is UNKNOWN:
            return UNKNOWN
        if mention:
            person = self.resolve_mention(block, mention, None, None)[0]
            if person and self.kind_of(person) == "person":
                return person
        return None

    def resolve_mention(self, block, mention, cue, rule):
        """(person id or None, cue, rule) for a mention; remembers which words named the person."""
        person, cue, rule = self.person_of_mention(block, mention, cue, rule)
        if person:
            self.naming = (person, block["offset"] + mention["start"], block["offset"] + mention["end"])
        return person, cue, rule

    def person_of_mention(self, block, mention, cue, rule):
        """(person id or None, cue, rule) for a mention; creates unregistered speakers from new names."""
        how = mention["how"]
        if how == "name":
            # A registered alias such as "the defense secretary" is a role noun.
            return mention["person"], cue, "role_noun" if mention["surface"][:1].islower() else rule
        if how == "pronoun":
            person = self.antecedent(mention["pronoun"], block["n"])
            if person:
                self.pronouns.setdefault(person, mention["pronoun"])
            return person, cue, "pronoun" if person else "unresolved"
        if how == "role":
            others = {slugify(name["name"]): (name.get("title"), name.get("country"))
                      for name in self.introduced.values()}
            person = resolve_role(self.registry, mention["surface"], self.mentioned, others)
            if person in others and person not in self.new_people:
                person = self.new_speaker(next(name for name in self.introduced.values()
                                               if slugify(name["name"]) == person))
            return person, cue, "role_noun" if person else "unresolved"
        if how == "new":
            person = self.new_speaker(mention)
            return person, cue, rule if person else "unresolved"
        return None, cue, "unresolved"

    def new_speaker(self, name):
        """The id of an unregistered person named in the text; made once per article, found again by surname."""
        full = name["name"]
        registered = resolve_surface(self.registry, full)
        if registered:
            return registered
        if full in self.local_names:
            return self.local_names[full]
        if name["kind"] == "person" and " " not in full and (full in self.introduced or not name["title"]):
            if full not in self.introduced:
                return self.placeholder(full)  # a lone surname nobody introduced: the archive may know them
            name = self.introduced[full]
            full = name["name"]
            if full in self.local_names:
                return self.local_names[full]
        person_id = slugify(full)
        if not person_id or person_id in self.registry.people:
            return None
        self.new_people.setdefault(person_id, {
            "id": person_id, "name": full, "kind": name["kind"], "role": name.get("title"),
            "country": name.get("country"), "surface": name["surface"], "article_id": self.article["id"],
        })
        self.local_names[full] = person_id
        if name["kind"] == "person":
            self.introduced.setdefault(full, name)
            if surname_of(full) not in self.ambiguous:
                self.local_names[surname_of(full)] = person_id
                self.introduced.setdefault(surname_of(full), name)
        return person_id

    def placeholder(self, surname):
        """The placeholder speaker for a lone surname the article never introduced; None for a shared one."""
        if surname in self.ambiguous or surname in SURNAME_STOP_WORDS or not surname[:1].isupper():
            return None
        self.pending[PENDING + surname] = surname
        return PENDING + surname

    def kind_of(self, person):
        if person in self.pending:
            return "person"
        return self.registry.people.get(person, self.new_people.get(person, {})).get("kind")

    def speaker_before_colon(self, block, colon_at, lower):
        """The speaker named right before a colon: "The White House: …"."""
        mention = self.mention_ending(block, colon_at, lower)
        if mention and mention["how"] != "pronoun":
            return self.resolve_mention(block, mention, ":", "colon")[0]
        return None

    def attribute_headline(self, block, start, open_at, close_at, before, after):
        """Headlines: "X Says … ‘…’", "X …: “…”" and "‘…’, X tells …" give the quote to the verb's subject."""
        cue = before[-1] if before else (after[0] if after else None)
        if cue is not None:
            mention = self.mention_before(block, cue.start(), start if before else close_at)
            speaker = self.resolve_mention(block, mention, None, None)[0] if mention else None
            if speaker:
                return speaker, cue.group().lower(), "headline_subject", cue.start()
            if mention is None and before and after:
                # "Calls to scrap the levy ‘…’, Brennagh says": the verb before had no subject; the one after has.
                cue = after[0]
                mention = self.mention_before(block, cue.start(), close_at)
                speaker = self.resolve_mention(block, mention, None, None)[0] if mention else None
                if speaker:
                    return speaker, cue.group().lower(), "headline_subject", cue.start()
            if mention is not None or not before:
                return None, cue.group().lower(), "unresolved", cue.start()
        elif not block["text"][start:open_at].rstrip().endswith(":"):
            return None, None, "unresolved", None
        subject = self.first_subject(block, start, open_at)
        if subject and subject["how"] != "pronoun":
            speaker = self.resolve_mention(block, subject, None, None)[0]
            if speaker:
                return speaker, cue.group().lower() if cue else ":", "headline_subject", None
        return None, None, "unresolved", None

    def attribute_nested(self, block, outer, nested, outer_speaker):
        """A quote inside a quote is its speaker's words, unless the outer quote says who said them."""
        inside = block["text"][outer["start"]:nested["start"]]
        cues = [cue for cue in CUE.finditer(inside) if cue.group("verb")]
        if cues:
            cue = cues[-1]
            mentions = find_mentions(inside, self.registry, lambda start, end: True)
            subjects = [mention for mention in mentions if mention["how"] == "name" and mention["end"] <= cue.start()
                        and (not inside[mention["end"]:cue.start()].strip()
                             or FILLER_AT_END.fullmatch(inside[mention["end"]:cue.start()]))]
            if subjects:
                at = block["offset"] + outer["start"]
                return (subjects[-1]["person"], cue.group().lower(), "nested_inner",
                        (at + subjects[-1]["start"], at + subjects[-1]["end"]))
            # The outer quote credits someone with these words, and the rules cannot tell who.
            return None, cue.group().lower(), "unresolved", None
        if outer_speaker:
            return outer_speaker, None, "nested_outer", None
        return None, None, "unresolved", None

    def continuing_speaker(self, block, span):
        """Who a quote with no attribution continues: the last speaker in this paragraph or the one before.

        After a quote nobody could attribute, nothing continues: never guess.
        """
        if block["sentence"][0] > 0:
            return block["last_speaker"]
        previous = block["previous"]
        if previous and previous.get("last_quoted") and previous["kind"] == block["kind"] \
                and previous["quotes"] and previous["quotes"][-1]["attribution"] != "colon":
            # Not after "Hegseth: “No.”": transcripts alternate speakers.
            return previous["last_speaker"]
        return None

    def antecedent(self, pronoun, paragraph_n):
        """The nearest earlier sentence subject that this pronoun can refer to."""
        for person, n, sentence in reversed(self.subjects):
            if paragraph_n - n > ANTECEDENT_PARAGRAPHS or person is None:
                return None
            known = self.pronoun_of(person)
            if known and known != pronoun:
                continue
            if person in self.registry.people and self.registry.people[person].get("kind") != "person":
                continue
            if not known and any(other != person and self.pronoun_of(other) == pronoun and seen >= sentence
                                 for other, seen in self.mention_log):
                return None  # "Jonson met Kallas. “…,” she said.": a "she" named as late as him, whose sex we lack
            return person
        return None

    def pronoun_of(self, person):
        return self.pronouns.get(person) or (self.registry.people.get(person) or {}).get("pronoun")

    # -- when ----------------------------------------------------------------------------------

    def resolve_times(self, sentence_times, paragraph_n):
        """[(position, (date, precision, words))] for the sentence's time expressions; moves the anchor."""
        resolved = []
        for expression in sentence_times:
            anchor_date, anchor_paragraph = self.anchor
            if expression["kind"] == "later" and anchor_paragraph != paragraph_n:
                continue
            result = resolve_time(expression, self.published, anchor_date) if self.published else None
            if result is None:
                continue
            date, precision = result
            if precision == "day":
                self.anchor = (date, paragraph_n)
            resolved.append((expression["start"], expression["end"], (date, precision, expression["words"])))
        return resolved

    @staticmethod
    def attached_time(block, times, cue_at, span):
        """The time expression of the reporting verb's own clause, nearest the verb; None when there is none.

        "Hegseth said a review that held up shipments last week was …": "last week"
        dates the shipments, not the saying, because a clause boundary stands between.
        """
        at = cue_at if cue_at is not None else span["start"]
        sentence_start = block["sentence"][0]
        attached = [(abs(start - at), when) for start, end, when in times
                    if not CLAUSE_BOUNDARY.search(block["masked"][min(end, at):max(start, at)])
                    and in_relative_clause(block["masked"], sentence_start, start)
                    == in_relative_clause(block["masked"], sentence_start, at)]
        return min(attached, key=lambda item: item[0])[1] if attached else None

    def time_of_statement(self, block, times, start):
        """The time of a sentence with no quote: its main reporting verb's, else one that opens the sentence.

        "Trump, who spoke with Zelensky on Wednesday, said …": Wednesday dates the call, not the saying.
        """
        main_verb = next((cue for cue in block["here"]["cues"] if cue.group("verb")
                          and not in_relative_clause(block["masked"], start, cue.start())), None)
        if main_verb is not None:
            return self.attached_time(block, times, main_verb.start(), None)
        # With no verb of speech, only a day sets the scene ("On Tuesday, Ryan met reporters."); a year or a
        # month is background ("He was elected speaker in 2015") and must not date the quotes that follow.
        opening = [when for at, _, when in times if not CLAUSE_BOUNDARY.search(block["masked"][start:at])
                   and not in_relative_clause(block["masked"], start, at) and when[1] == "day"]
        return opening[0] if opening else None

    def says_later(self, sentence_times):
        return any(expression["kind"] == "later" for expression in sentence_times)

    def remember_day(self, speaker, when, sentence_times):
        if speaker is None:
            return
        if when and when[1] == "day":
            self.speaker_days[speaker] = when
        elif sentence_times:
            self.speaker_days.pop(speaker, None)  # another occasion, or a later one: the day no longer carries

    def inherited_date(self, speaker, sentence_times):
        """A quote with no time of its own keeps the time of the same speaker's running account."""
        if speaker is None or self.says_later(sentence_times):
            return None
        if self.discourse and self.discourse[0] == speaker:
            return self.discourse[1]
        if not sentence_times:
            # A lede's day ("Russia said on Wednesday …") carries to that speaker's later quotes, until a
            # sentence of theirs names another time.
            return self.speaker_days.get(speaker)
        return None

    # -- the row -------------------------------------------------------------------------------

    def add_quote(self, block, span, speaker, cue, rule, when, kind=None, outer=None, named=None):
        text = block["text"]
        offset = block["offset"]
        sentence_start, sentence_end = block["sentence"]
        if kind is None:
            kind = {"headline": "headline", "social_post": "social"}.get(block["kind"]) or \
                self.direct_or_partial(text, span, sentence_start)
        if when:
            said_on, precision, basis = when[0].isoformat(), when[1], when[2]
        elif self.published:
            said_on, precision, basis = self.published.isoformat(), "published", None
        else:
            said_on = precision = basis = None
        quote = {
            "article_id": self.article["id"],
            "paragraph_id": None if block["paragraph"] is None else f"{self.article['id']}-p{block['n']:03d}",
            "source": block["source"],
            "start": offset + span["start"], "end": offset + span["end"],
            "text": text[span["start"]:span["end"]],
            "kind": kind, "speaker_id": speaker, "cue": cue,
            "speaker_start": named[0] if named else None, "speaker_end": named[1] if named else None,
            "attribution": rule if speaker else "unresolved",
            "context": text[sentence_start:sentence_end],
            "said_on": said_on, "said_on_precision": precision, "said_on_basis": basis,
            "outer": outer,
        }
        block["quotes"].append(quote)
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
