"""Who the article names: people introduced in full, lone surnames, the ids of speakers the registry lacks.

`PeopleRules` is the part of `ArticleReader` (reader.py) that keeps the
article's cast: every full name it introduces (`index_full_names`), where
they are mentioned again (`introduced_mentions`), who has been named so far,
and the id each unregistered speaker gets (`new_speaker`), including the
placeholders that wait for the archive-wide step.
"""

import re
from dataclasses import replace

from ..names import find_full_names, surname_of
from ..speakers import POSSESSIVE_AFTER, SURNAME_STOP_WORDS, resolve_spelling, resolve_surface, slugify
from .patterns import FIRST_NAME_HONORIFICS, LABEL_WORDS, MONTH_CONTEXT_AFTER, MONTH_CONTEXT_BEFORE, PENDING


class PeopleRules:
    """The article's people, as the reader meets them; see the module's docstring."""

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
                # ("Imran stated …" after "Imran Khan": a first name some styles use alone.)
                return self.registered_surname(full) or self.knight(full) or self.placeholder(full)
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
