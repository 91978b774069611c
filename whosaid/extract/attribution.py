"""Who said a quote: the speaker rules, read over one block and its sentence.

`SpeakerRules` is the part of `ArticleReader` (reader.py) that decides
speakers. Its state lives on the reader: the registry, the people the article
introduced, the subjects and pronouns seen so far, and `naming` (the words
that named the person resolved last).
"""

from dataclasses import replace

from ..roles import resolve_role
from ..speakers import POSSESSIVE_AFTER, find_mentions, parse_name_after, parse_name_before, resolve_label, slugify
from .patterns import (AFFILIATION_BEFORE, AFFILIATION_TAIL, AFTER_ONLY_CUES, ANTECEDENT_PARAGRAPHS, BY_AGENT,
                       CLAIM_OF, CLAUSE_BREAK, CLAUSE_START, COLON_CLAUSE_WORDS, COORDINATED, CROSSHEAD_MAX_WORDS,
                       CUE, DASH_ATTRIBUTION, DENIED_FRAGMENT_WORDS, FILLER_AT_END, FILLER_ENDINGS, FRONTED,
                       GOVERNED_BEFORE, HEADLINE_SIGNATURE, IMMEDIATE_ATTRIBUTION, JOINED_TO_NEXT, MODIFIER_AFTER,
                       NEGATED_BEFORE, NOUN_THEN_NAME, PASSIVE_BEFORE, PASSIVE_QUOTED, POSSESSIVE_OWNER,
                       PREPOSITION_BEFORE, QUOTED_AS, QUOTE_MARKS_AND_SPACING, QUOTE_MARKS_IN, RELATIVE_AT_END,
                       SIGNATURE_TAIL_WORDS, SIGNED_AFTER, STATEMENT_FROM, SUBJECT_LEAD_WORDS, SUBJECT_REACH,
                       TOPIC_LEAD, UNKNOWN, UNNAMED_SOURCE, in_relative_clause, is_denied_fragment, is_headline_line,
                       without_fillers)


