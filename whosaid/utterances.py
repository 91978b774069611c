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


def normalise(text):
    return re.sub(r"[^\w\s]", "", text.replace("’", "'")).casefold().split()


def same_utterance(a, b):
    words_a, words_b = normalise(a["text"]), normalise(b["text"])
    if not words_a or not words_b:
        return False
    shorter, longer = sorted((words_a, words_b), key=len)
    if len(shorter) < MIN_WORDS_TO_CONTAIN:
        return shorter == longer
    if fuzz.partial_ratio(" ".join(shorter), " ".join(longer)) >= SAME_WORDS:
        return True
    run = SequenceMatcher(None, words_a, words_b, autojunk=False).find_longest_match(0, len(words_a), 0, len(words_b))
    return run.size >= SHARED_RUN


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

    by_speaker = {}
    for i, quote in enumerate(candidates):
        by_speaker.setdefault(quote["speaker_id"], []).append(i)
    for members in by_speaker.values():
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                if root(i) != root(j) and same_utterance(candidates[i], candidates[j]):
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
