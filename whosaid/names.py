"""Names in running text: the capitalised run before or after a position, split into title and name; pure.

`parse_name_before` and `parse_name_after` read "Sweden’s Defense Minister Pål
Jonson" as a country, a title and a person's name (or a body's name);
`find_full_names` lists every person an article names in full, and
`surname_of` the word a later mention uses alone.
"""

import re
from dataclasses import replace

from .roles import DEMONYMS
from .speakers import (ABBREVIATION, ACRONYM_TITLE, APPOSITIVE, BODY_BEFORE_OF, BODY_OF_THE, BODY_WORDS_BEFORE_OF,
                       COUNTRY_ADJECTIVES, FIRST_NAME_BEFORE, GROUP_WORDS, INSTITUTIONS, MODIFIED_NOUNS,
                       NAME_PARTICLES, NAME_REACH, NAME_WORD, NATIONALITIES, NEXT_WORD, ORGANIZATION_WORDS,
                       PERSON_TITLES, PLACE_STARTS, PLACE_WORDS, POSSESSIVE, STOP_WORDS, SURNAME_STOP_WORDS,
                       TITLE_WORDS, WORD_BEFORE_BACKWARDS, Mention)


def parse_name_before(text, end, lower=0):
    """The capitalised run that ends at `end` ("Sweden’s Defense Minister Pål Jonson"), or None."""
    tokens = []
    position = end
    lower = max(lower, end - NAME_REACH)
    backwards = text[lower:end][::-1]
    while True:
        match = WORD_BEFORE_BACKWARDS.match(backwards, end - position)
        if not match or (tokens and not match.group("space")):
            break
        start = end - match.end("word")
        word = text[start:end - match.start("word")]
        lowercase_title = word.islower() and tokens and (word in TITLE_WORDS or word in MODIFIED_NOUNS or (
            word in TITLE_MODIFIERS and tokens[0][1].lower() in TITLE_WORDS))  # "Brazil’s far-right president …"
        # "Minister for Foreign Affairs", "Secretary of State": a title's own preposition, before a title word.
        title_link = word in ("for", "of") and tokens and tokens[0][1].lower() in TITLE_WORDS
        # "University of Maryland", "Ministry of Defence": a body's own "of".
        title_link = title_link or word == "of" and tokens and BODY_BEFORE_OF.search(text, lower, start) is not None
        title_link = title_link or word == "the" and tokens and BODY_OF_THE.search(text, lower, start) is not None
        if not (word[:1].isupper() or (word in NAME_PARTICLES and tokens) or lowercase_title or title_link):
            break  # lowercase titles ("Pentagon spokesman Sean Parnell") belong to the run
        if word.lower() in STOP_WORDS and word.lower() != "the" and not title_link and not (
                not tokens and word in SURNAME_STOP_WORDS and FIRST_NAME_BEFORE.search(text, lower, start)):
            break  # but "Theresa May" is a name
        tokens.insert(0, (start, word))
        position = start
        if word.lower() == "the" and not title_link:
            break
        if position > 0 and not text[position - 1] == " ":
            break
    while tokens and tokens[0][1] in ("for", "of"):
        tokens.pop(0)  # "campaigned for Senator Jane Doe": the preposition is the sentence's
    return _interpret_name(text, tokens)


def parse_name_after(text, start):
    """The capitalised run that starts at `start` ("said Pål Jonson, Sweden’s defense minister"), or None."""
    tokens = []
    position = start
    while True:
        match = NEXT_WORD.match(text, position)
        if not match:
            break
        word = match.group(1)
        if word.endswith(".") and not _is_abbreviation(word):
            word = word[:-1]  # the sentence's full stop, not the name's
        # "says leader McDonald", "Labour peer Angela Smith": lowercase titles lead on to the name.
        leading_title = word.islower() and word not in ("for", "of") and (word in TITLE_WORDS or word in MODIFIED_NOUNS)
        body_link = word == "of" and tokens and tokens[-1][1].lower() in BODY_WORDS_BEFORE_OF
        if not (word[:1].isupper() or (word in NAME_PARTICLES and tokens) or leading_title or body_link):
            break
        if word.lower() in STOP_WORDS and not body_link and not (word.lower() == "the" and not tokens) and not (
                len(tokens) == 1 and word in SURNAME_STOP_WORDS and tokens[0][1].lower() not in TITLE_WORDS):
            break  # but "said Theresa May" is a name
        tokens.append((match.start(1), word))
        position = match.end()
        if word != match.group(1) or not match.group(2):
            break
    name = _interpret_name(text, tokens)
    if name and not name.title:
        appositive = APPOSITIVE.match(text, name.end)
        if appositive and any(word.lower() in TITLE_WORDS for word in appositive.group(1).split()):
            name = replace(name, title=appositive.group(1).strip())
    return name