class SpeakerRules:
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
        dash = DASH_ATTRIBUTION.match(text, close_at) if not before and not after else None
        if dash:
            # A pull quote signed with a dash: "“We will not send troops.” — Donald Trump".
            speaker = self.speaker_after(block, dash.end(), len(text))
            if speaker:
                return speaker, "—", "dash", None
        if block.kind == "headline":
            return self.attribute_headline(block, start, open_at, close_at, before, after)
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
            return None, None, "unresolved", None
        claim = CLAIM_OF.search(block.masked, start, open_at) if not before and "that" in lead else None
        if claim and not CLAUSE_BREAK.search(block.masked, claim.end(), open_at):
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
                if found[0] is None and after and IMMEDIATE_ATTRIBUTION.match(text, close_at):
                    continue  # "When asked whether …, “Absolutely not,” Kallas said."
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
        if claim and rule == "speaker_then_quote" and not any(
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

    def clause_subject(self, block, position):
        """The subject of the clause a subjectless verb or participle belongs to.

        "Trump called it “great,” but Zelensky disagreed, calling it …": the
        clause after "but" is Zelensky's. With no subject in its own clause, the
        sentence's first subject.
        """
        start = block.sentence[0]
        boundaries = [match.end() for match in CLAUSE_START.finditer(block.masked, start, position)]
        for boundary in reversed(boundaries):
            subject = self.first_subject(block, boundary, position)
            if subject:
                return subject
        subject = self.first_subject(block, start, position)
        if subject is None:
            # "The Transport Department responded to a ruling against Trump, saying …": a body the
            # registry lacks opens the clause.
            named = self.named_at(block, start, position)
            return named if named is not None and named.kind == "organization" else None
        return subject

    def mentions_ending_at(self, block, end, lower):
        candidates = [m for m in block.mentions_by_end.get(end, ()) if m.start >= lower]
        return min(candidates, key=lambda mention: mention.start) if candidates else None

    def mention_before(self, block, position, lower):
        """The mention that is the subject of a verb at `position`, looking left over adverbs and asides."""
        text = block.text
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
                if found is None or (found.how == "new" and not self.is_name(found)) or \
                        NEGATED_BEFORE.search(text[max(lower, found.start - 12):found.start]):
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
                if before_aside and before_aside.how != "new" or before_aside and self.is_name(before_aside):
                    return before_aside
                found = self.mention_ending(block, inner_end, lower)
                if found and (found.how != "new" or self.is_name(found)):
                    return found  # "Ukraine’s top commander, Oleksandr Syrskyi, warned"
                if opening == -1 or inner_end - opening > 90:
                    return None
                position = opening
                continue
            found = self.mention_ending(block, lower + len(stripped), lower)
            before = text[max(lower, found.start - 20):found.start] if found else ""
            if found and (not GOVERNED_BEFORE.search(before) or STATEMENT_FROM.search(before)):
                return found  # "Rubio said"; "a statement from the Kremlin said": the body it comes from
            if found is None or AFFILIATION_BEFORE.search(before):
                # "Bernard Cooke from the Keep Parking Free campaign said": the person before their affiliation.
                return self.person_before_affiliation(block, lower, lower + len(stripped))
            return None  # "a spokesman for Zelensky said", "Rubio and Hegseth said", "not Hegseth, who said"
        return None

    def person_before_affiliation(self, block, lower, end):
        """A person named at the clause's start and followed only by "from/of/at" and a body, else None."""
        for mention in block.here.mentions:
            if mention.start < lower or mention.end >= end or mention.how == "pronoun":
                continue
            person = mention.how == "new" and self.is_name(mention) and mention.kind == "person" or \
                mention.how == "name" and self.kind_of(mention.person) == "person"
            if person and AFFILIATION_TAIL.fullmatch(block.text, mention.end, end) \
                    and self.opens_clause(block.text, lower, mention.start):
                return mention
        return None

    @staticmethod
    def is_name(mention):
        return mention.kind == "person" and " " in mention.name or bool(mention.title)

    def mention_ending(self, block, end, lower):
        candidates = [m for m in block.mentions_by_end.get(end, ()) if m.start >= lower]
        if candidates:
            return min(candidates, key=lambda mention: mention.start)
        name = parse_name_before(block.text, end, lower)
        return name

    def speaker_after(self, block, position, upper):
        """The speaker named right after a verb: “…,” said X / according to X; or None.

        A possessive or modifying name is not the speaker ("said Putin’s spokesman",
        "according to Vance aides"); the name after its noun is, if there is one
        ("said Trump ally Steve Bannon").
        """
        text = block.text
        at = position + len(text[position:upper]) - len(text[position:upper].lstrip())
        for _ in range(3):
            mentions = [m for m in block.mentions_by_start.get(at, ()) if m.how != "pronoun"]
            mention = max(mentions, key=lambda m: m.end) if mentions else None
            if mention is None:
                name = parse_name_after(text, at)
                if name is None or name.end > upper + 1:
                    return None
                mention = replace(name, possessive=bool(POSSESSIVE_AFTER.match(text[name.end:name.end + 3])))
            modified = MODIFIER_AFTER.match(text, mention.end)
            if not mention.possessive and not modified:
                return self.resolve_mention(block, mention, None, None)[0]
            following = NOUN_THEN_NAME.match(text, mention.end)
            if following is None:
                return None
            at = following.end()
        return None

    def first_subject(self, block, start, end, objects_unknown=True):
        """The first mention between start and end that can be a clause's subject.

        A fronted phrase ("After meeting Vance, …") holds no subject, and two
        people joined by "and" are not one speaker (UNKNOWN).
        """
        text = block.text
        fronted = FRONTED.match(text, start)
        if fronted:
            comma = text.find(",", fronted.end(), end)
            start = comma + 1 if comma != -1 else start
        for mention in block.here.mentions:
            if not start <= mention.start < end or mention.possessive:
                continue
            if PREPOSITION_BEFORE.search(text[max(start, mention.start - 12):mention.start]):
                continue
            joined = JOINED_TO_NEXT.match(text[mention.end:mention.end + 8])
            if joined and block.mentions_by_start.get(mention.end + joined.end()):
                return UNKNOWN
            if not self.opens_clause(text, start, mention.start):
                # "The Justice Department responded to a ruling on Trump’s ban, saying …": the mention is an
                # object; the subject is whoever the clause opens with, when that names anyone.
                named = self.named_at(block, start, mention.start)
                if named is not None:
                    return named
                if mention.how != "pronoun":
                    # "A former aide to Gove attacked Davis, describing him": neither is the subject
                    return UNKNOWN if objects_unknown else None
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
        text = block.text
        at = start + len(text[start:end]) - len(text[start:end].lstrip())
        name = parse_name_after(text, at)
        if name is None or name.end > end or (name.kind == "person" and " " not in name.name):
            return None  # "Criticism must have come …": the clause opens with no name at all
        return name

    def sentence_subject(self, block, start, end):
        """The person a sentence is about: its first reporting verb's subject, else its first subject mention."""
        fronted = FRONTED.match(block.text, start)
        fronted_end = block.text.find(",", fronted.end(), end) if fronted else -1
        for cue in block.here.cues:
            if cue.start() < fronted_end or PASSIVE_BEFORE.search(block.text, max(start, cue.start() - 12), cue.start()):
                continue  # "Upon being asked about the vote, she said …": the subjectless clause is not the subject's
            if cue.group("verb") and not in_relative_clause(block.masked, start, cue.start()):
                mention = self.mention_before(block, cue.start(), start)
                person = self.resolve_mention(block, mention, None, None)[0] if mention else None
                if person:
                    return person
                if mention and mention.how != "pronoun":
                    return UNKNOWN
                gap = QUOTE_MARKS_AND_SPACING.sub("", block.masked[start:cue.start()])
                if mention is None and not gap:
                    person = self.speaker_after(block, cue.end(), end)  # "“…,” said Katarína Horváthová"
                    return person or UNKNOWN
                if mention is None and not COORDINATED.search(without_fillers(block.text[start:cue.start()])):
                    return UNKNOWN  # "A senior commander said …": someone spoke, and we cannot say who
                break
        # With no verb of speech, a sentence whose names are all objects ("Leaks included ministers
        # criticising Philip Hammond") is about nobody who speaks: it leaves the pronoun chain alone.
        reporting = any(cue.group("verb") for cue in block.here.cues)
        mention = self.first_subject(block, start, end, objects_unknown=reporting)
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
            self.naming = (person, block.offset + mention.start, block.offset + mention.end)
        return person, cue, rule

    def person_of_mention(self, block, mention, cue, rule):
        """(person id or None, cue, rule) for a mention; creates unregistered speakers from new names."""
        how = mention.how
        if how == "name":
            # A registered alias such as "the leader of the free world" is a role noun; "the Kremlin" is a name.
            return mention.person, cue, "role_noun" if mention.surface.islower() else rule
        if how == "pronoun":
            person = self.subject_before_pronoun(block, mention) or self.antecedent(mention.pronoun, block.n)
            if person:
                self.pronouns.setdefault(person, mention.pronoun)
            return person, cue, "pronoun" if person else "unresolved"
        if how == "role":
            others = {slugify(name.name): (name.title, name.country)
                      for name in self.introduced.values()}
            person = resolve_role(self.registry, mention.surface, self.mentioned, others)
            if person in others and person not in self.new_people:
                person = self.new_speaker(next(name for name in self.introduced.values()
                                               if slugify(name.name) == person))
            return person, cue, "role_noun" if person else "unresolved"
        if how == "body":
            person = self.body_named(mention.surface)
            return person, cue, "role_noun" if person else "unresolved"
        if how == "new":
            person = self.new_speaker(mention)
            return person, cue, rule if person else "unresolved"
        return None, cue, "unresolved"

    def body_named(self, phrase):
        """The one body the article has named that "the university" or "the foreign ministry" can be, else None."""
        words = phrase.lower().split()[1:]
        bodies = {person_id: person["name"] for person_id, person in self.new_people.items()
                  if person["kind"] == "organization"}
        bodies.update({person_id: self.registry.people[person_id]["name"] for person_id in self.mentioned
                       if self.registry.people.get(person_id, {}).get("kind") == "organization"})
        fits = [person_id for person_id, name in bodies.items() if set(words) <= set(name.lower().split())]
        return fits[0] if len(fits) == 1 else None

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

    def attribute_headline(self, block, start, open_at, close_at, before, after):
        """Headlines: "X Says … ‘…’", "X …: “…”" and "‘…’, X tells …" give the quote to the verb's subject."""
        signature = HEADLINE_SIGNATURE.search(block.text, close_at)
        if signature:
            # "NATO Summit Results Are ‘Threatening’ for Russia - Kremlin": the name after the dash signs it.
            speaker = self.speaker_after(block, signature.start("name"), len(block.text))
            if speaker:
                return speaker, "—", "headline_subject", None
        cue = before[-1] if before else (after[0] if after else None)
        if cue is not None:
            mention = self.mention_before(block, cue.start(), start if before else close_at)
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
        if outer_speaker:
            return outer_speaker, None, "nested_outer", None
        return None, None, "unresolved", None

    def continuing_speaker(self, block, span):
        """Who a quote with no attribution continues: the last speaker in this paragraph or the one before.

        After a quote nobody could attribute, nothing continues: never guess.
        """
        if block.sentence[0] > 0:
            return block.last_speaker
        if block.paragraph and is_headline_line(block.text) and len(block.text.split()) <= CROSSHEAD_MAX_WORDS:
            return None  # a crosshead ("‘Horrible and scary’") is the editor's line, not a speaker's next words
        previous = block.previous
        if previous and previous.last_quoted and previous.kind == block.kind \
                and previous.quotes and previous.quotes[-1]["attribution"] != "colon":
            # Not after "Hegseth: “No.”": transcripts alternate speakers.
            return previous.last_speaker
        return None

    def subject_before_pronoun(self, block, pronoun):
        """The subject of the pronoun's own sentence, when it is the only person named before the pronoun.

        "Theresa May warned colleagues as she said …" is May's; "Hancock hit back at Cummings after his
        attack, in which he said …" names two people before "he", and is left to the earlier sentences.
        """
        start = block.sentence[0]
        before = [mention for mention in block.here.mentions
                  if start <= mention.start and mention.end <= pronoun.start]
        if not before or any(mention.how == "pronoun" for mention in before):
            return None
        subject = self.first_subject(block, start, pronoun.start)
        if not subject or subject is UNKNOWN or subject is not before[0] or len(before) > 1:
            return None
        person = self.person_of_mention(block, subject, None, None)[0]
        if person and self.kind_of(person) == "person" and self.pronoun_of(person) in (None, pronoun.pronoun):
            return person
        return None

    def antecedent(self, pronoun, paragraph_n):
        """The nearest earlier sentence subject that this pronoun can refer to."""
        for person, n, sentence in reversed(self.subjects):
            if paragraph_n - n > ANTECEDENT_PARAGRAPHS or person is None:
                return None
            if pronoun == "it":
                # "“…,” it added", "the statement read": the nearest body that spoke, past any person.
                if self.kind_of(person) == "organization":
                    return person
                continue
            known = self.pronoun_of(person)
            if known and known != pronoun:
                continue
            if self.kind_of(person) == "organization":
                continue
            if not known and any(other != person and self.pronoun_of(other) == pronoun and seen >= sentence
                                 for other, seen in self.mention_log):
                return None  # "Jonson met Kallas. “…,” she said.": a "she" named as late as him, whose sex we lack
            return person
        return None

    def pronoun_of(self, person):
        return self.pronouns.get(person) or (self.registry.people.get(person) or {}).get("pronoun")
