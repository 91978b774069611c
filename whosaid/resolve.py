"""Resolve across the archive: the step after every article is extracted, a reduction keyed by surname.

Extraction reads one article alone, so a lone surname the article never
introduces ("“…,” Zakharova said") names nobody it knows. The archive may:
another article introduces "Foreign Ministry spokeswoman Maria Zakharova" in
full. This step gathers, from every article, the unregistered people
introduced with a full name and the quotes waiting on a lone surname, and gives
each waiting quote the one person of that surname, when there is exactly one.
Two people of one surname name neither: a wrong attribution is worse than a
missing one. It is linear in the number of quotes, and its input is what the
map step (extraction) returns, so any engine can run the map and feed it.
"""

import zlib
from dataclasses import dataclass, field

from .names import surname_of

# The attribution of a quote whose speaker this step decided.
RULE = "archive_surname"


@dataclass(frozen=True)
class WaitingQuote:
    """A quote whose speaker the article names by a surname it never introduced."""
    quote_id: str
    article_id: str
    surname: str
    text: str
    kind: str


@dataclass(frozen=True)
class Resolution:
    quote_id: str
    article_id: str
    person: dict      # the person's record as the article that introduced them gives it
    surname: str
    text: str
    kind: str

    @property
    def person_id(self):
        return self.person["id"]


@dataclass
class ArchiveNames:
    """Every unregistered person introduced in full, by surname, and every quote waiting on a surname."""
    by_surname: dict = field(default_factory=dict)   # surname -> {person id: record}
    waiting: list = field(default_factory=list)       # [WaitingQuote]
    registered: set = field(default_factory=set)      # surnames of registered people: never given by surname

    @classmethod
    def with_registry(cls, people):
        """An empty archive that knows the registry's surnames: "Harris" is not unique if one is registered."""
        return cls(registered={surname_of(person["name"]) for person in people.values()
                               if person.get("kind") == "person"})

    def add(self, article):
        """Take one extracted article's new speakers, introduced people and waiting quotes."""
        for person in [*article["new_people"], *article.get("introduced", ())]:
            if person["kind"] == "person" and " " in person["name"]:
                self.by_surname.setdefault(surname_of(person["name"]), {}).setdefault(person["id"], person)
        self.waiting += (WaitingQuote(quote["id"], article["id"], quote["pending_name"], quote["text"], quote["kind"])
                         for quote in article["quotes"] if quote.get("pending_name") and not quote["speaker_id"])

    def resolutions(self):
        """[Resolution] for each waiting quote whose surname belongs to exactly one person in the archive."""
        found = []
        for quote in self.waiting:
            people = self.by_surname.get(quote.surname, {})
            if len(people) == 1 and quote.surname not in self.registered:
                found.append(Resolution(quote.quote_id, quote.article_id, next(iter(people.values())),
                                        quote.surname, quote.text, quote.kind))
        return found

    def partitions(self, n):
        """The archive split into `n` by surname, for a cluster: each part holds every person and every waiting
        quote of its surnames, so each resolves alone, and together they resolve what the whole would."""
        parts = [ArchiveNames(registered=self.registered) for _ in range(n)]
        for surname, people in self.by_surname.items():
            parts[stable_hash(surname) % n].by_surname[surname] = people
        for quote in self.waiting:
            parts[stable_hash(quote.surname) % n].waiting.append(quote)
        return parts


def stable_hash(text):
    """The same number for the same text in every process (Python's hash() of a str is salted per process)."""
    return zlib.crc32(text.encode("utf-8"))


def resolve_part(archive):
    """The Resolutions of one partition: the reduction each worker of a cluster runs."""
    return archive.resolutions()


def in_waiting_order(archive, resolutions):
    """Resolutions gathered from the partitions, in the order the whole archive would give them."""
    order = {quote.quote_id: n for n, quote in enumerate(archive.waiting)}
    return sorted(resolutions, key=lambda found: order[found.quote_id])


def resolve_archive(archive, cluster=None):
    """The whole archive's Resolutions: here, or on `cluster` (an engine.DaskPool), one partition per worker."""
    if cluster is None:
        return archive.resolutions()
    # The reduction keyed by surname, one partition per worker.
    parts = cluster.map_reduce(resolve_part, archive.partitions(cluster.workers))
    return in_waiting_order(archive, [found for part in parts for found in part])
