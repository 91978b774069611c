"""Repair article text: the raw file is kept, every offset refers to the repaired text.

`repair_text` is pure: it returns the repaired text and a list of repairs, each
with its position in the repaired text, what was there and what replaced it.
"""

import difflib
import re

import ftfy

# ftfy's defaults also straighten curly quotes, expand ligatures and unescape
# HTML. Those would change the words we cite, so only encoding repairs (and NFC)
# are switched on.
ENCODING_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization="NFC",
)

# The lossy damage: each UTF-8 sequence E2 80 xx (curly quotes, dashes) was
# decoded as Latin-1 and its last two bytes dropped, leaving a bare "â".
LOST_MARKER = "â"
# If any of these survived, the text was not damaged that way, and an "â" in
# it is a real letter (château).
TYPOGRAPHIC_PUNCTUATION = re.compile("[\u2010-\u2027]")
APOSTROPHE_SUFFIX = re.compile(r"(?:s|t|m|re|ve|ll|d)\b")
OPENS_BEFORE_QUOTE = "([{“‘—–"
CLOSES_AFTER = ".,;:!?)]}…-"
CLOSING_FOR = {"“": "”", "‘": "’"}


def repair_text(raw):
    """Return (text, repairs) for a raw article text."""
    fixed = ftfy.fix_text(raw, ENCODING_ONLY)
    repairs = diff_repairs(raw, fixed, rule="ftfy: encoding or normalisation")
    # The restoration replaces one character with one, so offsets computed on
    # `fixed` stay true in the final text.
    text, restorations = restore_lost_punctuation(fixed)
    return text, sorted(repairs + restorations, key=lambda repair: repair["start"])


def diff_repairs(before, after, rule):
    """Describe how `after` differs from `before`, as spans of `after`."""
    if before == after:
        return []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        {"start": j1, "end": j2, "original": before[i1:i2], "repaired": after[j1:j2], "rule": rule}
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def restore_lost_punctuation(text):
    """Restore each bare "â" left by the lossy damage from its context.

    Rules, in order, for each "â" (quotes nest per paragraph):
    - after a letter and before s/t/m/re/ve/ll/d ending a word: apostrophe (Ukraine’s, won’t);
    - after a space, line start or opening bracket/dash, before a non-space:
      opening quote, single when a double quote is already open;
    - after a non-space, before a space, punctuation or line end: closing quote
      matching the innermost open quote; with none open, an apostrophe after a
      plural "s" (allies’ view) unless a link or the line end follows,
      otherwise a closing double quote;
    - otherwise (between two words, or spaced): em dash.
    A run such as "ââ" between words is a closing quote then a dash when a
    quote is open ("fog of war’—or"), a dash then an opening quote otherwise.
    """
    if LOST_MARKER not in text or TYPOGRAPHIC_PUNCTUATION.search(text):
        return text, []
    restored = list(text)
    repairs = []
    open_quotes = []
    for index, character in enumerate(text):
        if character == "\n":
            open_quotes.clear()
            continue
        if character != LOST_MARKER:
            continue
        before = restored[index - 1] if index else "\n"
        following = text[index + 1] if index + 1 < len(text) else "\n"
        after_run = _next_character_not_in(text, index, LOST_MARKER)
        if before.isalpha() and APOSTROPHE_SUFFIX.match(text, index + 1):
            replacement, rule = "’", "apostrophe"
        elif following == LOST_MARKER:
            if open_quotes and after_run.isalnum():
                replacement, rule = CLOSING_FOR[open_quotes.pop()], "closing quote"
            else:
                replacement, rule = "—", "em dash"
        elif (before.isspace() or before in OPENS_BEFORE_QUOTE) and not following.isspace():
            replacement = "‘" if open_quotes and open_quotes[-1] == "“" else "“"
            open_quotes.append(replacement)
            rule = "opening quote"
        elif not before.isspace() and (following.isspace() or following in CLOSES_AFTER):
            if open_quotes:
                replacement, rule = CLOSING_FOR[open_quotes.pop()], "closing quote"
            elif before == "s" and not _ends_a_quote_here(text, index):
                replacement, rule = "’", "apostrophe"
            else:
                replacement, rule = "”", "closing quote"
        else:
            replacement, rule = "—", "em dash"
        restored[index] = replacement
        repairs.append({"start": index, "end": index + 1, "original": LOST_MARKER, "repaired": replacement,
                        "rule": f"lost punctuation: {rule}"})
    return "".join(restored), repairs


def _ends_a_quote_here(text, index):
    """A mark before a link or the end of a line closes a quote; "allies’ view" does not."""
    position = index + 1
    while position < len(text) and text[position] == " ":
        position += 1
    return position == len(text) or text[position] == "\n" or text.startswith(("http://", "https://"), position)


def _next_character_not_in(text, index, characters):
    """The first character after `index` not in `characters`, or a line end; no slicing, so long texts stay linear."""
    position = index + 1
    while position < len(text) and text[position] in characters:
        position += 1
    return text[position] if position < len(text) else "\n"
