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


def group_utterances(quotes, outlets):
    """Utterance rows, and each quote's utterance id. `outlets` maps article id -> outlet.

    Nested quotes and quotes nobody was found to say are left out.
    """
    candidates = [quote for quote in quotes if quote["speaker_id"] and quote["kind"] != "nested"]
    parent = list(range(len(candidates)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [normalise(quote["text"]) for quote in candidates]
    by_speaker = {}
    for i, quote in enumerate(candidates):
        by_speaker.setdefault(quote["speaker_id"], []).append(i)
    for members in by_speaker.values():
        for i, j in candidate_pairs(members, words):
            if root(i) != root(j) and same_utterance(words[i], words[j]):
                parent[root(j)] = root(i)
    groups = {}
    for i in range(len(candidates)):
        groups.setdefault(root(i), []).append(candidates[i])
    utterances, utterance_of = [], {}
    for members in groups.values():
        members.sort(key=lambda quote: quote["id"])
        utterance_id = f"u-{members[0]['id']}"
        dated = sorted(quote["said_on"] for quote in members if quote["said_on"])
        utterances.append({
            "id": utterance_id,
            "speaker_id": members[0]["speaker_id"],
            "text": max(members, key=lambda quote: (len(quote["text"]), quote["id"]))["text"],
            "first_said_on": dated[0] if dated else None,
            "quotes": len(members),
            "articles": len({quote["article_id"] for quote in members}),
            "outlets": len({outlets.get(quote["article_id"]) or quote["article_id"] for quote in members}),
        })
        for quote in members:
            utterance_of[quote["id"]] = utterance_id
    return sorted(utterances, key=lambda row: row["id"]), utterance_of
