"""Who a mention stands for: a name, a role phrase, a body by its kind, a pronoun's antecedent.

`MentionRules` turns a mention into a person id, and remembers which words
named the person (`naming`), so each quote can record them.
"""

import re

from ..roles import TIME_QUALIFIERS, phrase_words, resolve_role, role_holders
from ..speakers import slugify
from .patterns import ANTECEDENT_PARAGRAPHS, UNKNOWN


# Offices whose holder news prose refers back to by the office alone ("the prime minister said"); not the
# judge, the coach or the spokesperson, who are seldom the person the sentence before named.
OFFICES = {"president", "prime", "chancellor", "premier", "taoiseach", "secretary", "minister", "governor", "mayor",
           "senator", "leader", "congressman", "congresswoman", "ambassador", "envoy", "commissioner"}


class MentionRules:
    """Resolving a mention to the person or body it names."""

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
                if mention.pronoun != "it":
                    self.pronouns.setdefault(person, mention.pronoun)
            return person, cue, "pronoun" if person else "unresolved"
        if how == "role":
            others = {slugify(name.name): (name.title, name.country)
                      for name in self.introduced.values()}
            person = resolve_role(self.registry, mention.surface, self.mentioned, others)
            if person in others and person not in self.new_people:
                person = self.new_speaker(next(name for name in self.introduced.values()
                                               if slugify(name.name) == person))
            if person is None:
                person = self.role_antecedent(block, mention, others)
                return person, cue, "role_antecedent" if person else "unresolved"
            return person, cue, "role_noun"
        if how == "body":
            person = self.body_named(mention.surface)
            return person, cue, "role_noun" if person else "unresolved"
        if how == "new":
            person = self.new_speaker(mention)
            return person, cue, rule if person else "unresolved"
        return None, cue, "unresolved"

    def role_antecedent(self, block, mention, others):
        """The one person named so far whose role the text never gave, for a role phrase nobody holds, else None.

        "Marta Velling has warned her party … The prime minister said …": news prose names someone, then
        refers back to them by their office without ever writing "Prime Minister Marta Velling". Only when
        no one named has a role that fits, nobody else named so far lacks a role, they were named in the
        sentence just before, and the phrase names no country (which an untitled person cannot be checked
        against). The binding holds for the rest of the article.
        """
        words, countries = phrase_words(mention.surface)
        key = frozenset(words)
        if countries or not words & OFFICES or words & TIME_QUALIFIERS:
            return None  # (nor "the former premier": who held an office once is not told by the sentence before)
        if role_holders(self.registry, mention.surface, self.mentioned, others):
            return None  # someone named holds it, or two do: resolve_role has decided
        if key in self.role_bindings:
            return self.role_bindings[key]
        if self.introduced_unnamed(block, mention):
            return None
        untitled = [(person, sentence) for person, sentence in self.named_so_far.items() if self.role_of(person) is None]
        if len(untitled) != 1 or untitled[0][1] != self.sentences - 1:
            return None  # and they were named in the sentence just before
        person = untitled[0][0]
        if person in self.introduced:
            person = self.new_speaker(self.introduced[person])
        self.role_bindings[key] = person
        return person

    def introduced_unnamed(self, block, mention):
        """Whether the text before the mention brought in someone unnamed with that role: "A T-Mobile
        spokesperson added …" makes "the T-Mobile spokesperson" that person, not anyone named."""
        role = mention.surface.split(None, 1)[1] if " " in mention.surface else mention.surface
        before = self.article["text"][:block.offset + mention.start]
        return re.search(rf"\b(?:an?|one|another)\s+{re.escape(role)}\b", before, re.IGNORECASE) is not None

    def role_of(self, person):
        """The role a person named so far is known by: the registry's, or the title the article gave them."""
        if person in self.introduced:
            return self.introduced[person].title
        return (self.registry.people.get(person) or {}).get("role")

    def body_named(self, phrase):
        """The one body the article has named that "the university" or "the foreign ministry" can be, else None."""
        words = phrase.lower().split()[1:]
        bodies = {person_id: person["name"] for person_id, person in self.new_people.items()
                  if person["kind"] == "organization"}
        bodies.update({person_id: self.registry.people[person_id]["name"] for person_id in self.mentioned
                       if self.registry.people.get(person_id, {}).get("kind") == "organization"})
        fits = [person_id for person_id, name in bodies.items() if set(words) <= set(name.lower().split())]
        return fits[0] if len(fits) == 1 else None

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
        wanted = "organization" if pronoun.pronoun == "it" else "person"  # "it" is a body's, "he" a person's
        if person and self.kind_of(person) == wanted and (wanted == "organization"
                                                           or self.pronoun_of(person) in (None, pronoun.pronoun)):
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
