"""Find the quoted spans and the sentences of one paragraph; pure functions.

A span's `start` and `end` are the offsets of the words between the marks,
relative to the paragraph, so `paragraph[start:end]` is the quote's text.
"""

import bisect
import re

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
# Every character that can open or close a quote; the scan visits only these.
QUOTE_MARK = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'") + "]")
# Characters after which a mark opens a quote rather than closing one.
BEFORE_OPENING = " \t([{—–-/:;“‘\"'"
# A word's letters; a mark between two of them is an apostrophe (won’t, Ukraine’s).
WORD_CHAR = re.compile(r"[^\W_]")

# "allies’ plan": a mark after a plural s, then a lower-case word; and a closing single mark further on.
PLURAL_POSSESSIVE = re.compile(r" [a-z]")
LATER_SINGLE_CLOSE = re.compile(r"(?<=[^\s])[’'](?![^\W_])")
NEXT_SINGLE_OPENS = re.compile(r"[^‘’'\n]*?(?<![^\s(\[—–])[‘']")

# A sentence ends at . ! ? or …, perhaps followed by closing marks, then space,
# then what can start a sentence.
SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9À-Ý])")
# Words whose full stop does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "adm", "sgt", "st",
    "jr", "sr", "no", "vs", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
    "nov", "dec", "pres", "sec", "amb", "dept", "gov't", "u.s", "u.k", "u.n", "e.u",
}


def is_letter(character):
    return bool(character) and bool(WORD_CHAR.match(character))


def find_quote_spans(text, social=False):
    """Every quoted span in `text`: start, end, depth (0 top level, 1 nested), parent, opened, closed.

    An unclosed double quote runs to the end of the paragraph, as a quote that
    goes on into the next paragraph does. In social posts, where a pasted quote
    often keeps only its closing mark, an orphan closing mark ends a quote that
    starts after the last colon before it.
    """
    spans = []
    stack = []  # the quotes open at this point: (style, index of the mark)
    orphans = []
    for found in QUOTE_MARK.finditer(text):
        index, mark = found.start(), found.group()
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if mark in DOUBLE_OPEN or mark in DOUBLE_CLOSE or mark == '"':
            double_open = any(style == "double" for style, _ in stack)
            role = _double_role(mark, before, after, double_open)
            if mark == "“" and double_open and text[max(i for style, i in stack if style == "double")] == "„":
                role = "close"  # German quotes open low („) and close high (“)
            if role == "open" and stack and stack[-1][0] == "double":
                # An opening mark while a double quote is open: that one was never closed.
                _, opened = stack.pop()
                _add_span(spans, text, opened, index, depth=len(stack), closed=False)
            if role == "open":
                stack.append(("double", index))
            elif double_open:
                # Single marks still open inside the double quote were apostrophes.
                while stack[-1][0] != "double":
                    stack.pop()
                _, opened = stack.pop()
                _add_span(spans, text, opened, index, depth=len(stack))
            else:
                orphans.append(index)
        elif mark in SINGLE_OPEN or mark in SINGLE_CLOSE or mark == "'":
            role = _single_role(mark, before, after, stack)
            if role == "close" and before in "sS" and PLURAL_POSSESSIVE.match(text, index + 1) \
                    and LATER_SINGLE_CLOSE.search(text, index + 1) and not NEXT_SINGLE_OPENS.match(text, index + 1):
                # ‘The allies’ plan is dead,’: a plural possessive, closed later on; but not in
                # ‘reckless’ and ‘absurd’, where the next single mark opens another quote.
                role = None
            if role == "open":
                stack.append(("single", index))
            elif role == "close":
                _, opened = stack.pop()
                _add_span(spans, text, opened, index, depth=len(stack))
    unclosed = [opened for style, opened in stack if style == "double"]
    if unclosed:
        _add_span(spans, text, unclosed[0], len(text), depth=0, closed=False)
    if social:
        for index in orphans:
            start = _social_quote_start(text, index, spans)
            if start is not None:
                spans.append({"start": start, "end": index, "depth": 0, "opened": False, "closed": True})
    spans = [span for span in spans if span["end"] > span["start"]]
    spans.sort(key=lambda span: (span["start"], -span["end"]))
    last_top = None
    for n, span in enumerate(spans):
        if span["depth"] and last_top is not None and spans[last_top]["end"] >= span["end"]:
            span["parent"] = last_top
        else:
            span["parent"], span["depth"] = None, 0
            last_top = n
    return spans


def _double_role(mark, before, after, double_open):
    if mark in DOUBLE_OPEN:
        return "open"
    if mark in DOUBLE_CLOSE:
        return "close"
    # A straight mark closes the open quote; with none open it opens one, unless
    # it leans on the word before it and not on the one after (an orphan close).
    faces_left = bool(before) and not before.isspace() and (not after or after.isspace() or not is_letter(after))
    if double_open or faces_left:
        return "close"
    return "open"


def _single_role(mark, before, after, stack):
    opens = (not before or before.isspace() or before in BEFORE_OPENING) and after and not after.isspace()
    if mark in SINGLE_OPEN:
        return "open" if opens else None
    if mark == "'" and opens and is_letter(after) and not (stack and stack[-1][0] == "single"):
        return "open"
    # A closing single mark: not between letters (won’t), not before a letter or
    # digit (’90s), and only when a single quote is open.
    if stack and stack[-1][0] == "single" and before and not before.isspace() and not is_letter(after) \
            and not after.isdigit():
        return "close"
    return None


def _add_span(spans, text, opened, closed_at, depth, closed=True):
    start, end = opened + 1, closed_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    spans.append({"start": start, "end": end, "depth": min(depth, 1), "opened": True, "closed": closed})


