"""Who is named where: the registry's names, role phrases and pronouns, as typed `Mention` records.

Everything here is pure: it reads the registry and a paragraph's text and
returns plain data. `names.py` reads the names the registry lacks; `extract/`
decides which mention is a quote's speaker.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from .roles import DEMONYMS, ROLE_NOUN, is_generic_role, possessive_roles

# Words that make a capitalised run a title rather than a name ("Defense Minister").
TITLE_WORDS = {
    "president", "vice", "prime", "pm", "mp", "ceo", "minister", "secretary", "deputy", "foreign", "defense",
    "defence", "interior", "finance", "state", "chancellor", "senator", "sen.", "rep.", "representative", "gov.", "governor", "general",
    "gen.", "adm.", "admiral", "lt.", "col.", "maj.", "dr.", "mr.", "mrs.", "ms.", "ambassador", "envoy", "special",
    "spokesman", "spokeswoman", "spokesperson", "chair", "chairman", "chairwoman", "director", "chief", "head",
    "commissioner", "secretary-general", "leader", "premier", "speaker", "mayor", "king", "queen", "pope", "sir",
    "lord", "lady", "economist", "analyst", "adviser", "advisor", "commander", "marshal", "officer", "diplomat",
    "former", "acting", "top", "national", "security", "senior", "press", "white", "house", "pentagon", "kremlin",
    "armed", "services", "committee", "u.s.", "eu", "nato", "un", "high", "representative", "majority", "minority",
    "whip", "member", "lawmaker", "sen", "rep", "gov", "gen", "professor", "prof.", "major", "captain", "colonel",
    "lieutenant", "sergeant", "corporal", "brigadier", "field", "army", "navy", "air", "force",
    # British style writes honorifics without a full stop: "Mr Trump", "Sir Keir", "Ms Kallas".
    "mr", "mrs", "ms", "miss", "dr", "dame", "mp", "mep", "msp", "td", "taoiseach", "tanaiste", "first",
    "attorney", "solicitor", "judge", "ceo", "president-elect", "mayor-elect", "coach", "manager", "boss",
    "founder", "executive", "rabbi", "bishop", "archbishop", "cardinal", "sheikh", "prince", "princess", "emir",
    "sultan", "crown", "pro", "tem", "tempore", "peer", "councillor", "councilor", "councilman", "councilwoman",
    "alderman", "assemblyman", "assemblywoman", "assemblymember", "congressman", "congresswoman", "delegate",
    "superintendent", "inspector", "detective", "constable", "sheriff", "chairperson", "president-elect",
    "spokesperson", "trustee", "dean", "provost", "rector", "chancellor", "mr.", "justice",
    # Religious honorifics before a name: "Supreme Leader Ayatollah Seyyed Ali Khamenei" is Ali Khamenei.
    "supreme", "grand", "ayatollah", "hojatoleslam", "imam", "mullah", "seyyed", "sayyid", "sayed", "pastor",
    "reverend", "rev.", "rev", "patriarch",
}
# Portfolios that stand between a title and a name: "Minister for Foreign Affairs Simon Coveney".
PORTFOLIO_WORDS = {
    "affairs", "relations", "health", "education", "trade", "transport", "environment", "energy", "housing",
    "treasury", "exchequer", "home", "economy", "agriculture", "culture", "veterans", "homeland", "commerce",
    "industry", "development", "communities", "work", "pensions", "business", "digital", "science", "technology",
    "tourism", "sport", "media", "immigration", "brexit", "justice", "labor", "welfare", "finance", "planning",
    "infrastructure", "communications", "information", "intelligence", "policy", "budget", "appropriations",
    "judiciary", "oversight", "ethics", "rules", "means", "ways",
}
TITLE_WORDS |= PORTFOLIO_WORDS
# Words that end the name of a place, never a person's: "Downing Street", "Northern Ireland", "New York".
PLACE_WORDS = {
    "street", "road", "avenue", "square", "island", "islands", "ireland", "kingdom", "states", "york", "jersey",
    "korea", "africa", "america", "arabia", "zealand", "lanka", "coast", "city", "county", "valley", "sea",
    "ocean", "river", "mountains", "palace", "university", "college", "school", "hospital", "airport", "station",
    "center", "centre", "district", "province", "region", "republic", "emirates", "strip", "heights", "gulf",
    "canal", "peninsula", "capitol", "house", "building", "stadium", "arena", "club", "united", "rovers",
    "wanderers", "athletic",
}  # not Hill, Hall, Park, Bridge, Bank, Court, North or West: surnames too ("Fiona Hill", "Oliver North")
PLACE_STARTS = {"new", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "saint",
                "st.", "los", "san", "santa", "las", "el", "port", "mount", "lake", "fort", "upper", "lower",
                "greater", "central"}
# Places and bodies that speak as institutions: "Downing Street said", "Moscow restated", "Labour said".
INSTITUTIONS = {
    "Downing Street", "No 10", "Whitehall", "Westminster", "Elysee", "Élysée", "Kremlin", "Pentagon", "White House",
    "State Department", "Justice Department", "Foreign Office", "Home Office", "Treasury", "Capitol Hill",
    "Labour", "Conservatives", "Tories", "Lib Dems", "Liberal Democrats", "Sinn Fein", "Sinn Féin", "DUP",
    "Democrats", "Republicans", "Hamas", "Hezbollah", "Taliban", "Centre", "Brussels",
    "Russia", "Moscow", "China", "Beijing", "Ukraine", "Kyiv", "Kiev", "Washington", "London", "Paris", "Berlin",
    "Tokyo", "Seoul", "Pyongyang", "Tehran", "Iran", "Israel", "Jerusalem", "India", "New Delhi", "Delhi",
    "Pakistan", "Islamabad", "Turkey", "Ankara", "Syria", "Damascus", "Egypt", "Cairo", "Saudi Arabia", "Riyadh",
    "Qatar", "Doha", "Japan", "France", "Germany", "Britain", "Italy", "Rome", "Spain", "Madrid", "Poland",
    "Warsaw", "Hungary", "Budapest", "Canada", "Ottawa", "Mexico", "Brazil", "Venezuela", "Caracas", "Cuba",
    "Havana", "Taiwan", "Taipei", "North Korea", "South Korea", "Afghanistan", "Kabul", "Iraq", "Baghdad",
    "Lebanon", "Beirut", "Nigeria", "Abuja", "Kenya", "Nairobi", "South Africa", "Pretoria", "Ethiopia", "Australia",
    "Canberra", "Indonesia", "Jakarta", "Philippines", "Manila", "Vietnam", "Hanoi", "Belarus", "Minsk",
}
# Capitalised words that name a group, never one person: "Conservative MPs", "House Democrats".
GROUP_WORDS = {
    "mps", "meps", "democrats", "republicans", "tories", "conservatives", "liberals", "officials", "leaders",
    "ministers", "senators", "lawmakers", "members", "voters", "police", "troops", "forces", "unionists",
    "nationalists", "socialists", "greens", "americans", "britons", "europeans", "fans", "players", "team",
}
# Capitalised words that start sentences or name times, never people.
STOP_WORDS = {
    "the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "if", "when", "while", "as", "after", "before",
    "since", "until", "then", "so", "yet", "still", "however", "meanwhile", "instead", "also", "although", "though",
    "because", "with", "without", "from", "to", "by", "of", "under", "over", "asked", "speaking", "earlier", "later",
    "last", "this", "that", "these", "those", "his", "her", "their", "our", "my", "its", "why", "what", "how",
    "where", "who", "it", "we", "they", "he", "she", "i", "you", "there", "here", "according", "during", "despite",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "not", "no", "yes",
    "all", "some", "many", "both", "each", "every", "today", "yesterday", "tomorrow", "now", "just", "only", "even",
    "unlike", "like", "amid", "unless", "whether", "following", "ahead", "including", "among", "against", "through",
    "echoing", "responding", "citing", "addressing", "writing", "meeting", "neither", "nor", "either", "once",
    "asked", "told", "said", "says", "calls", "warns", "slams", "urges", "vows", "rejects", "backs", "denies",
}
# A capitalised run ending in one of these names a body, not a person.
ORGANIZATION_WORDS = {
    "ministry", "office", "department", "council", "commission", "agency", "committee", "party", "government",
    "embassy", "army", "forces", "command", "alliance", "union", "organization", "organisation", "institute",
    "foundation", "parliament", "congress", "senate", "cabinet", "administration", "presidency", "service",
    "times", "post", "journal", "news", "press", "network", "reuters", "independent", "guardian", "bureau",
    # Newspapers' own words: "Belfast Telegraph", "Shields Gazette", "Chicago Tribune".
    "telegraph", "gazette", "tribune", "herald", "chronicle", "courier", "inquirer", "examiner", "dispatch",
    "sentinel", "bulletin",
}
# Title words that are a person's, even where they also name a body ("Chair", "Spokeswoman").
PERSON_TITLES = {
    "spokesman", "spokeswoman", "spokesperson", "chair", "chairman", "chairwoman", "secretary", "minister",
    "director", "chief", "head", "commissioner", "leader", "president", "senator", "ambassador", "envoy",
    "adviser", "advisor", "officer", "member", "lawmaker", "governor", "mayor", "judge", "mr", "mrs", "ms", "dr",
}
# "it" and "the statement" stand for a body only as the subject of a verb of speech: "“…,” it added".
BODY_PRONOUN = re.compile(r"\b(?:[Ii]t|[Tt]he\s+(?:joint\s+|written\s+)?(?:statement|communiqu[eé]|readout|release))"
                          r"(?=\s+(?:said|says|added|adds|read|reads|stated|states|noted|warned|continued|argued|"
                          r"insisted|claimed|accused|declared|stressed|urged)\b)")
# "“…,” his essay added": a person's own statement speaks for them, as "he" would.
OWN_STATEMENT = re.compile(r"\b([Hh]is|[Hh]er)\s+(?:written\s+|own\s+)?(?:statement|essay|letter|post|op-ed|article|"
                           r"speech|message|tweet|remarks)(?=\s+(?:said|says|added|adds|read|reads|stated|noted|"
                           r"warned|continued|argued|insisted|declared|stressed|urged)\b)")
# A word of a person's name: "Pål", "O’Rourke", "Kosiniak-Kamysz", "JD", "J.D."; not "R-Ms." or "U.S.".
NAME_WORD = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]{2}$|^[^\W\d_][^\W\d_’'-]*(?:[’'-][^\W\d_]+)*$")
# Capitalised words that are usually months or verbs, and sometimes surnames: "Theresa May".
SURNAME_STOP_WORDS = {"May", "March", "April", "June", "August", "July", "Will", "Still", "Long", "Young"}
# A first name right before such a word: a capitalised word that is not a preposition or an article.
FIRST_NAME_BEFORE = re.compile(r"\b(?!(?:In|On|Since|Until|By|Last|Next|Early|Late|Mid|"
                               r"From|Of|The|This|That|And|But|Or)\b)[A-Z][a-z]+ $")
NAME_PARTICLES = {"de", "van", "von", "der", "den", "la", "le", "bin", "al", "da", "di", "del", "dos", "du"}
NAME_REACH = 120  # characters: no title and name runs longer
NEXT_WORD = re.compile(r"([\w’'.-]+)( ?)")
POSSESSIVE_AFTER = re.compile(r"[’']s\b")  # right after a name: "Trump’s"
# The word that ends where a reversed text starts, and the space after it (or a line
# break, as "$" allows). Read backwards, each word is one match, where a search
# for r"([\w’'.-]+)( ?)$" would scan the whole text before it again.
WORD_BEFORE_BACKWARDS = re.compile(r"\n?(?P<space> ?)(?P<word>[\w’'.-]+)")
POSSESSIVE = re.compile(r"^(.+?)[’']s$")
# Country names from possessives ("Sweden’s Defense Minister"), and adjectives kept as part of a title.
NATIONALITIES = {
    "american", "british", "english", "scottish", "welsh", "irish", "french", "german", "polish", "ukrainian",
    "russian", "swedish", "finnish", "norwegian", "danish", "dutch", "belgian", "lithuanian", "latvian", "estonian",
    "italian", "spanish", "portuguese", "greek", "turkish", "hungarian", "czech", "slovak", "slovenian", "croatian",
    "serbian", "romanian", "bulgarian", "moldovan", "georgian", "belarusian", "austrian", "swiss", "canadian",
    "mexican", "brazilian", "chinese", "japanese", "korean", "indian", "pakistani", "iranian", "israeli",
    "palestinian", "saudi", "emirati", "qatari", "egyptian", "syrian", "iraqi", "afghan", "australian", "european",
    "western", "eastern", "nordic", "baltic", "allied", "kremlin", "soviet", "u.s.", "us", "eu", "nato", "un",
}
# Words after a name that make it a modifier: "Trump ally Steve Bannon", "Vance aides", "Putin Aide Says".
MODIFIED_NOUNS = {
    "ally", "allies", "aide", "aides", "adviser", "advisers", "advisor", "advisors", "spokesman", "spokeswoman",
    "spokesperson", "official", "officials", "envoy", "administration", "campaign", "team", "camp", "loyalist",
    "loyalists", "critic", "critics", "supporter", "supporters", "associate", "associates", "deputy", "lawyer",
    "lawyers", "attorney", "family", "son", "daughter", "wife", "husband", "brother", "sister", "government",
    "cabinet", "doctrine", "plan", "era", "presidency", "policy", "policies", "voters", "base", "staff", "office",
}
# Sons share their father's name: "Donald Trump Jr." is not Donald Trump.
NAME_SUFFIX = re.compile(r"^,?\s+(?:Jr\.?|Sr\.?|II|III|IV)(?![\w])")
FOLLOWING_WORD = re.compile(r"\s+([\w’'-]+)")
ARTICLE_AT_END = re.compile(r"\b(?:the|a|an)\s+$")
LOWERCASE_WORD_NEXT = re.compile(r"\s+[a-z]")
WORD_AND_SPACE_AT_END = re.compile(r"([\w’'.-]+) $")
APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?([^,.;“”\"]{3,80}?)(?=[,.;]|$)")
ABBREVIATION = re.compile(r"(?:[A-Z]\.)+|(?:Sen|Rep|Gov|Gen|Adm|Lt|Col|Maj|Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr)\.")
# An acronym before a name is a title: "NSA Sullivan", "FBI Director …" (not "JD Vance": two letters).
ACRONYM_TITLE = re.compile(r"[A-Z]{3,5}")
# "China" -> "Chinese", for the names of a country's bodies.
COUNTRY_ADJECTIVES = {country: adjective.title() for adjective, country in reversed(DEMONYMS.items())
                      if adjective.isalpha() and len(adjective) > 2}
# Romanisations of one name differ in these letters: Zelensky, Zelenskiy, Zelenskyy; Kharkiv, Harkiv.
TRANSLITERATED = {"iy": "y", "yy": "y", "ij": "y", "yi": "y", "i": "y", "kh": "h", "ks": "x", "j": "y"}
TRANSLITERATION = re.compile("|".join(sorted(TRANSLITERATED, key=len, reverse=True)))
# Bodies named with their own "of": "University of Maryland", "Ministry of Defence", "Bank of England".
BODY_WORDS_BEFORE_OF = {"university", "department", "ministry", "bank", "church", "institute", "college", "school",
                        "council", "board", "bureau", "office", "federation", "league", "academy", "society",
                        "association", "chamber", "court",
                        # Armed and security bodies named after their country: "Armed Forces of Ukraine",
                        # "General Staff of the Armed Forces", "Security Service of Ukraine".
                        "forces", "army", "navy", "staff", "guard", "service", "police", "command", "government"}
BODY_BEFORE_OF = re.compile(r"\b(?:" + "|".join(word.title() for word in sorted(BODY_WORDS_BEFORE_OF)) + r")\s+$")
# "… Forces of the ": the "the" inside a body's name, which does not end the run ("Armed Forces of the Philippines").
BODY_OF_THE = re.compile(r"\b(?:" + "|".join(word.title() for word in sorted(BODY_WORDS_BEFORE_OF)) + r")\s+of\s+$")
# "the university", "the foreign ministry": a body the article has named, by its kind.
BODY_NOUN = re.compile(r"\b[Tt]he\s+(?P<modifiers>(?:[a-z][\w-]*\s+){0,2}?)(?P<noun>ministry|department|university|"
                       r"company|agency|commission|council|committee|embassy|court|bank|firm|institute|college|"
                       r"school|board|bureau)\b")
NOT_IN_SLUG = re.compile(r"[^a-z0-9]+")
# Every role phrase, body noun and pronoun starts at one of these words: one scan finds where to try them,
# instead of one scan of the whole text for each pattern.
ANCHOR_WORD = re.compile(r"\b(?:[Tt]he|[Ii]t|[Hh]e|[Ss]he)\b")


@dataclass(frozen=True)
class Mention:
    """Words of a text that may name a speaker, with where they are.

    `how` says what they are: "name" (a registered name or alias; `person` is
    its id), "role" (a role phrase), "pronoun" (`pronoun` is he or she), or
    "new" (a name the registry lacks: `name`, `title`, `country` and `kind`,
    person or organization, as the text gives them).
    """
    start: int
    end: int
    surface: str
    how: str
    person: str | None = None
    possessive: bool = False
    pronoun: str | None = None
    name: str | None = None
    title: str | None = None
    country: str | None = None
    kind: str | None = None


@dataclass
class Registry:
    """The people registry, indexed for finding its names in text."""

    people: dict
    surfaces: dict = field(default_factory=dict)   # exact surface form -> id
    folded: dict = field(default_factory=dict)     # casefolded "the ..." surface -> id
    roles: dict = field(default_factory=dict)      # casefolded role phrase -> {id}: "the defense secretary"
    labels: dict = field(default_factory=dict)     # casefolded name or alias -> id, for "VANCE:" in transcripts
    spellings: dict = field(default_factory=dict)  # transliteration key -> {id}: "Zelenskiy" is "Zelensky"
    pattern: re.Pattern | None = None
    name_tokens: dict = field(default_factory=dict)


def index_registry(people):
    """A Registry: every name and alias, matched longest first."""
    registry = Registry(people=people)
    for person_id, person in people.items():
        # An alias that is a generic role ("the senator") is a role phrase: it names its person only when
        # the article names nobody else who holds that role.
        roles = [*person.get("roles", []), *filter(is_generic_role, person.get("aliases", []))]
        forms = [form for form in [person["name"], *person.get("aliases", [])] if form not in roles]
        registry.name_tokens[person_id] = {token for form in forms for token in form.split()}
        for role in roles:
            registry.roles.setdefault(role.casefold(), set()).add(person_id)
        for form in forms:
            registry.labels[form.casefold()] = person_id
            if form[:1].isupper() and person.get("kind") == "person":
                registry.spellings.setdefault(spelling_key(form), set()).add(person_id)
            if form[:1].islower() or form.lower().startswith("the "):
                registry.folded[form.casefold()] = person_id
            else:
                registry.surfaces[form] = person_id
    alternatives, cased_starts, folded_starts = [], set(), set()
    for form in sorted({*registry.surfaces, *registry.folded, *registry.roles}, key=len, reverse=True):
        escaped = re.escape(form)
        if form.casefold() in registry.folded or form in registry.roles:
            escaped = f"(?i:{escaped})"
            folded_starts.add(f"(?i:{re.escape(form[:1])})")
        else:
            cased_starts.add(re.escape(form[:1]))
        alternatives.append(escaped)
    if alternatives:
        # Few characters start a name: testing the first one before anything else skips most positions at once.
        starts = ([f"[{''.join(sorted(cased_starts))}]"] if cased_starts else []) + sorted(folded_starts)
        first_character = f"(?={'|'.join(starts)})" if "" not in cased_starts else ""  # "" if an alias is empty
        registry.pattern = re.compile(rf"{first_character}(?<![\w’'-])(?:{'|'.join(alternatives)})(?![\w-])")
    return registry


def resolve_surface(registry, surface):
    return registry.surfaces.get(surface) or registry.folded.get(surface.casefold())


def resolve_spelling(registry, surface):
    """A registered person by name, or by another transliteration of it ("Zelenskiy", "Zelenskyy")."""
    people = registry.spellings.get(spelling_key(surface), ())
    return resolve_surface(registry, surface) or (next(iter(people)) if len(people) == 1 else None)


def spelling_key(name):
    """A name with the letters transliterations disagree on made alike: y, i, iy, yy, ij; kh and h; accents."""
    folded = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore").decode()
    return TRANSLITERATION.sub(lambda match: TRANSLITERATED[match.group()], folded)


def resolve_label(registry, surface):
    """A speaker's label in capitals, as transcripts write it ("VANCE:", "JD VANCE:"), else None."""
    return registry.labels.get(surface.casefold()) if surface.isupper() and len(surface) > 2 else None


