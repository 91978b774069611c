"""Repair article text: the raw file is kept, every offset refers to the repaired text.

`repair_text` is pure: it returns the repaired text and a list of repairs, each
with its position in the repaired text, what was there and what replaced it.
"""

import difflib
import functools
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
# ftfy fixes each line on its own, and leaves alone a line of plain ASCII (no
# control character or "\r") and prose punctuation: each of its mojibake
# patterns needs some other character (test_repair checks this against ftfy's
# patterns), these characters are NFC already, and it rewrites none of them as a
# control character or line break. So only lines with another character go to ftfy.
MAY_NEED_FTFY = re.compile(r"[^\t\n\x20-\x7e‘’“”–—…]")
LINE_AS_FTFY_CUTS_IT = re.compile(r"[^\n]*\n|[^\n]+")  # its own "\n" included, as ftfy.fix_text has it

# The lossy damage: each UTF-8 sequence E2 80 xx (curly quotes, dashes) was
# decoded as Latin-1 and its last two bytes dropped, leaving a bare "â".
LOST_MARKER = "â"
# Decoded with another single-byte code page, the byte E2 leaves another letter: Thai "โ" (cp874),
# Cyrillic "в" (cp1251), "т" (ISO 8859-5) or "Б" (KOI8-R), Greek "β" (cp1253), Hebrew "ג" (cp1255),
# "ā" (cp1257), "Γ" (cp437), "Ô" (cp850). The build's warning for damage left over counts only "â".
OTHER_CODE_PAGES = ("cp874", "cp1251", "cp1253", "cp1255", "cp1257", "iso8859_5", "koi8_r", "cp437", "cp850")
OTHER_MARKERS = tuple(dict.fromkeys(bytes([0xE2]).decode(code_page) for code_page in OTHER_CODE_PAGES))
# Such a letter is the damage's mark only in an English text, where it stands as an apostrophe does.
MOSTLY_ASCII_LETTERS = 0.97
# If any of these survived, the text was not damaged that way, and an "â" in
# it is a real letter (château).
TYPOGRAPHIC_PUNCTUATION = re.compile("[\u2010-\u2027]")
# s/t/m/re/ve/ll/d ending a word: the "â" before it was an apostrophe (Ukraine’s,
# won’t). Another lost mark may follow (Russia’s—and), so "â" does not count
# as a letter here.
APOSTROPHE_SUFFIX = r"(?:s|t|m|re|ve|ll|d)(?![^\W{marker}])"
DECADE = r"\d\ds(?![^\W{marker}])"  # the ’90s
ELIDED_PREFIXES = "ODL"  # O’Rourke, D’Amato, L’Oréal
OPENS_BEFORE_QUOTE = "([{“‘—–"
CLOSES_AFTER = ".,;:!?)]}…-"
CLOSING_FOR = {"“": "”", "‘": "’"}
UNREPAIRED_DAMAGE = re.compile(r"â(?![^\W\d_])")
# Readings of one paragraph tried before settling for the preferred one.
MAX_READINGS = 256


def repair_text(raw):
    """Return (text, repairs) for a raw article text."""
    fixed = fix_encoding(raw)
    repairs = diff_repairs(raw, fixed, rule="ftfy: encoding or normalisation")
    # The restoration replaces one character with one, so offsets computed on
    # `fixed` stay true in the final text.
    text, restorations = restore_lost_punctuation(fixed)
    return text, sorted(repairs + restorations, key=lambda repair: repair["start"])


def fix_encoding(raw):
    """ftfy.fix_text(raw, ENCODING_ONLY), run only on the lines it could change."""
    if not MAY_NEED_FTFY.search(raw):
        return raw
    return "".join(ftfy.fix_text(line, ENCODING_ONLY) if MAY_NEED_FTFY.search(line) else line
                   for line in LINE_AS_FTFY_CUTS_IT.findall(raw))


def count_unrepaired_damage(text):
    """Bare "â" that end a word: the damage's mark, which a real letter â (château) never is."""
    return len(UNREPAIRED_DAMAGE.findall(text))


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


def damage_marker(text):
    """The character the lossy damage left in `text` ("â", or another code page's), or None."""
    if TYPOGRAPHIC_PUNCTUATION.search(text):
        return None
    if LOST_MARKER in text:
        return LOST_MARKER
    for marker in OTHER_MARKERS:
        if marker in text and _stands_for_punctuation(text, marker):
            return marker
    return None


def _stands_for_punctuation(text, marker):
    """True when nearly every letter is ASCII but `marker`, and it stands where an apostrophe would."""
    letters = sum(1 for character in text if character.isalpha() and character != marker)
    ascii_letters = sum(1 for character in text if character.isascii() and character.isalpha())
    if not letters or ascii_letters < MOSTLY_ASCII_LETTERS * letters:
        return False
    return re.search(rf"[A-Za-z]{re.escape(marker)}(?:s|t|re|ve|ll|d)\b", text) is not None


@functools.lru_cache(maxsize=32)
def _marker_patterns(marker):
    escaped = re.escape(marker)
    return re.compile(APOSTROPHE_SUFFIX.format(marker=escaped)), re.compile(DECADE.format(marker=escaped))


