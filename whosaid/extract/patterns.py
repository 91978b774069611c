"""The words and patterns the extraction rules look for, and small pure tests built on them."""

import re

from ..speakers import MODIFIED_NOUNS, NATIONALITIES, TITLE_WORDS

REPORTING_VERBS = (
    "said|says|say|told|tells|added|adds|wrote|writes|posted|stated|declared|declares|announced|announces|warned|"
    "warns|argued|argues|insisted|insists|explained|explains|noted|replied|responded|asked|urged|urges|claimed|"
    "acknowledged|admitted|conceded|confirmed|confirms|denied|stressed|emphasized|emphasised|reiterated|elaborated|"
    "suggested|predicted|promised|pledged|vowed|accused|accuses|criticized|criticised|called|described|tweeted|"
    "reported|remarked|observed|recalled|countered|cautioned|complained|joked|quipped|concluded|maintained|lamented|"
    "boasted|assured|affirmed|commented|testified|blasted|slammed|praised|touted|dismissed|characterized|labeled|"
    "labelled|branded|clarified|reaffirmed|threatened|continued|commended|mentioned|restated|restates|underlined|"
    "underlines|underscored|underscores|highlighted|recounted|repeated|retorted|answered|lauded|hailed|read|reads|"
    "thanked|denies|furthered|opined|opines|condemned|condemns|thinks|reckons|held(?=\\s+that)"
)
PARTICIPLES = (
    "saying|telling|adding|writing|posting|stating|declaring|announcing|warning|arguing|insisting|explaining|"
    "noting|calling|describing|classifying|accusing|urging|claiming|asking|reiterating|stressing|speaking|tweeting|"
    "replying|responding|suggesting|predicting|promising|pledging|vowing|criticizing|criticising|dismissing|"
    "characterizing|labeling|branding|confirming|denying|acknowledging|conceding|emphasizing|cautioning|"
    "complaining|remarking|observing|recalling|countering|touting|praising|slamming|blasting|threatening|reading|"
    "restating|underlining|underscoring|commending|mentioning|highlighting|repeating|hailing|blaming|condemning|"
    "demanding|citing"
)
# A determiner just before an -ing word makes it a noun, not a verb of speech: "the posting of the results",
# "his warning", "their writing".
NOUN_BEFORE = re.compile(r"(?<![\w-])(?:the|a|an|his|her|its|their|our|this|that|whose)\s+$", re.IGNORECASE)
# Verbs that attribute only the quote before them: "“…,” the statement read" (but "a post, which read, “…”").
AFTER_ONLY_CUES = {"read", "reads"}
# Headlines use the present tense and a few verbs of their own: "Trump Calls Zelensky a ‘Dictator’".
HEADLINE_VERBS = ("calls|claims|slams|blasts|rips|hails|vows|rejects|backs|insists|denies|admits|praises|defends|"
                  "welcomes|dubs|brands|labels|pans")


def by_first_letter(words):
    """The alternation "said|says|told" as "s(?:aid|ays)|t(?:old)": a regex then tries only the words of one letter.

    A cue is a whole word, so at most one of the words matches at a position,
    and the grouped alternation finds exactly what the plain one finds.
    """
    groups = {}
    for word in words.split("|"):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


def compile_cue(verbs, flags=0):
    return re.compile(rf"(?<![\w-])(?:(?P<verb>{by_first_letter(verbs)})|(?P<participle>{by_first_letter(PARTICIPLES)})"
                      r"|(?P<according>[Aa]ccording to))(?![\w-])", flags)


CUE = compile_cue(REPORTING_VERBS)
HEADLINE_CUE = compile_cue(f"{HEADLINE_VERBS}|{REPORTING_VERBS}", re.IGNORECASE)
# Words that may stand between a speaker and the verb: "Hegseth later said", "Trump on Tuesday said".
FILLER_WORDS = ("also", "later", "then", "too", "again", "still", "first", "initially", "now", "only", "just", "had",
                "has", "have", "would", "will", "could", "did", "does", "further", "repeatedly", "previously", "once",
                "earlier", "today", "yesterday", "tonight")
