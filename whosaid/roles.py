"""Role phrases: "the defense secretary", "the Ukrainian president", "the White House spokesperson"; pure.

A role phrase names whoever holds the role among the people the article
names, and nobody when two of them could hold it. Its country is matched
("the US president", "the Russian leader") and its synonyms too
(spokesperson, spokeswoman, press secretary; leader for a head of state or
government). A registry entry's `roles` are phrases that stand for that
person when the article names nobody else who fits.
"""

import re

# Nouns that make "the ..." a role ("the defense secretary", "the Kremlin spokesman").
ROLE_NOUNS = (r"secretary|minister|president-elect|president|spokesman|spokeswoman|spokesperson|chancellor|envoy|ambassador|"
              r"adviser|advisor|diplomat|chief|director|senator|premier|commissioner|governor|secretary-general|"
              r"judge|leader|chair|chairman|chairwoman|mayor|taoiseach|captain|coach|manager|congressman|"
              r"congresswoman|lawmaker")
# The portfolios a role noun may name with "of": "the secretary of state", "the minister of defence".
PORTFOLIOS = (r"state|defen[cs]e|staff|justice|health|war|the\s+treasury|the\s+interior|the\s+exchequer|"
              r"foreign\s+affairs|homeland\s+security")
ROLE_NOUN = re.compile(
    rf"\b[Tt]he\s+((?:[A-Za-z0-9][\w.’'-]*\s+){{0,3}}?(?i:{ROLE_NOUNS})(?:\s+of\s+(?i:{PORTFOLIOS}))?)\b"
    rf"(?!\s+of\b)(?![\w-])")
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")  # "the 45th president": which one, not what they are
# "Ukraine’s foreign minister", "Brazil’s president": a country's possessive instead of "the"; only a
# country's name counts (not "Trump’s adviser").
POSSESSIVE_ROLE = re.compile(
    rf"\b(?P<owner>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)[’']s\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{ROLE_NOUNS})\b"
    rf"(?!\s+of\b)(?![\w-])")
# Role words that change who is meant: "the president" is not "the vice president".
ROLE_QUALIFIERS = {"vice", "deputy", "former", "acting", "assistant", "under", "press"}
ROLE_WORD_SEPARATOR = re.compile(r"[\s,()]+")
ROLE_SPELLINGS = {"defence": "defense", "sen.": "senator", "sen": "senator", "rep.": "representative",
                  "gov.": "governor", "gen.": "general", "amb.": "ambassador", "spokeswoman": "spokesperson",
                  "spokesman": "spokesperson", "advisor": "adviser", "chairman": "chair", "chairwoman": "chair",
                  "pm": "prime"}
NOT_ROLE_WORDS = {"the", "of", "and", "a", "an", "", "united", "states", "u.s.", "us"}
# Adjectives of country in role phrases, by the country's name as people.yml gives it.
DEMONYMS = {
    "american": "united states", "us": "united states", "u.s.": "united states", "british": "united kingdom",
    "uk": "united kingdom", "ukrainian": "ukraine", "russian": "russia", "french": "france", "german": "germany",
    "polish": "poland", "italian": "italy", "spanish": "spain", "chinese": "china", "japanese": "japan",
    "indian": "india", "pakistani": "pakistan", "israeli": "israel", "iranian": "iran", "turkish": "turkey",
    "canadian": "canada", "australian": "australia", "irish": "ireland", "lithuanian": "lithuania",
    "estonian": "estonia", "latvian": "latvia", "finnish": "finland", "swedish": "sweden", "norwegian": "norway",
    "danish": "denmark", "dutch": "netherlands", "belgian": "belgium", "hungarian": "hungary",
    "czech": "czech republic", "romanian": "romania", "greek": "greece", "mexican": "mexico",
    "brazilian": "brazil", "korean": "south korea", "kenyan": "kenya", "nigerian": "nigeria", "egyptian": "egypt",
    "saudi": "saudi arabia", "belarusian": "belarus", "moldovan": "moldova", "georgian": "georgia",
    "taiwanese": "taiwan", "vietnamese": "vietnam", "thai": "thailand", "indonesian": "indonesia",
    "filipino": "philippines", "malaysian": "malaysia", "swiss": "switzerland", "austrian": "austria",
    "serbian": "serbia", "croatian": "croatia", "slovak": "slovakia", "portuguese": "portugal",
    "syrian": "syria", "iraqi": "iraq", "afghan": "afghanistan", "qatari": "qatar", "emirati": "uae",
    "jordanian": "jordan", "lebanese": "lebanon", "palestinian": "palestine", "south african": "south africa",
    "argentine": "argentina", "venezuelan": "venezuela", "cuban": "cuba", "bulgarian": "bulgaria",
}
# What "the leader" can be: a head of state or of government.
HEADS = {"president", "prime", "chancellor", "premier", "taoiseach", "king", "queen", "leader", "head"}


