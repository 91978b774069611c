"""Split an article into paragraphs and say what kind each one is.

Boilerplate stays in the article text so nothing is lost and offsets stay
simple; the kind tells the extractor and the reader what a paragraph is.
"""

import re
import unicodedata

from rapidfuzz import fuzz

KINDS = ("headline", "prose", "caption", "boilerplate", "social_post")

# A line that ends a sentence ends in . ! ? or …, maybe followed by a closing quote or bracket.
ENDS_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*$")
QUOTE_MARKS = re.compile("[\"“”‘]")
SOCIAL_LINK = re.compile(
    r"https?://(?:t\.co|(?:www\.)?(?:x|twitter|truthsocial)\.com|bsky\.app|(?:www\.)?threads\.net)/|pic\.twitter\.com/",
    re.IGNORECASE,
)
# "— Donald J. Trump (@realDonaldTrump) February 14, 2025", under an embedded post.
EMBED_ATTRIBUTION = re.compile(r"^[—–-]\s*.+\(@\w+\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}$")
# Photo credits, by their form rather than by a word anywhere in the line:
# "AP Photo/Matt York", "Photo by Jane Doe", "… (AP Photo/Evan Vucci)",
# and whole-line NAME/AGENCY credits such as "REUTERS/Evelyn Hockstein" or
# "SAUL LOEB/AFP via Getty Images".
CAPITALISED_WORDS = r"[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}"
CREDIT_WORDS = ("Photo", "PHOTO", "Photograph", "Image", "Illustration", "Video", "Pool")
CREDIT = rf"(?:[A-Z][\w.&'’-]*\s+){{0,3}}(?:{'|'.join(CREDIT_WORDS)})\s*(?:/|:|by\b)"
CREDIT_FORMS = re.compile(
    rf"^\(?{CREDIT}"
    rf"|\({CREDIT}[^()]*\)\s*$"
    rf"|^{CAPITALISED_WORDS}/{CAPITALISED_WORDS}(?:\s+via\s+{CAPITALISED_WORDS})?$"
)
BYLINE = re.compile(r"^By\s+[A-Z]")
# Calls to action that news sites paste between paragraphs ...
PROMO = re.compile(
    r"^(?:click here|read (?:the )?(?:full|more)|sign up|subscribe|download (?:the|our)|advertisement|watch:|related:"
    r"|listen:)",
    re.IGNORECASE,
)
# ... and navigation headings, which never end a sentence.
PROMO_HEADING = re.compile(r"^(?:latest .{0,40}\bnews\b|more from|also read|see also|follow us)", re.IGNORECASE)
LINE = re.compile(r"[^\n]+")
DATE_STAMP = re.compile(r"date \d{4}-\d{2}-\d{2}\s+")  # a stamp some pages put before their first line
WORD = re.compile(r"[^\W\d_][\w’'.-]*")
HEADLINE_MAX_CHARS = 200
CAPTION_MAX_CHARS = 300
PROMO_MAX_CHARS = 150


def split_paragraphs(text, headline=None):
    """Return the non-blank lines of `text` as paragraphs: n, kind, start, end, text."""
    paragraphs = []
    for match in LINE.finditer(text):
        stripped = match.group().strip()
        if not stripped:
            continue
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        stamp = DATE_STAMP.match(stripped)
        if stamp and stamp.end() < len(stripped):
            # " date 2024-02-25 Israeli Prime Minister …": a page's date stamp run into its first line is a
            # paragraph of its own, so the line after it reads as it was written.
            paragraphs.append({"n": len(paragraphs) + 1, "start": start, "end": start + len(stamp.group().rstrip()),
                               "text": stamp.group().rstrip()})
            start, stripped = start + stamp.end(), stripped[stamp.end():]
        paragraphs.append({"n": len(paragraphs) + 1, "start": start, "end": start + len(stripped), "text": stripped})
    if is_hard_wrapped(paragraphs):
        paragraphs = join_wrapped_lines(text, paragraphs)
    first = next((paragraph["n"] for paragraph in paragraphs if not DATE_STAMP.fullmatch(paragraph["text"] + " ")), 1)
    for paragraph in paragraphs:
        paragraph["kind"] = "boilerplate" if DATE_STAMP.fullmatch(paragraph["text"] + " ") else classify_paragraph(
            paragraph["text"], is_first=paragraph["n"] == first, is_last=paragraph["n"] == len(paragraphs),
            headline=headline)
    return paragraphs