def _strip_end(text, end):
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _social_quote_start(text, orphan, spans):
    """Where a quote that kept only its closing mark begins: after the last colon before it."""
    previous_end = max((span["end"] + 1 for span in spans if span["end"] < orphan), default=0)
    colon = text.rfind(": ", previous_end, orphan)
    if colon == -1:
        return None
    start = colon + 2
    return start if text[start:orphan].strip() else None


def split_sentences(text, spans):
    """(start, end) of each sentence of `text`, never breaking inside a top-level quote."""
    inside = [(span["start"], span["end"]) for span in spans if span["depth"] == 0]
    starts = [quote_start for quote_start, _ in inside]
    sentences = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        boundary = match.end()
        # Top-level quotes do not overlap, so only the last one starting before the boundary can hold it.
        last = bisect.bisect_left(starts, boundary) - 1
        if last >= 0 and inside[last][0] < boundary <= inside[last][1]:
            continue
        if _ends_with_abbreviation(text, match.start()) and not NEW_SENTENCE_AFTER_ACRONYM.match(text, boundary):
            continue
        if QUESTION_THEN_CLOSING_QUOTE.search(match.group()) and ATTRIBUTION_AFTER_QUOTE.match(text, boundary):
            continue  # “Why would we pay for that?” Zelensky asked.
        sentences.append((start, _strip_end(text, boundary)))
        start = boundary
    if text[start:].strip():
        sentences.append((start, _strip_end(text, len(text))))
    return sentences


# After “…?” or “…!”, a name and a reporting verb still belong to the quote's sentence.
ATTRIBUTION_AFTER_QUOTE = re.compile(
    r"(?:[A-Z][\w’'.-]*\s+){1,6}(?:said|says|told|asked|added|replied|responded|wrote|insisted|warned|argued|"
    r"declared|shouted|exclaimed|wondered|continued|joked)\b")
# "… from the U.S. “We are ready,” Rubio said.": a quote or a pronoun after an acronym starts a sentence.
NEW_SENTENCE_AFTER_ACRONYM = re.compile(r"[“\"‘]|(?:He|She|They|It|We|I|The|But|And|In|On|At|This|That)\b")


QUESTION_THEN_CLOSING_QUOTE = re.compile(r"[?!][”\"’']+\s*$")
WORD_AT_END = re.compile(r"([\w.’'-]+)$")
DOTTED_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s"
PARTY_AND_STATE = re.compile(r"[a-z]-[a-z]{1,2}")  # "r-ms"


def _ends_with_abbreviation(text, period):
    word = WORD_AT_END.search(text[max(0, period - 40):period])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    if text[period] != ".":
        return False
    return (token in ABBREVIATIONS or len(token) == 1 or bool(DOTTED_INITIALS.fullmatch(token))
            or bool(PARTY_AND_STATE.fullmatch(token)))


# Short words a title leaves in lower case: "Face the Nation".
TITLE_WORD = re.compile(r"[^\W\d_][\w’'-]*")
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from"}
# What comes before a title: a possessive (Fox News’, CBS’s) or a word that introduces one.
BEFORE_TITLE = re.compile(r"(?:[’']s?|\b(?:titled|entitled|show|program|programme|book|film|series|podcast|"
                          r"newsletter|column|Operation|operation)|\b(?:appearing|appeared|speaking|spoke|interviewed|"
                          r"interview|guest|host|hosted|aired|broadcast)\s+(?:on|in))\s*$")


def looks_like_title(text, span):
    """True for a title in quotes (Fox News’ ‘Sunday Morning Futures’), which reports nobody's words.

    A title is two or more capitalised words (small words aside) after a
    possessive or a word such as "on" or "titled".
    """
    words = []
    for match in TITLE_WORD.finditer(text, span["start"], span["end"]):
        word = match.group()
        if not (word[0].isupper() or (words and word.lower() in TITLE_SMALL_WORDS)):
            return False  # most quotes show it at their first or second word
        words.append(word)
    if len(words) < 2:
        return False
    return bool(BEFORE_TITLE.search(text[:max(span["start"] - 1, 0)]))


# The nouns that follow the quoted name of a thing: the ‘Har Ghar Jal’ scheme, the “Clean Slate” initiative.
NAMED_THING_AFTER = re.compile(r"[”\"’']*\s*(?:scheme|programme|program|initiative|campaign|mission|project|"
                               r"policy|act|bill|plan|doctrine|operation|movement|slogan|strategy|summit|accord|"
                               r"pact|fund|award|prize|festival|app|platform)s?\b", re.IGNORECASE)


def names_a_thing(text, span):
    """True for a quoted name in Title Case followed by what it names ("the ‘Har Ghar Jal’ scheme"): the
    name of a thing, which reports nobody's words even inside someone's quote."""
    words = [match.group() for match in TITLE_WORD.finditer(text, span["start"], span["end"])]
    if not words or not all(word[0].isupper() or word.lower() in TITLE_SMALL_WORDS for word in words) \
            or not words[0][0].isupper():
        return False
    return bool(NAMED_THING_AFTER.match(text, span["end"]))


def drop_titles(text, spans):
    """The spans without titles of shows, books and operations, and without the quotes nested in them."""
    titles = [span for span in spans if span["opened"] and looks_like_title(text, span)]
    kept = [span for span in spans if not any(title["start"] <= span["start"] and span["end"] <= title["end"]
                                             for title in titles)]
    for span in kept:
        if span["parent"] is not None and spans[span["parent"]] not in kept:
            span["parent"], span["depth"] = None, 0
    for span in kept:
        if span["parent"] is not None:
            span["parent"] = kept.index(spans[span["parent"]])
    return kept