FILLER_AT_END = re.compile(
    rf"(?:\b(?:{'|'.join(FILLER_WORDS)}|(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"(?:\s+(?:morning|afternoon|evening|night))?|[a-z]+ly)\s*)$")
# Every filler ends in one of these, before any spaces: a cheap test that rules most texts out before the search.
FILLER_ENDINGS = (*FILLER_WORDS, "day", "morning", "afternoon", "evening", "night", "ly")
# A name used as a modifier, and the noun phrase that leads on to another name.
MODIFIER_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(MODIFIED_NOUNS)) + r")\b", re.IGNORECASE)
# A lowercase phrase ending in a title or a modified noun, right before a capitalised name: after a name it
# makes that name a modifier ("Trump senior legal adviser Jenna Ellis"); after a verb it leads on to the
# speaker ("said campaign senior legal adviser Jenna Ellis").
_TITLE_ENDINGS = "|".join(sorted((re.escape(word) for word in TITLE_WORDS | MODIFIED_NOUNS if word.isalpha()),
                                 key=len, reverse=True))
TITLE_CHAIN_NEXT = re.compile(rf"\s+(?:[a-z][\w-]*\s+){{0,3}}?(?:{_TITLE_ENDINGS})(?:,\s*|\s+)(?=[A-Z])")
TITLE_CHAIN_START = re.compile(rf"(?:[a-z][\w-]*\s+){{0,3}}?(?:{_TITLE_ENDINGS})\s+(?=[A-Z])")
NOUN_THEN_NAME = re.compile(r"(?:[’']s)?\s+(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*(?:,\s*|\s+)(?=[A-Z])")
PREPOSITION_WORD = re.compile(r"\b(?:of|for|to|from|with|by|at|in|on|under|against)\b", re.IGNORECASE)
GOVERNED_BEFORE = re.compile(r"\b(?:for|to|of|from|with|by|near|and|or|nor|not|neither|than|like|about|"
                             r"including|in|at|inside|across|throughout)\s+$", re.IGNORECASE)
# "Bernard Cooke from the Keep Parking Free campaign group said": an affiliation between a person and the verb.
AFFILIATION_BEFORE = re.compile(r"\b(?:from|of|at)\s+(?:the\s+)?$", re.IGNORECASE)
AFFILIATION_TAIL = re.compile(r"\s+(?:from|of|at)\s+(?!(?:[\w’'.&-]+\s+){0,7}?(?:who|which|that|and|but|or|when|"
                              r"after|before|because|in|on|to|for|with)\b)(?:[\w’'.&-]+\s+){0,7}?[\w’'.&-]+\s*")
# A document that speaks for its author: "a statement from the Kremlin said", "a readout by the White House".
STATEMENT_FROM = re.compile(r"\b(?:statement|communiqu[eé]|readout|release|letter|message|post|notice|announcement)\s+"
                            r"(?:from|by|of)\s+(?:the\s+)?$", re.IGNORECASE)
NEGATED_BEFORE = re.compile(r"\b(?:not|nor|neither|than)\s+$", re.IGNORECASE)
# Right after a quote's closing mark: ", said X", ", X said", " X told".
IMMEDIATE_ATTRIBUTION = re.compile(r"\s*,?\s*(?:[A-Z]|he\b|she\b|the\s|said\b|says\b|told\b|added\b|asked\b)")
# A whole attribution right after a quote closed on a comma: "…,” the spokesman said", "…,” Peskov added".
SIGNED_AFTER = re.compile(r"\s*(?:the\s+[a-z]+(?:\s+[a-z]+)?|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}|he|she|it)\s+"
                          r"(?:said|says|added|adds|told|stated|wrote|noted|insisted|stressed|explained)\b")
SIGNATURE_TAIL_WORDS = 8  # "… the spokesman said on Sunday in Moscow."
QUOTE_MARKS_IN = re.compile(r"[“”‘’\"]")
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+$")
# "Trump’s claim that …": the quoted words after it are the claim-holder's.
CLAIM_OF = re.compile(r"(\w+)[’']s\s+(?:claims?|assertions?|remarks?|comments?|statements?|words|description|"
                      r"suggestions?|accusations?|charges?|view|argument|insistence|inference|allegations?|"
                      r"insinuations?|implication)\s+that\b")