def is_hard_wrapped(lines):
    """Whether the text's lines are broken at a fixed width (wire copy by e-mail), not at its paragraphs.

    Nine lines in ten are short, many end in the middle of a sentence, and most of those go on in
    lowercase on the next line (page furniture, also short and unfinished, is followed by capitals).
    """
    if len(lines) < WRAPPED_MIN_LINES:
        return False
    lengths = sorted(len(line["text"]) for line in lines)
    open_ended = [n for n, line in enumerate(lines[:-1]) if not ENDS_SENTENCE.search(line["text"])]
    going_on = sum(1 for n in open_ended if lines[n + 1]["text"][:1].islower())
    return (lengths[int(len(lengths) * 0.9)] <= WRAPPED_MAX_CHARS
            and len(open_ended) >= WRAPPED_OPEN_SHARE * len(lines) and going_on >= 0.5 * len(open_ended))


def join_wrapped_lines(text, lines):
    """Each line that does not end a sentence joined to the next one: the paragraphs the wrapping broke.

    The joined text keeps its line breaks, so every offset still points into the article as it is.
    """
    joined = []
    for line in lines:
        previous = joined[-1] if joined else None
        if previous and not ENDS_SENTENCE.search(previous["text"]) and not BYLINE.match(previous["text"]) \
                and text.count("\n", previous["end"], line["start"]) == 1:
            previous["end"] = line["end"]
            previous["text"] = text[previous["start"]:line["end"]]
        else:
            joined.append({**line, "n": len(joined) + 1})
    return joined


WRAPPED_MIN_LINES = 8
WRAPPED_MAX_CHARS = 80
WRAPPED_OPEN_SHARE = 0.4


def classify_paragraph(text, is_first=False, is_last=False, headline=None):
    """One of KINDS for a paragraph's text."""
    if is_first and not is_last and not BYLINE.match(text) and looks_like_headline(text, headline):
        return "headline"
    # Every link and credit form has a "/" or a credit word: a substring test rules most lines out faster.
    if ("/" in text and SOCIAL_LINK.search(text)) or starts_with_emoji(text) or EMBED_ATTRIBUTION.match(text):
        return "social_post"
    if len(text) <= CAPTION_MAX_CHARS and ("/" in text or any(word in text for word in CREDIT_WORDS)) \
            and CREDIT_FORMS.search(text):
        return "caption"
    if is_banner(text) or is_promotion(text):
        return "boilerplate"
    return "prose"


def looks_like_headline(text, headline=None):
    """The manifest's headline, or a short title-cased line that ends no sentence."""
    if headline and fuzz.ratio(text.casefold(), headline.casefold()) >= 90:
        return True
    if len(text) > HEADLINE_MAX_CHARS or ENDS_SENTENCE.search(text):
        return False
    long_words = [word for word in WORD.findall(text) if len(word) >= 4]
    capitalised = [word for word in long_words if word[0].isupper()]
    return len(long_words) >= 3 and len(capitalised) >= 0.6 * len(long_words)


def is_banner(text):
    """An all-caps line that is neither a sentence nor a quote: a section banner or promotion.

    ALL-CAPS sentences and quotes (a post quoted in full) are reporting, and stay prose.
    """
    if ENDS_SENTENCE.search(text) or QUOTE_MARKS.search(text) or len(text) > HEADLINE_MAX_CHARS * 2:
        return False
    letters = [character for character in text if character.isalpha()]
    return len(letters) >= 10 and sum(character.isupper() for character in letters) >= 0.9 * len(letters)


def is_promotion(text):
    """A short call to action, or a byline or navigation heading that ends no sentence."""
    if len(text) > PROMO_MAX_CHARS:
        return False
    if PROMO.match(text):
        return True
    return bool(BYLINE.match(text) or PROMO_HEADING.match(text)) and not ENDS_SENTENCE.search(text)


def starts_with_emoji(text):
    return bool(text) and unicodedata.category(text[0]) == "So"
