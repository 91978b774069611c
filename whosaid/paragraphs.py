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
SOCIAL_LINK = re.compile(
    r"https?://(?:t\.co|(?:www\.)?(?:x|twitter|truthsocial)\.com|bsky\.app|(?:www\.)?threads\.net)/|pic\.twitter\.com/",
    re.IGNORECASE,
)
PHOTO_CREDIT = re.compile(
    r"\b(?:photo|photograph|image|pool|video)\s*(?:/|:|by\b|credit\b)|\bgetty images\b|\bshutterstock\b",
    re.IGNORECASE,
)
# Calls to action and navigation that news sites paste between paragraphs.
PROMO = re.compile(
    r"^(?:click here|read (?:the )?(?:full|more)|latest .{0,40}\bnews\b|sign up|subscribe|follow us|download (?:the|our)"
    r"|watch:|related:|more from|also read|see also|advertisement)",
    re.IGNORECASE,
)
HEADLINE_MAX_CHARS = 200
CAPTION_MAX_CHARS = 300
PROMO_MAX_CHARS = 150


def split_paragraphs(text, headline=None):
    """Return the non-blank lines of `text` as paragraphs: n, kind, start, end, text."""
    paragraphs = []
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group().strip()
        if not stripped:
            continue
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        paragraphs.append({"n": len(paragraphs) + 1, "start": start, "end": start + len(stripped), "text": stripped})
    for paragraph in paragraphs:
        paragraph["kind"] = classify_paragraph(paragraph["text"], is_first=paragraph["n"] == 1,
                                               is_last=paragraph["n"] == len(paragraphs), headline=headline)
    return paragraphs


def classify_paragraph(text, is_first=False, is_last=False, headline=None):
    """One of KINDS for a paragraph's text."""
    if is_first and not is_last and looks_like_headline(text, headline):
        return "headline"
    if SOCIAL_LINK.search(text) or starts_with_emoji(text):
        return "social_post"
    if len(text) <= CAPTION_MAX_CHARS and PHOTO_CREDIT.search(text):
        return "caption"
    if is_shouting(text) or (len(text) <= PROMO_MAX_CHARS and PROMO.match(text)):
        return "boilerplate"
    return "prose"


def looks_like_headline(text, headline=None):
    """The manifest's headline, or a short title-cased line that ends no sentence."""
    if headline and fuzz.ratio(text.casefold(), headline.casefold()) >= 90:
        return True
    if len(text) > HEADLINE_MAX_CHARS or ENDS_SENTENCE.search(text):
        return False
    long_words = [word for word in re.findall(r"[^\W\d_][\w’'.-]*", text) if len(word) >= 4]
    capitalised = [word for word in long_words if word[0].isupper()]
    return len(long_words) >= 3 and len(capitalised) >= 0.6 * len(long_words)


def is_shouting(text):
    """All-caps lines are section banners and promotions, not reporting."""
    letters = [character for character in text if character.isalpha()]
    return len(letters) >= 10 and sum(character.isupper() for character in letters) >= 0.9 * len(letters)


def starts_with_emoji(text):
    return bool(text) and unicodedata.category(text[0]) == "So"