COUNTRY_NAMES = set(DEMONYMS.values())


def possessive_roles(text):
    """The role phrases a country's possessive opens, in text order."""
    if "’s" not in text and "'s" not in text:
        return []
    return [match for match in POSSESSIVE_ROLE.finditer(text) if match.group("owner").lower() in COUNTRY_NAMES]


def is_generic_role(phrase):
    """True for a phrase that names a role, not one person: "the defense secretary", "the senator"."""
    return ROLE_NOUN.fullmatch(phrase.strip()) is not None


def role_words(phrase):
    words = {word.strip(".,’'").lower() for word in ROLE_WORD_SEPARATOR.split(phrase)}
    return {ROLE_SPELLINGS.get(word, word) for word in words if not ORDINAL.fullmatch(word)} - NOT_ROLE_WORDS


def phrase_words(phrase):
    """(role words, country names) of a role phrase: "the US president" -> ({"president"}, {"united states"})."""
    owner = POSSESSIVE_ROLE.match(phrase)
    if owner and owner.group("owner").lower() in COUNTRY_NAMES:
        # "Ukraine’s foreign minister": the country, then the role words after its possessive.
        countries = {owner.group("owner").lower()}
        return phrase_words("the " + phrase[owner.end("owner") + 2:])[0], countries
    words = {ROLE_SPELLINGS.get(word, word) for word in
             (word.strip(".,’'").lower() for word in ROLE_WORD_SEPARATOR.split(phrase))
             if not ORDINAL.fullmatch(word)}
    countries = {DEMONYMS[word] for word in words if word in DEMONYMS}
    return words - NOT_ROLE_WORDS - set(DEMONYMS), countries


def role_fits(phrase, role, country=None):
    """Whether someone with `role` (and `country`) can be meant by the role phrase."""
    words, countries = phrase_words(phrase)
    if not words or not role:
        return False
    held = role_words(role)
    text = f"{role} {country or ''}".lower()
    for name in countries:
        adjectives = {adjective for adjective, country_name in DEMONYMS.items() if country_name == name}
        if name not in text and not adjectives & held:
            return False
    held -= set(DEMONYMS)
    if "spokesperson" in words and "spokesperson" not in held and {"press", "secretary"} <= held:
        words = (words - {"spokesperson"}) | {"press", "secretary"}  # the White House spokesperson
    if "leader" in words and "leader" not in held and held & HEADS:
        words = (words - {"leader"}) | (held & HEADS)  # the Russian leader: its president
        if "prime" in held:
            words.add("minister")
    return words <= held and not (held & ROLE_QUALIFIERS) - words


# Qualifiers of time: a former vice president once held the role a phrase may name.
TIME_QUALIFIERS = {"former", "acting", "outgoing", "incoming", "then", "ex"}


def without_qualifiers(role):
    return " ".join(word for word in ROLE_WORD_SEPARATOR.split(role) if word.lower().strip("-") not in TIME_QUALIFIERS)


def role_holders(registry, phrase, mentioned=(), others=()):
    """The people the article has named whose role fits the phrase: registered ones and `others`."""
    fits = {person_id for person_id, person in registry.people.items()
            if person_id in mentioned and person.get("kind") == "person"
            and role_fits(phrase, person.get("role"), person.get("country"))}
    return fits | {person_id for person_id, (title, country) in others.items() if role_fits(phrase, title, country)}


def resolve_role(registry, phrase, mentioned=(), others=()):
    """Who a role phrase stands for, else None.

    The candidates are the registered people the article has named so far and
    `others` (unregistered people the article introduces: id -> (title,
    country)). Exactly one who fits is chosen; two name nobody. When none fits,
    the one registry entry whose `roles` list the phrase is chosen.
    """
    fits = role_holders(registry, phrase, mentioned, others)
    if len(fits) == 1:
        return next(iter(fits))
    if fits:
        return None
    near = [person.get("role") for person_id, person in registry.people.items() if person_id in mentioned] + \
        [title for title, _ in others.values()]
    if any(role_fits(phrase, without_qualifiers(role)) for role in near if role):
        return None  # "Former Vice President Kamala Harris … the vice president said": not the registry's holder
    owners = registry.roles.get(phrase.casefold(), set())
    return next(iter(owners)) if len(owners) == 1 else None
