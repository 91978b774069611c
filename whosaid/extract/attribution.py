"""Who said a quote: the speaker rules, read over one block and its sentence.

`SpeakerRules` is the part of `ArticleReader` (reader.py) that decides
speakers. Its state lives on the reader: the registry, the people the article
introduced, the subjects and pronouns seen so far, and `naming` (the words
that named the person resolved last).
"""

import re

from ..names import is_title_case
from ..quotes import names_a_thing
from ..speakers import Mention, find_mentions, resolve_label, resolve_spelling, resolve_surface
from .mentions import MentionRules
from .patterns import (AFTER_ONLY_CUES, BY_AGENT, CLAIM_OF, CLAUSE_BREAK, COLON_CLAUSE_WORDS, COORDINATED,
                       CROSSHEAD_MAX_WORDS, CUE, DASH_ATTRIBUTION, DENIED_FRAGMENT_WORDS, FILLER_AT_END,
                       HANDLE_SIGNATURE, HEADLINE_SIGNATURE, IMMEDIATE_ATTRIBUTION, NOBODY, NOT_SIGNATURES,
                       PASSIVE_BEFORE, PASSIVE_QUOTED, POSSESSIVE_OWNER, PREDICATE_BEFORE, PREPOSITION_BEFORE, QUOTED_AS,
                       QUOTE_MARKS_IN, RELAY_BEFORE, SENTENCE_ENDS, SIGNATURE_TAIL_WORDS, SIGNED_AFTER, TOPIC_LEAD, UNKNOWN, UNNAMED_SOURCE,
                       is_denied_fragment, is_headline_line, without_fillers)
from .subjects import SubjectRules

ECHO_WORDS = re.compile(r"\w[\w’'-]*")
# A fragment this short that repeats another's is a mention of those words; a longer one may be a refrain.
ECHO_MAX_WORDS = 5