def find_mentions(text, registry, outside):
    """Mentions of registered people, role nouns and pronouns in `text`, where `outside(start, end)` holds.

    Each is a Mention: start, end, surface, how (name, role, body or pronoun), person (an id, or None for a role
    or a pronoun: who they stand for depends on the article),
    possessive.
    """
    mentions = []
    anchors = [(match.start(), match.group()) for match in ANCHOR_WORD.finditer(text)]
    the = [start for start, word in anchors if word in ("the", "The")]
    roles = [match for match in _matches_from(ROLE_NOUN, text, the) if outside(match.start(), match.end())]
    roles += [match for match in possessive_roles(text) if outside(match.start(), match.end())]
    for match in registry.pattern.finditer(text) if registry.pattern else ():
        if not outside(match.start(), match.end()) or not _is_person_reference(text, match, registry):
            continue
        if any(role.start() <= match.start() and match.end() <= role.end() and role.end() - role.start() > len(
                match.group()) for role in roles):
            continue  # "the Kremlin spokesman" is a person, not "the Kremlin"
        person = resolve_surface(registry, match.group())
        mentions.append(_mention(text, match.start(), match.end(), "name" if person else "role", person))
    for match in roles:
        if not any(m.start < match.end() and match.start() < m.end for m in mentions):
            mentions.append(_mention(text, match.start(), match.end(), "role", None))
    for start, word in anchors:
        if word in ("he", "He", "she", "She") and outside(start, start + len(word)):
            mentions.append(_mention(text, start, start + len(word), "pronoun", None, pronoun=word.lower()))
    for match in _matches_from(BODY_NOUN, text, the):
        if outside(match.start(), match.end()) and not any(m.start < match.end() and match.start() < m.end
                                                           for m in mentions):
            mentions.append(_mention(text, match.start(), match.end(), "body", None))
    not_pronouns = [start for start, word in anchors if word not in ("he", "He", "she", "She")]
    for match in _matches_from(BODY_PRONOUN, text, not_pronouns):
        if outside(match.start(), match.end()):
            mentions.append(_mention(text, match.start(), match.end(), "pronoun", None, pronoun="it"))
    if "is " in text or "er " in text:  # "his " or "her ": a substring test rules most texts out before the scan
        for match in OWN_STATEMENT.finditer(text):
            if outside(match.start(), match.end()):
                pronoun = "he" if match.group(1).lower() == "his" else "she"
                mentions.append(_mention(text, match.start(), match.end(), "pronoun", None, pronoun=pronoun))
    return sorted(mentions, key=lambda mention: mention.start)