def _is_abbreviation(word):
    return bool(ABBREVIATION.fullmatch(word))


def _interpret_name(text, tokens):
    """Split a capitalised run into country, title and name; None when it names nobody."""
    if not tokens:
        return None
    start = tokens[0][0]
    end = tokens[-1][0] + len(tokens[-1][1])
    words = [word for _, word in tokens]
    if words[0].lower() == "the":
        words = words[1:]
    if "of" in words[1:-1] and words[words.index("of") - 1].lower() in BODY_WORDS_BEFORE_OF and not any(
            word.lower() in TITLE_WORDS for word in words[words.index("of") + 2:]):
        # (not "Bank of England Governor Andrew Bailey": a title and a person follow the body)
        return Mention(start, end, text[start:end], "new", name=" ".join(words), kind="organization")
    if " ".join(words) in INSTITUTIONS:
        return Mention(start, end, text[start:end], "new", name=" ".join(words), kind="organization")
    if len(words) > 2 and words[-1] in POST_NOMINALS:
        words = words[:-1]  # "Tom Tugendhat MP", "Jane Doe QC": letters after the name, not part of it
    country = None
    while words and POSSESSIVE.match(words[0]):
        country = POSSESSIVE.match(words[0]).group(1)
        words = words[1:]
    if any(POSSESSIVE.match(word) for word in words):
        return None
    last_title = max((n for n, word in enumerate(words) if word.lower() in TITLE_WORDS or word.lower() in MODIFIED_NOUNS
                      or n == 0 and len(words) > 1 and ACRONYM_TITLE.fullmatch(word)), default=-1)
    title_words, name_words = words[:last_title + 1], words[last_title + 1:]
    if not name_words:
        return None
    # "Foreign Ministry spokeswoman Maria Zakharova" is a person with a title that names a body; only a run
    # whose name, or whose last title word, is the body's own word is the body ("the Foreign Ministry").
    body_title = title_words and title_words[-1].lower() in ORGANIZATION_WORDS \
        and title_words[-1].lower() not in PERSON_TITLES
    if name_words[-1].lower() in ORGANIZATION_WORDS or body_title:
        if len(words) < 2:
            return None
        organization = " ".join(words)
        if country:
            # "China’s Foreign Affairs Ministry" is not Russia’s: the country stays in the body's name.
            adjective = COUNTRY_ADJECTIVES.get(country.lower())
            organization = f"{adjective} {organization}" if adjective else organization  # not "Trump’s …"
        return Mention(start, end, text[start:end], "new", name=organization, country=country, kind="organization")
    if any((word.lower() in STOP_WORDS and not (n == len(name_words) - 1 and (n or title_words)
                                                     and word in SURNAME_STOP_WORDS))
           or word.lower() in ORGANIZATION_WORDS for n, word in enumerate(name_words)):
        return None
    if len(name_words) > 4 or not all((word[:1].isupper() and NAME_WORD.match(word)) or word in NAME_PARTICLES
                                      for word in name_words):
        return None
    if name_words[-1].lower() in PLACE_WORDS | GROUP_WORDS or len(name_words) > 1 and (
            name_words[0].lower() in PLACE_STARTS or name_words[0].lower() in NATIONALITIES
            or name_words[0].lower() in COUNTRY_FIRST_WORDS):
        return None  # "Downing Street", "Northern Ireland", "Conservative MPs", "New York", "Pakistan Tehreek-e-Insaf"
    return Mention(start, end, text[start:end], "new", name=" ".join(name_words), title=" ".join(title_words) or None,
                   country=country, kind="person")


