"""Who a mention stands for: a name, a role phrase, a body by its kind, a pronoun's antecedent.

`MentionRules` turns a mention into a person id, and remembers which words
named the person (`naming`), so each quote can record them.
"""

from ..roles import resolve_role
from ..speakers import slugify
from .patterns import ANTECEDENT_PARAGRAPHS, UNKNOWN


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
