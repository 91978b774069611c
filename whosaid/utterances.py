"""Group the quotes that are one utterance reported by several articles; pure.

Outlets cut the same words differently: Vance's "economic tools of leverage …
military tools of leverage" runs to three sentences in one article and one
clause in another. Two quotes by the same speaker are the same utterance when
the shorter one is found, nearly word for word, inside the longer (rapidfuzz
partial_ratio), when they share a long run of the same words (two outlets
quoting overlapping parts of one answer), or when both are the same short phrase.
"""

import re
from difflib import SequenceMatcher

from rapidfuzz import fuzz

SAME_WORDS = 90          # partial_ratio, 0-100, of the shorter quote inside the longer
MIN_WORDS_TO_CONTAIN = 4  # shorter quotes must match exactly: "will not" is in everything
SHARED_RUN = 8            # this many consecutive words in common make one utterance
COMMON_PHRASE = 50        # a two-word phrase in more of a speaker's quotes than this is too common to index


def normalise(text):
    return re.sub(r"[^\w\s]", "", text.replace("’", "'")).casefold().split()


def same_utterance(words_a, words_b):
    """Whether two quotes' normalised words are one utterance."""
    if not words_a or not words_b:
        return False
    shorter, longer = sorted((words_a, words_b), key=len)
    if len(shorter) < MIN_WORDS_TO_CONTAIN:
        return shorter == longer
    if fuzz.partial_ratio(" ".join(shorter), " ".join(longer)) >= SAME_WORDS:
        return True
    run = SequenceMatcher(None, words_a, words_b, autojunk=False).find_longest_match(0, len(words_a), 0, len(words_b))
    return run.size >= SHARED_RUN


def candidate_pairs(members, words):
    """The pairs of one speaker's quotes worth comparing: equal ones, and those sharing a two-word phrase.

    Comparing every pair grows with the square of a speaker's quotes (212,344
    comparisons, 8.7 s, for 200 synthetic articles). Quotes that are one
    utterance share words in a row, so an index of two-word phrases finds
    them; a phrase in more than COMMON_PHRASE of the speaker's quotes ("of
    the") tells nothing and is skipped.
    """
    # Quotes with the same words are one utterance: a chain joins them, and one of them stands for all.
    same_words = {}
    for i in members:
        same_words.setdefault(tuple(words[i]), []).append(i)
    pairs = set()
    for holders in same_words.values():
        pairs.update(zip(holders, holders[1:]))
    by_phrase = {}
    for key, holders in same_words.items():
        if len(key) >= MIN_WORDS_TO_CONTAIN:
            for phrase in set(zip(key, key[1:])):
                by_phrase.setdefault(phrase, []).append(holders[0])
    for holders in by_phrase.values():
        if len(holders) > COMMON_PHRASE:
            continue
        for n, i in enumerate(holders):
            for j in holders[n + 1:]:
                pairs.add((i, j))
    return sorted(pairs)


class UtteranceKeys:
    """Number each speaker's distinct wordings as the quotes stream past; group them into utterances at the end.

    Only the distinct wordings are held, not the quotes: syndicated articles
    repeat the same words thousands of times. The build keeps each quote's key
    in the database and joins it to its group there (sql/build/utterances.sql).
    """

    def __init__(self):
        self.key_ids = {}   # (speaker id, normalised words) -> key id

    def key_of(self, quote):
        """The key id of a quote that can be part of an utterance; None for nested and unattributed quotes."""
        if not quote["speaker_id"] or quote["kind"] == "nested":
            return None
        words = tuple(normalise(quote["text"]))
        # Quotes with no words at all ("…") are each their own utterance.
        key = (quote["speaker_id"], words or quote["id"])
        return self.key_ids.setdefault(key, len(self.key_ids))

    def roots(self):
        """[root key id for each key id]: keys that are one utterance share a root."""
        parent = list(range(len(self.key_ids)))

        def root(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        words = [list(key[1]) if isinstance(key[1], tuple) else [] for key in self.key_ids]
        by_speaker = {}
        for (speaker_id, _), key_id in self.key_ids.items():
            by_speaker.setdefault(speaker_id, []).append(key_id)
        for members in by_speaker.values():
            for i, j in candidate_pairs(members, words):
                if root(i) != root(j) and same_utterance(words[i], words[j]):
                    parent[root(j)] = root(i)
        return [root(i) for i in range(len(parent))]