# Adjectives that may stand before a lowercase title, inside a title: "Brazil’s far-right president".
TITLE_MODIFIERS = {"far-right", "far-left", "right-wing", "left-wing", "hardline", "hard-line", "centrist",
                   "conservative", "liberal", "populist", "nationalist", "embattled", "outgoing", "incoming",
                   "interim", "newly-elected", "long-serving", "longtime", "long-time", "veteran"}
# A country's name opens a body's name, not a person's ("Pakistan Tehreek-e-Insaf", "China Daily"), except
# the countries that are also given names ("Israel Katz", "Jordan Bardella").
COUNTRY_FIRST_WORDS = {name for name in DEMONYMS.values() if " " not in name} - {
    "israel", "jordan", "georgia", "chad", "india", "kenya", "lebanon"}
POST_NOMINALS = {"MP", "MEP", "MSP", "MLA", "MS", "TD", "QC", "KC", "OBE", "MBE", "CBE", "KBE", "DBE"}
CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w’'.-]*\s+)+[A-Z][\w’'-]*\w")


RUN_WORD = re.compile(r"\S+")
# Last words with which `_interpret_name` never returns a person: a run ending in one is not parsed.
NOT_A_SURNAME = ORGANIZATION_WORDS | PLACE_WORDS | GROUP_WORDS | TITLE_WORDS | MODIFIED_NOUNS
LINE = re.compile(r"[^\n]+")


def find_full_names(text, headline=False):
    """Every person named with a first name and a surname, titled or not, in text order (quotes included).

    A capitalised run is cut at its stop words ("Johnson Tells MPs"). A
    headline in Title Case, where every word is capitalised, names nobody reliably and is skipped.
    """
    found = []
    for line in LINE.finditer(text):
        if headline and is_title_case(line.group()):
            continue
        for run in CAPITALISED_RUN.finditer(line.group()):
            ends, segment_end = [], None
            for word in reversed(list(RUN_WORD.finditer(run.group()))):
                if word.group().lower().rstrip(".,") in STOP_WORDS and word.group() not in SURNAME_STOP_WORDS:
                    if segment_end is not None:
                        ends.append(segment_end)
                    segment_end = None
                elif segment_end is None:
                    segment_end = word.end()
            if segment_end is not None:
                ends.append(segment_end)
            offset = line.start() + run.start()
            for end in ends:
                if run.group()[end - 2:end] in ("’s", "'s"):
                    end -= 2  # "Dmytro Kuleba’s statement" introduces Dmytro Kuleba
                if run.group()[:end].rsplit(None, 1)[-1].lower() in NOT_A_SURNAME:
                    continue  # "the White House", "Foreign Minister": a body or a title, not a person (a quick test)
                name = parse_name_before(text, offset + end, max(line.start(), offset - NAME_REACH))
                if name and name.kind == "person" and " " in name.name:
                    found.append(name)
    return sorted(found, key=lambda name: name.start)


def is_title_case(line):
    words = [word for word in line.split() if len(word) >= 3 and word[:1].isalpha()]
    return len(words) >= 5 and sum(word[:1].isupper() for word in words) >= 0.8 * len(words)


GENERATIONAL_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}
GIVEN_NAME_AFTER_FAMILY = re.compile(r"[A-Z][a-z]{1,5}-(?:[a-z]{1,5}|[A-Z][a-z]?)")  # not "Smith-Fox", "Abu-Ali"


def surname_of(full_name):
    """The last word of a name that is not a generational suffix: "Joe Kennedy III" -> "Kennedy".

    A hyphenated given name after the first word marks East Asian order, family name first:
    "Lai Ching-te" -> "Lai", "Moon Jae-in" -> "Moon" (but "Ruth Okonjo-Vale" -> "Okonjo-Vale").
    """
    words = full_name.split() or [""]
    if len(words) == 2 and GIVEN_NAME_AFTER_FAMILY.fullmatch(words[1]):
        return words[0]
    while len(words) > 1 and words[-1].strip(".,") in GENERATIONAL_SUFFIXES:
        words.pop()
    return words[-1]