# Verbs whose quoted object is someone else's word: "denies he's a ‘liar’", "rejects ‘dictator’ label".
DENIALS = {"denies", "denied", "deny", "denying", "rejects", "rejected", "rejecting"}
DENIED_FRAGMENT_WORDS = 4
# A fronted topic before a short quote: "Regarding the issue of “…”", "Asked about “…”", "On “…”".
TOPIC_LEAD = re.compile(r"\s*(?:(?:When\s+)?[Aa]sked\s+about|Regarding|Concerning|About|On|As\s+for|Turning\s+to)"
                        r"(?:\s+the\s+(?:issue|question|subject|matter|topic)\s+of)?(?:\s+the)?\s*")
# A quote right after a copula or "as" is the main clause's predicate, not the claim's words:
# "Kallas said Putin’s remarks that Europe was weak were “nonsense”".
PREDICATE_BEFORE = re.compile(r"\b(?:was|were|is|are|as|been|be)\s+$")
CLAUSE_BREAK = re.compile(r"[;:]|,(?!\d)")  # not the comma of "500,000"
# Where a new clause starts within a sentence, in the text with quotes masked.
# What a quote that goes on as someone's words ends with; a quoted line without one is a crosshead.
SENTENCE_ENDS = (".", "!", "?", "…", ",", ";", ":", "—", "–")
# A relay: "what the BBC calls “…”", "what Reuters described as a “…”": the words are the named outlet's.
RELAY_BEFORE = re.compile(r"\bwhat\s+(?:the\s+)?(?P<name>[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3})\s+"
                          r"(?:calls|called|describes\s+as|described\s+as|terms|termed|dubs|dubbed|labels|labeled|"
                          r"labelled)\s+(?:(?:a|an|the|its|their)\s+)?$")
# Nouns of an appositive that describes someone by another: "Mette Frederiksen, his counterpart from Denmark".
APPOSITIVE_WORDS = {"counterpart", "counterparts", "colleague", "predecessor", "successor", "rival", "ally"}
CLAUSE_START = re.compile(r"(?:,\s*|\b)(?:but|while|whereas|although|though)\s+|;\s*|,\s*and\s+(?=[A-Z])")
RELATIVE_CLAUSE = re.compile(r",\s*(?:who|whom|which)\b", re.IGNORECASE)
# A wire dateline before a sentence's subject: "KYIV (Reuters) - ", "WASHINGTON, Feb 14 (AP) — ", "MANILA: ".
DATELINE = re.compile(r"[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,3}(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,2})?"
                      r"(?:\s*\([^()\n]{1,40}\))?\s*(?:--|[—–:-])\s+")
# What a timestamp line holds besides its date: "17 November 08 09:33 GMT", "Updated: 29 January 2024, 18:28".
TIMESTAMP_REST = re.compile(r"(?:\W|\d|\b(?:published|updated|posted|last|first|on|at|am|pm|a\.m|p\.m|"
                            r"gmt|bst|utc|cet|cest|et|est|edt|ct|cdt|pt|pst|pdt|ist|jst|aest|hrs|h)\b)*", re.IGNORECASE)
# A sentence opening with a phrase that is not its subject: "After meeting Vance, …", "Speaking in Kyiv, …".
FRONTED = re.compile(r"(?:After|Before|While|When|Since|Despite|Following|Unlike|Like|Amid|During|Upon|Without|"
                     r"Asked|Speaking|Meeting|Writing|Responding|Addressing|Echoing|In|On|At|With|For|As|By)\b")
# Words that open another clause: a time word beyond one dates something else.
# "An interview a day earlier in which X said" is the exception: the time dates the occasion of the saying.
CLAUSE_BOUNDARY = re.compile(r"\b(?:that|who|(?<!in )(?<!at )(?<!on )(?<!during )which|whom|whose|when|where|because|"
                             r"while)\b")