class SpeakerRules(SubjectRules, MentionRules):
    """The rules that name a quote's speaker; see the package's docstring."""

    def attribute(self, block, span, start, end):
        """(speaker id, cue words, rule, where the cue is) for one top-level quote."""
        text = block.text
        open_at = span["start"] - 1 if span["opened"] else span["start"]
        close_at = span["end"] + 1 if span["closed"] else span["end"]
        lead = text[start:open_at]
        before = [cue for cue in block.here.cues if cue.end() <= open_at and cue.group() not in AFTER_ONLY_CUES]
        next_open = min((other["start"] - 1 for other in block.here.spans
                         if other["depth"] == 0 and other["start"] > span["end"]), default=end)
        after = [cue for cue in block.here.cues if close_at <= cue.start() < min(end, next_open)]
        if before and is_denied_fragment(before[-1], block.text[span["start"]:span["end"]]):
            # "Sunak denies he’s a ‘liar’": the word denied is the accuser's, not the speaker's.
            return None, before[-1].group().lower(), "unresolved", before[-1].start()
        # (A quote that opens its line: not "Protesters chanted “peace now” — Zelensky, meanwhile, …".)
        dash = DASH_ATTRIBUTION.match(text, close_at) \
            if not before and not after and not text[text.rfind("\n", 0, open_at) + 1:open_at].strip() else None
        if dash:
            # A pull quote signed with a dash: "“We will not send troops.” — Donald Trump".
            speaker = self.speaker_after(block, dash.end(), len(text))
            if speaker:
                return speaker, "—", "dash", None
        handle = HANDLE_SIGNATURE.match(text, close_at) \
            if not before and not text[text.rfind("\n", 0, open_at) + 1:open_at].strip() else None
        if handle:
            speaker = self.person_of_handle(handle.group("handle"))
            if speaker:
                self.naming = (speaker, block.offset + handle.start("handle") - 1, block.offset + handle.end())
                return speaker, "—", "dash", None
        if block.kind == "headline":
            found = self.attribute_headline(block, start, open_at, close_at, before, after)
            if found[0] and not self.named_in_body(found[0], block):
                # A headline compresses, and the body names its speaker again ("Harrow: ‘We lost’" over "Ines
                # Harrow said …"). A name the registry lacks that the body never repeats, such as a section label
                # read as a name, is not taken from the headline alone.
                return None, found[1], "unresolved", found[3]
            return found
        relay = RELAY_BEFORE.search(block.masked, start, open_at)
        if relay:
            speaker = self.relayed_by(block, relay)
            if speaker:
                return speaker, relay.group().split()[-1].lower(), "relay", relay.start("name")
        if lead.rstrip().endswith(":") and not before:
            colon_at = start + len(lead.rstrip()) - 1
            speaker = self.speaker_before_colon(block, colon_at - (len(text[:colon_at]) - len(text[:colon_at].rstrip())),
                                                start)
            if speaker:
                return speaker, ":", "colon", colon_at
        starts_sentence = lead.strip() in ("", "And", "But", "So")
        # "…, NATO says that it “would never …,” the spokesman said": a quote closed on a comma and signed right
        # after is the signer's, whatever verb the paraphrase before it has.
        signature = SIGNED_AFTER.match(text, close_at) if after else None
        # (Only when the signature ends the sentence: not "Unlike Trump, who called it “great,” Zelensky said …".)
        signed_after = signature is not None and block.text[span["start"]:span["end"]].rstrip().endswith(",") \
            and QUOTE_MARKS_IN.search(text, signature.end(), end) is None \
            and len(text[signature.end():end].split()) <= SIGNATURE_TAIL_WORDS
        if TOPIC_LEAD.fullmatch(lead) and len(text[span["start"]:span["end"]].split()) <= DENIED_FRAGMENT_WORDS:
            # "Regarding the issue of “money in politics,” Ishiba said …": a topic's name, not his words.
            return None, None, NOBODY, None
        claim = CLAIM_OF.search(block.masked, start, open_at) if not before and "that" in lead else None
        if claim and not CLAUSE_BREAK.search(block.masked, claim.end(), open_at) \
                and not PREDICATE_BEFORE.search(text, max(start, open_at - 12), open_at):
            # "Commenting on Kuleba’s statement that Russia took grain “stolen from Ukraine”, Zakharova noted …":
            # the words are the claim's, not the sentence's speaker's.
            holder = self.mention_ending(block, claim.start() + len(claim.group(1)), start)
            speaker = self.resolve_mention(block, holder, None, None)[0] if holder else None
            if speaker:
                return speaker, None, "possessive", None
        sides = [("after", after), ("before", before)] if starts_sentence or signed_after \
            else [("before", before), ("after", after)]
        for side, cues in sides:
            if not cues:
                continue
            if side == "before":
                found = (*self.speaker_of_cue(block, cues[-1], start, open_at, "speaker_then_quote"), cues[-1].start())
                if found[0] is None and after and IMMEDIATE_ATTRIBUTION.match(text, close_at) \
                        and self.mention_before(block, cues[-1].start(), start) is None:
                    # "When asked whether …, “Absolutely not,” Kallas said." (Not when the verb before has a
                    # subject the rules could not name: "the secretary of state called him a “clown,” Ried told
                    # Forbes" is not Trump's word.)
                    continue
                return found
            return (*self.speaker_of_cue(block, cues[0], close_at, min(end, next_open), "quote_then_speaker"),
                    cues[0].start())
        if lead.rstrip().endswith(":") and not before:
            speaker = self.subject_before_colon(block, start, start + len(lead.rstrip()) - 1)
            if speaker:
                return speaker, ":", "colon", start + len(lead.rstrip()) - 1
        owner = POSSESSIVE_OWNER.search(lead)
        if owner and not before:
            # "Trump’s threats of “consequences”", "von der Leyen’s remarks that “…”": the possessor's words.
            holder = self.mention_ending(block, start + owner.end("owner"), start)
            speaker = self.resolve_mention(block, holder, None, None)[0] if holder else None
            if speaker:
                return speaker, None, "possessive", None
        if block.kind != "social_post" and (starts_sentence or lead.rstrip().endswith(("—", "–", ":"))):
            continuing = self.continuing_speaker(block, span)
            if continuing:
                return continuing, None, "continuation", None
        if block.paragraph and is_headline_line(block.text) and len(block.text.split()) <= CROSSHEAD_MAX_WORDS:
            return None, None, NOBODY, None  # a crosshead ("‘Horrible and scary’") is the editor's line
        return None, None, "unresolved", None

    def speaker_of_cue(self, block, cue, lower, upper, rule):
        """(speaker id, cue, rule) from one reporting verb, whose speaker lies between lower and upper."""
        text = block.text
        word = cue.group().lower()
        if cue.group("according"):
            return self.speaker_after(block, cue.end(), upper), word, "according_to"
        gap = text[lower:cue.start()]
        if PASSIVE_BEFORE.search(text[max(0, cue.start() - 20):cue.start()]):
            # "Rubio was told by Hegseth": the speaker is the agent, when there is one.
            agent = BY_AGENT.match(text[cue.end():cue.end() + 6])
            speaker = self.speaker_after(block, cue.end() + agent.end(), upper) if agent else None
            return speaker, word, rule if speaker else "unresolved"
        claim = CLAIM_OF.search(block.masked, cue.end(), upper) if "that" in block.masked[cue.end():upper] else None
        if claim and rule == "speaker_then_quote" and not PREDICATE_BEFORE.search(
                text, max(lower, upper - 12), upper) and not any(
                claim.end() < span["start"] < upper for span in block.here.spans if span["depth"] == 0):
            # (Not when another quote stands between: "… Starmer’s inference that he was a ‘liar’ was “stuff”".)
            # "Zelensky denied Trump’s claim that Ukraine “started the war”": the words are the claim's.
            holder = self.mention_ending(block, claim.start() + len(claim.group(1)), cue.end())
            speaker = self.resolve_mention(block, holder, None, None)[0] if holder else None
            return speaker, word, "speaker_then_quote" if speaker else "unresolved"
        if cue.group("participle"):
            quoted_as = QUOTED_AS.search(text[max(0, cue.start() - 6):cue.start()])
            if quoted_as:
                # "Politico quoted Hegseth as saying …": the one quoted is the speaker.
                before_as = cue.start() - len(quoted_as.group())
                passive = PASSIVE_QUOTED.search(text, lower, before_as)
                # "Hegseth was quoted as saying …": the subject of the passive.
                holder = self.mention_before(block, passive.start(), lower) if passive else \
                    self.mention_ending(block, before_as, lower)
                speaker = self.resolve_mention(block, holder, None, None)[0] if holder else None
                return speaker, word, "clause_subject" if speaker else "unresolved"
            own = self.mentions_ending_at(block, len(text[:cue.start()].rstrip(" ")), lower)
            if own and text[own.end:cue.start()].strip(" ") == "":
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
            if UNNAMED_SOURCE.search(without_fillers(gap)):
                return None, word, "unnamed_source"  # "a senior administration official said": nobody named
            if not COORDINATED.search(gap):
                return None, word, "unresolved"
        subject = self.clause_subject(block, cue.start())
        if subject is UNKNOWN:
            return None, word, "unresolved"
        if subject:
            speaker, _, how = self.resolve_mention(block, subject, word, "clause_subject")
            return speaker, word, how
        return None, word, "unresolved"

    def relayed_by(self, block, relay):
        """The body a relay names ("what the BBC calls"): registered, else a body by that name."""
        name = relay.group("name")
        person = resolve_surface(self.registry, name) or resolve_surface(self.registry, "the " + name)
        if person is None:
            person = self.new_speaker(Mention(relay.start("name"), relay.end("name"), name, "new", name=name,
                                              kind="organization"))
        if person:
            self.naming = (person, block.offset + relay.start("name"), block.offset + relay.end("name"))
        return person

    def subject_before_colon(self, block, start, colon_at):
        """The subject of a short clause that ends in a colon: "Trump was firm: “…”"; else None."""
        if len(block.text[start:colon_at].split()) > COLON_CLAUSE_WORDS:
            return None
        subject = self.first_subject(block, start, colon_at)
        if not subject or subject is UNKNOWN:
            return None
        person = self.resolve_mention(block, subject, None, None)[0]
        return person if person and self.kind_of(person) in ("person", "organization") else None

    def speaker_before_colon(self, block, colon_at, lower):
        """The speaker named right before a colon: "The White House: …"; not an object ("… back on Trump: …")."""
        mention = self.mention_ending(block, colon_at, lower)
        if mention and PREPOSITION_BEFORE.search(block.text[max(lower, mention.start - 20):mention.start]):
            return None
        labelled = resolve_label(self.registry, mention.surface) if mention and mention.how == "new" else None
        if labelled:  # "VANCE: “…”"
            self.naming = (labelled, block.offset + mention.start, block.offset + mention.end)
            return labelled
        if mention and mention.how != "pronoun":
            return self.resolve_mention(block, mention, ":", "colon")[0]
        return None

    def person_of_handle(self, handle):
        """The person a handle spells ("Jane_Doe", "JaneDoe"), if the registry or the article names
        them in full; None otherwise: a handle alone is not a name."""
        name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", handle).replace("_", " ").split()
        full = " ".join(name)
        if len(name) < 2:
            return None
        registered = resolve_spelling(self.registry, full)
        if registered:
            return registered
        if full in self.local_names:
            return self.local_names[full]
        return self.new_speaker(self.introduced[full]) if full in self.introduced else None

    def named_in_body(self, person_id, block):
        """Whether a speaker found in a headline is in the registry, or named again, with every word of the name
        the article gives them, in the body (not in a headline or boilerplate): "Harrow" for a placeholder of
        that surname is found in "Ines Harrow"."""
        person = self.new_people.get(person_id)
        if person_id in self.registry.people or person is None:
            return True
        name = r"\W+".join(re.escape(word) for word in person["name"].split())
        body = [(paragraph["start"], paragraph["end"]) for paragraph in self.article["paragraphs"]
                if paragraph["kind"] not in ("headline", "boilerplate")]
        own = range(block.offset, block.offset + len(block.text)) if block.source == "text" else range(0)
        return any(start <= match.start() < end and match.start() not in own
                   for match in re.finditer(rf"(?<!\w){name}(?!\w)", self.article["text"])
                   for start, end in body)

    def attribute_headline(self, block, start, open_at, close_at, before, after):
        """Headlines: "X Says … ‘…’", "X …: “…”" and "‘…’, X tells …" give the quote to the verb's subject."""
        signature = HEADLINE_SIGNATURE.search(block.text, close_at) if not before and not after else None
        outlet = set((self.article.get("outlet") or "").split())
        if signature and not set(signature.group("name").split()) & (NOT_SIGNATURES | outlet):
            # "NATO Summit Results Are ‘Threatening’ for Russia - Kremlin": the name after the dash signs it.
            speaker = self.speaker_after(block, signature.start("name"), len(block.text))
            if speaker:
                return speaker, "—", "headline_subject", None
        cue = before[-1] if before else (after[0] if after else None)
        if cue is not None:
            mention = self.mention_before(block, cue.start(), start if before else close_at)
            if mention and mention.how == "new" and len((mention.name or "").split()) >= 3 \
                    and is_title_case(block.text):
                # "Nigeria Opposition Declares Victory, Says …": in Title Case a verb looks like a name.
                return None, cue.group().lower(), "unresolved", cue.start()
            speaker = self.resolve_mention(block, mention, None, None)[0] if mention else None
            if speaker:
                return speaker, cue.group().lower(), "headline_subject", cue.start()
            if mention is None and not before:
                # "Sinn Fein are ‘up for a deal’, says leader McDonald": the subject follows the verb.
                speaker = self.speaker_after(block, cue.end(), block.sentence[1])
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
        elif not block.text[start:open_at].rstrip().endswith(":"):
            return None, None, "unresolved", None
        subject = self.first_subject(block, start, open_at)
        if subject is UNKNOWN:
            subject = None  # two people joined by "and" ("Biden and Netanyahu …"): neither is the speaker
        if subject and subject.how == "new" and is_title_case(block.text):
            subject = None  # a Title Case run with no verb to anchor it ("… Says Nation Is ‘…’") names nobody
        if subject and subject.how != "pronoun":
            speaker = self.resolve_mention(block, subject, None, None)[0]
            if speaker:
                return speaker, cue.group().lower() if cue else ":", "headline_subject", None
        return None, None, "unresolved", None

    def attribute_nested(self, block, outer, nested, outer_speaker):
        """A quote inside a quote is its speaker's words, unless the outer quote says who said them."""
        inside = block.text[outer["start"]:nested["start"]]
        cues = [cue for cue in CUE.finditer(inside) if cue.group("verb")]
        if cues:
            cue = cues[-1]
            mentions = find_mentions(inside, self.registry, lambda start, end: True)
            subjects = [mention for mention in mentions if mention.how == "name" and mention.end <= cue.start()
                        and (not inside[mention.end:cue.start()].strip()
                             or FILLER_AT_END.fullmatch(inside[mention.end:cue.start()]))]
            if subjects:
                at = block.offset + outer["start"]
                return (subjects[-1].person, cue.group().lower(), "nested_inner",
                        (at + subjects[-1].start, at + subjects[-1].end))
            # The outer quote credits someone with these words, and the rules cannot tell who.
            return None, cue.group().lower(), "unresolved", None
        if names_a_thing(block.text, nested) or self.echoes_another(block.text[nested["start"]:nested["end"]],
                                                                     outer_speaker):
            return None, None, "unresolved", None
        if outer_speaker:
            return outer_speaker, None, "nested_outer", None
        return None, None, "unresolved", None

    def echoes_another(self, quoted, speaker):
        """True when a short quoted fragment repeats one the article quoted before and did not give to
        `speaker` ("he used the word ‘crap’ … ‘crap’ is blue language"): a mention of those words, not
        words of the speaker's own."""
        words = ECHO_WORDS.findall(quoted.lower())
        if not words or len(words) > ECHO_MAX_WORDS:
            return False
        return any(ECHO_WORDS.findall(quote["text"].lower()) == words and quote["speaker_id"] != speaker
                   for quote in self.quotes)

    def continuing_speaker(self, block, span):
        """Who a quote with no attribution continues: the last speaker in this paragraph or the one before.

        After a quote nobody could attribute, nothing continues: never guess.
        """
        if block.sentence[0] > 0:
            return block.last_speaker
        if block.paragraph and is_headline_line(block.text) and len(block.text.split()) <= CROSSHEAD_MAX_WORDS:
            return None  # a crosshead ("‘Horrible and scary’") is the editor's line, not a speaker's next words
        quoted = block.text[span["start"]:span["end"]].rstrip()
        if span["start"] <= 1 and span["end"] + 1 >= len(block.text.rstrip()) and not quoted.endswith(SENTENCE_ENDS):
            return None  # a paragraph that is one quote ending no sentence ("‘Envoys agree on a new aid corridor’")
        previous = block.previous
        if previous and previous.last_quoted and previous.kind == block.kind \
                and previous.quotes and previous.quotes[-1]["attribution"] != "colon":
            # Not after "Hegseth: “No.”": transcripts alternate speakers.
            return previous.last_speaker
        if previous and previous.last_reported and previous.kind == block.kind == "prose" and span["start"] <= 1:
            # "Officials, he said, were to blame …" then a paragraph that opens with a quote nobody signs:
            # the words the paragraph before reported go on.
            return previous.last_speaker
        return None