def restore_lost_punctuation(text):
    """Restore each bare "â" left by the lossy damage from its context (or another code page's letter).

    Each "â" gets the readings its neighbours allow, in order of preference:
    - after a letter or digit, before s/t/m/re/ve/ll/d ending a word: apostrophe
      (Ukraine’s, won’t, 2014’s); likewise O’Rourke, D’Amato and the ’90s;
    - between two digits: en dash (3–2);
    - after a space, line start or opening bracket/dash, before a non-space:
      opening quote, single inside an open double quote; before a digit it may
      also have been a euro sign;
    - after a non-space, before a space, punctuation or line end: closing quote
      for the innermost open quote, or, after a plural "s", an apostrophe
      (allies’ view); with no quote open, an apostrophe after a plural "s"
      unless a link or the line end follows, otherwise a closing double quote;
    - "ââ" between words: a closing quote then a dash, or a dash then an
      opening quote (‘fog of war’—or … peace—‘real peace’);
    - otherwise (between two words, or spaced): em dash.
    Of the combinations of readings in a paragraph, the first under which its
    quotes pair up wins; if none does (a quote running on into the next
    paragraph, a social post's unopened quote), the preferred readings stand.
    """
    marker = damage_marker(text)
    if marker is None:
        return text, []
    restored = list(text)
    repairs = []
    for paragraph in re.finditer(r"[^\n]+", text):
        markers = [paragraph.start() + offset for offset, character in enumerate(paragraph.group())
                   if character == marker]
        if not markers:
            continue
        for index, replacement, rule in _choose_reading(text, markers, marker):
            restored[index] = replacement
            repairs.append({"start": index, "end": index + 1, "original": marker, "repaired": replacement,
                            "rule": f"lost punctuation: {rule}"})
    return "".join(restored), repairs


def _choose_reading(text, markers, marker=LOST_MARKER):
    """The first reading of a paragraph's marks whose quotes pair up, else the preferred one.

    A depth-first search over each mark's candidates, preferred first, kept in
    an explicit stack so a paragraph with thousands of marks needs no recursion.
    """
    chosen = []  # (index, replacement, rule) for markers[:len(chosen)]
    frames = []  # per chosen mark: [candidates, choice, open quotes before it, unopened before it]
    open_quotes, unopened = (), False
    preferred, readings = None, 0
    while True:
        depth = len(chosen)
        if depth < len(markers):
            index = markers[depth]
            before = chosen[-1][1] if depth and markers[depth - 1] == index - 1 else (text[index - 1] if index else "\n")
            candidates = _candidates(text, index, before, open_quotes, marker)
            frames.append([candidates, 0, open_quotes, unopened])
            replacement, rule, open_quotes, closes_unopened = candidates[0]
            unopened = unopened or closes_unopened
            chosen.append((index, replacement, rule))
            continue
        if not open_quotes and not unopened:
            return chosen
        preferred = preferred or list(chosen)
        readings += 1
        if readings >= MAX_READINGS:
            return preferred
        # Backtrack to the deepest mark with an untried candidate.
        while frames and frames[-1][1] + 1 >= len(frames[-1][0]):
            frames.pop()
            chosen.pop()
        if not frames:
            return preferred
        frame = frames[-1]
        frame[1] += 1
        replacement, rule, open_quotes, closes_unopened = frame[0][frame[1]]
        unopened = frame[3] or closes_unopened
        chosen[-1] = (chosen[-1][0], replacement, rule)


def _candidates(text, index, before, open_quotes, marker=LOST_MARKER):
    """The readings of the mark at `index`: (replacement, rule, open quotes after, closed one never opened)."""
    following = text[index + 1] if index + 1 < len(text) else "\n"
    word_start = index < 2 or not text[index - 2].isalpha()

    def closing():
        if open_quotes:
            return (CLOSING_FOR[open_quotes[-1]], "closing quote", open_quotes[:-1], False)
        return ("”", "closing quote", open_quotes, True)

    apostrophe = ("’", "apostrophe", open_quotes, False)
    dash = ("—", "em dash", open_quotes, False)
    if (before.isalnum() or (before == "." and index >= 2 and text[index - 2].isupper())) \
            and _marker_patterns(marker)[0].match(text, index + 1):
        return [apostrophe]
    if before in ELIDED_PREFIXES and word_start and following.isupper():
        return [apostrophe]
    if (before.isspace() or before in OPENS_BEFORE_QUOTE) and _marker_patterns(marker)[1].match(text, index + 1):
        return [apostrophe]
    if before.isdigit() and following.isdigit():
        return [("–", "en dash", open_quotes, False)]
    if following == marker:
        if not (open_quotes and _next_character_not_in(text, index, marker).isalnum()):
            return [dash]
        # A nested single quote usually closes into a dash (‘fog of war’—or); a
        # dash inside a double quote usually opens a nested one (peace—‘real peace’).
        return [closing(), dash] if open_quotes[-1] == "‘" else [dash, closing()]
    if (before.isspace() or before in OPENS_BEFORE_QUOTE) and not following.isspace():
        mark = "‘" if open_quotes and open_quotes[-1] == "“" else "“"
        opening = (mark, "opening quote", open_quotes + (mark,), False)
        return [opening, ("€", "euro sign", open_quotes, False)] if following.isdigit() else [opening]
    if not before.isspace() and (following.isspace() or following in CLOSES_AFTER):
        if before != "s":
            return [closing()]
        if open_quotes:
            return [closing(), apostrophe]
        return [closing()] if _ends_a_quote_here(text, index) else [apostrophe, closing()]
    return [dash]


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