# "Trump, who said", "Beijing, which before the vote called", "Khamenei who called": the relative pronoun
# right before the verb, over a short time phrase.
RELATIVE_AT_END = re.compile(r"(?:,\s*|\s+)(?:who|which)(?:\s+(?:before|after|during|in|on|at|since|earlier|last|"
                             r"this)(?:\s+[\w’'-]+){1,3}?)?\s*$", re.IGNORECASE)
# A verb with no subject of its own takes the clause's: "…, and said", "but insisted", "then added".
COORDINATED = re.compile(r"(?:\b(?:and|but|then|or)|,)\s*$")
PREPOSITION_BEFORE = re.compile(r"\b(?:with|to|by|from|of|for|against|at|on|between|about|toward|towards|and|"
                                r"about|like|than|into|onto|over|under|after|before|behind|among)\s+$", re.IGNORECASE)
BY_AGENT = re.compile(r"\s+by\s+")  # "was told by Hegseth"
QUOTED_AS = re.compile(r"\s+as\s+$")  # "quoted Hegseth as saying"
PASSIVE_QUOTED = re.compile(r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+quoted\s*$")
# Someone spoke whom the text does not name: "a senior administration official", "sources familiar with …",
# "a spokesman for Zelensky". Recorded as such, never given to a name nearby.
UNNAMED_SOURCE = re.compile(
    r"\b(?:officials?|sources?|aides?|diplomats?|spokesman|spokeswoman|spokesperson|spokespeople|insiders?|"
    r"staffers?|persons?|people|advisers?|advisors?|analysts?|observers?|critics?|lawmakers?|residents?|"
    r"witnesses?|negotiators?|officers?)\b(?:\s+(?:familiar|close|briefed|with|who|for|of|at|in|from|to)\b[^,;“”\"]*)?"
    r"\s*,?\s*$", re.IGNORECASE)
# "Trump’s threats of “…”", "von der Leyen’s remarks that “…”": a possessor owns the quote that follows.
POSSESSIVE_OWNER = re.compile(
    r"(?P<owner>\b[A-Z][\w.’'-]*)[’']s\s+(?:[a-z]+\s+){0,2}?(?:threats?|remarks?|words|comments?|claims?|"
    r"warnings?|promises?|pledges?|descriptions?|vows?|messages?|statements?|rhetoric|insistence|assertions?|"
    r"phrase|characteri[sz]ation|demands?|language|jibes?|retort|reply|response|answer)"
    r"(?:\s+(?:of|that|about|to|on|was|were|is))?\s*[,:]?\s*$")
# A dash that signs a quote with its speaker's name, to the end of the line: "“…” — Donald Trump".
# Only a name, perhaps with ", title", may follow, to the end of the line.
DASH_ATTRIBUTION = re.compile(r"[ \t]*(?:—|–|-{1,2})[ \t]*(?=[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3}"
                              r"(?:,[^\n“”\"]{0,60})?[ \t]*$)", re.MULTILINE)
# A quote signed with a social-network handle: "‘We must build’ – @Jane_Doe 30 minutes in, …".
HANDLE_SIGNATURE = re.compile(r"[ \t]*(?:—|–|-{1,2})[ \t]*@(?P<handle>[A-Za-z]\w{1,29})(?!\w)")
# A headline signed at its end: "… ‘Threatening’ for Russia - Kremlin".
HEADLINE_SIGNATURE = re.compile(r"\s[—–-]\s+(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s*$")
# Words a headline's signature may end in that name a page or an outlet, not a speaker.
NOT_SIGNATURES = {"News", "Live", "Updates", "Update", "Latest", "Times", "Post", "Journal", "Independent", "Online",
                  "Today", "Daily", "Report", "Video", "Watch", "Analysis", "Opinion", "Blog", "Wire", "Guardian"}
COLON_CLAUSE_WORDS = 8  # "Trump was firm:", "The Kremlin had a reply ready:": short clauses only
JOINED_TO_NEXT = re.compile(r"\s*(?:,\s*)?(?:and|or|nor)\s+")  # "Rubio and Hegseth"
QUOTE_MARKS_AND_SPACING = re.compile(r"[_“”‘’\"',\s]")
# Around a surname that is also a month or a verb: the month's own context.
MONTH_CONTEXT_BEFORE = re.compile(r"\b(?:in|on|since|until|by|from|of|last|next|early|late|mid|this|that|to|through|"
                                  r"and|or|[Tt]he|\d+)[ -]$")
MONTH_CONTEXT_AFTER = re.compile(r"[ -]?(?:\d|of\b|and\b|to\b)")
# Lowercase words that may stand before a clause's subject: "the", "former", "top", "spokesman".
SUBJECT_LEAD_WORDS = {"the", "a", "an", "former", "then", "top", "senior", "both", "also", "then-", "new", "longtime",
                      "veteran", "outgoing", "incoming", *TITLE_WORDS, *MODIFIED_NOUNS, *NATIONALITIES,
                      # a time that opens the clause: "Earlier on Wednesday Mr Cummings …", "Late on Friday, …"
                      "earlier", "later", "on", "late", "early", "last", "this", "week", "morning", "afternoon",
                      "evening", "night", "yesterday", "today", "tonight"}
# Headline-like lines count as headlines only this near the top of the text.
HEADLINE_LINES = 4
HEADLINE_MAX_CHARS = 160
# A scare quote this near the top, this short, with no verb of its own, may echo the body's attributed words.
LEDE_PARAGRAPHS = 6
LEDE_TERM_WORDS = 4
SENTENCE_ENDINGS = (".", "!", "?", ".”", ".’", '."', ".'", "?”", "!”", '?"', '!"', "?’", "!’", "?'", "!'", ":")
CROSSHEAD_MAX_WORDS = 8  # "‘Horrible and scary’", "‘Pragmatic’ approach": an editor's short line between paragraphs
ANTECEDENT_PARAGRAPHS = 3
SUBJECT_REACH = 300  # characters: a subject stands this close to its verb, asides included
# Honorifics British style puts before a first name: "Sir Keir" is Keir Starmer.
FIRST_NAME_HONORIFICS = {"sir", "dame"}
# Capitalised words that label a line and name nobody: "Quote: “…”", "Update: …".
LABEL_WORDS = {"Quote", "Quotes", "Update", "Updates", "Statement", "Transcript", "Editor", "Note", "Watch", "Read",
               "Listen", "Photo", "Video", "Breaking", "Analysis", "Opinion", "Live", "Latest", "Key", "Context"}
# The rule for words the rules decided are nobody's (a topic's name, a crosshead): no echo gives them a speaker.
NOBODY = "nobody"
# A sentence that dates words already quoted: "Mrs McDonald made the comment at the launch on Monday".
REFERS_BACK = re.compile(r"\b(?:made|gave|delivered|issued)\s+(?:the|these|those|her|his|their|its)\s+"
                         r"(?:comments?|remarks?|statement|speech|pledge|claim)\b")
UNKNOWN = object()  # a sentence subject that names someone the rules cannot identify
# A lone surname the article never introduced stands for the speaker "?Surname" while the article is read:
# pronouns and continuations follow it, and the archive-wide resolve step decides who it is.
PENDING = "?"


def is_headline_line(text):
    """A short line with no closing full stop, as headlines and standfirsts are."""
    return len(text) <= HEADLINE_MAX_CHARS and "\n" not in text and not text.rstrip().endswith(SENTENCE_ENDINGS)


def without_fillers(text):
    """The text without the adverbs and auxiliaries that end it: "… but has since " -> "… but"."""
    while text.rstrip().endswith(FILLER_ENDINGS):
        filler = FILLER_AT_END.search(text)
        if filler is None or filler.start() == len(text):
            break
        text = text[:filler.start()]
    return text


def in_relative_clause(masked, start, position):
    """True when `position` lies in a ", who …," clause that has not closed yet."""
    opened = None
    for opened in RELATIVE_CLAUSE.finditer(masked, start, position):
        pass
    return opened is not None and "," not in masked[opened.end():position]


def is_denied_fragment(cue, quoted):
    """True for a short quote a denial verb governs: the accuser's word, not the denier's."""
    return cue.group().lower() in DENIALS and len(quoted.split()) <= DENIED_FRAGMENT_WORDS