def _matches_from(pattern, text, starts):
    """What `pattern.finditer(text)` finds, for a pattern whose every match begins at one of `starts`."""
    reached = 0
    for start in starts:
        if start >= reached:
            match = pattern.match(text, start)
            if match:
                reached = match.end()
                yield match


def _mention(text, start, end, how, person, pronoun=None):
    return Mention(start, end, text[start:end], how, person, possessive=bool(POSSESSIVE_AFTER.match(text, end)),
                   pronoun=pronoun)


def _is_person_reference(text, match, registry):
    """False for a surname used as a modifier ("the Trump administration") or with another first name."""
    surface = match.group()
    after = text[match.end():match.end() + 40]
    if NAME_SUFFIX.match(after):
        return False
    following = FOLLOWING_WORD.match(after)
    if following and following.group(1).lower() in MODIFIED_NOUNS:
        return False
    if " " in surface:
        return True
    before = text[max(0, match.start() - 40):match.start()]
    if ARTICLE_AT_END.search(before) and LOWERCASE_WORD_NEXT.match(text, match.end()):
        return False
    previous = WORD_AND_SPACE_AT_END.search(before)
    if previous:
        word = previous.group(1)
        person = resolve_surface(registry, surface)
        if (word[:1].isupper() and word.isalpha() and word.lower() not in STOP_WORDS
                and word.lower() not in TITLE_WORDS and word not in registry.name_tokens.get(person, ())
                and word.lower() not in NATIONALITIES):
            return False
    return True


def slugify(name):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return NOT_IN_SLUG.sub("-", ascii_name.lower()).strip("-")
