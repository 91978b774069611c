"""Where a clause's subject is: the mention a verb of speech, a colon or a clause belongs to.

`SubjectRules` finds mentions around a position in a block (looking left over
adverbs, asides and affiliations, or right after an inverted verb) and the
subject a sentence or clause opens with. It asks `MentionRules` who a mention
stands for.
"""

from dataclasses import replace

from ..names import parse_name_after, parse_name_before
from ..speakers import POSSESSIVE_AFTER, STOP_WORDS, TITLE_WORDS
from .patterns import (AFFILIATION_BEFORE, AFFILIATION_TAIL, APPOSITIVE_WORDS, CLAUSE_START, COORDINATED, DATELINE,
                       FILLER_AT_END, FILLER_ENDINGS, FRONTED, GOVERNED_BEFORE, JOINED_TO_NEXT, MODIFIER_AFTER,
                       NEGATED_BEFORE, NOUN_THEN_NAME, PASSIVE_BEFORE, PREPOSITION_BEFORE, PREPOSITION_WORD,
                       QUOTE_MARKS_AND_SPACING, RELATIVE_AT_END, STATEMENT_FROM, SUBJECT_LEAD_WORDS, SUBJECT_REACH,
                       TITLE_CHAIN_NEXT, TITLE_CHAIN_START, UNKNOWN, in_relative_clause, without_fillers)


class SubjectRules:
    """Finding the subject mention of a verb, a clause or a sentence."""

    def clause_subject(self, block, position):
        """The subject of the clause a subjectless verb or participle belongs to.

        "Trump called it “great,” but Zelensky disagreed, calling it …": the
        clause after "but" is Zelensky's. With no subject in its own clause, the
        sentence's first subject.
        """
        start = block.sentence[0]
        boundaries = [match.end() for match in CLAUSE_START.finditer(block.masked, start, position)]
        if boundaries and self.names_a_joint_subject(block, start, boundaries[0]):
            return UNKNOWN  # "Dick Schoof, the Dutch prime minister, and Mette Frederiksen, …, said": both
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

    def names_a_joint_subject(self, block, start, boundary):
        """Whether the text before a ", and" is only a name and its appositive, so "and" joins two subjects.

        An appositive has titles, names and small words ("the prime minister of the Netherlands"); a clause
        has a verb ("Trump spoke first, and Zelensky said"), which is none of those.
        """
        if not block.masked[start:boundary].rstrip().endswith("and"):
            return False
        first = next((mention for mention in block.here.mentions
                      if mention.start == start and mention.how in ("name", "new")), None)
        if first is None:
            return False
        aside = block.masked[first.end:boundary].rstrip()[:-len("and")]
        words = [word.strip(",.’'()") for word in aside.split()]
        return aside.lstrip().startswith(",") and all(
            not word.isalpha() or word[:1].isupper() or word.lower() in TITLE_WORDS | STOP_WORDS | APPOSITIVE_WORDS
            for word in words if word)

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
                if before_aside and GOVERNED_BEFORE.search(text[max(lower, before_aside.start - 20):before_aside.start]):
                    return None  # "Dick Schoof, …, and Mette Frederiksen, …, said": a joint subject, not hers
                if before_aside and before_aside.how != "new" or before_aside and self.is_name(before_aside):
                    return before_aside
                found = self.mention_ending(block, inner_end, lower)
                if found and (found.how != "new" or self.is_name(found)) and not (
                        opening != -1 and PREPOSITION_WORD.search(text, opening + 1, found.start)):
                    # (Not "Joe Kennedy III, the grandson of assassinated Sen. Robert F. Kennedy, has conceded":
                    # a name the aside governs with a preposition describes the subject.)
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
                if name is None:
                    # "said campaign senior legal adviser Jenna Ellis", "said Trump senior legal adviser …":
                    # a title phrase (after a modifying name) leads on to the speaker.
                    first_word = text[at:].split(None, 1)[0] if text[at:at + 1].isupper() else ""
                    chain = TITLE_CHAIN_NEXT.match(text, at + len(first_word)) if first_word \
                        else TITLE_CHAIN_START.match(text, at)
                    if chain is None or chain.end() > upper:
                        return None
                    at = chain.end()
                    continue
                if name.end > upper + 1:
                    return None
                mention = replace(name, possessive=bool(POSSESSIVE_AFTER.match(text[name.end:name.end + 3])))
            modified = MODIFIER_AFTER.match(text, mention.end) or TITLE_CHAIN_NEXT.match(text, mention.end)
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
        dateline = DATELINE.match(text, at, end)
        at = dateline.end() if dateline else at  # "MANILA: The Philippines condemned …": the place is not the subject
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
