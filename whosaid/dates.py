"""Time expressions in news prose, resolved against the publication date; pure.

Each resolved expression is (date, precision, basis): the first day of the
period it names, its precision (day, week, month or year) and the words it
came from. Relative days ("a day earlier", "24 hours later") count from the
last day the article named before them, its anchor.
"""

import datetime
import functools
import re

import dateparser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH = r"(?-i:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|July|Aug(?:ust|\.)|Sept?(?:ember|\.)|Oct(?:ober|\.)|Nov(?:ember|\.)|Dec(?:ember|\.))"
WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "24": 1, "48": 2,
                "72": 3}

# Every expression starts a word, with a digit or one of these letters, so the
# pattern tests that once before trying its alternatives: three times faster.
TIME_EXPRESSION = re.compile(
    rf"""(?x)\b(?=[\dadefijlmnostwy])(?:
    (?P<full_date>{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?\b)
  | (?P<weekday>(?:(?:on|early|late|last|this\s+past)\s+)?{WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b)
  | (?P<relative_day>(?:a|one|two|three|four|five|six|seven|24|48|72)\s+(?:days?|hours)\s+(?:earlier|later|ago|(?:before|after)(?=\s*[,.;)]|\s*$))\b
       |the\s+(?:day|night)\s+before(?=\s*[,.;)]|\s*$|\s+that\b)|the\s+previous\s+day\b|the\s+(?:next|following)\s+day\b
       |(?:yesterday|today|tonight|this\s+morning|last\s+night|earlier\s+in\s+the\s+day|later\s+that\s+day)\b
       |(?:the\s+same|that|later\s+that)\s+(?:day|morning|afternoon|evening|night)\b)
  | (?P<week>(?:earlier|later)\s+(?:this|in\s+the|that)\s+week\b|this\s+week\b|last\s+week\b)
  | (?P<month_year>(?:(?i:in|early|late)\s+|(?i:mid)-)?{MONTH}(?:\s+(?:of\s+)?\d{{4}})?\b(?!\s+\d))
  | (?P<month>(?:last|this|earlier\s+this)\s+month\b)
  | (?P<year>(?:in|during)\s+(?:19|20)\d{{2}}\b|last\s+year\b)
  | (?P<later>later\b(?!\s+(?:adding|noting|saying|writing|telling|stressing|insisting)\b))
    )""",
    re.IGNORECASE,  # "Yesterday," and "A day later," open sentences; month and day names keep their capitals
)
# Words that put a time in the future or make it name an event rather than the saying:
# "will meet on Thursday", "ahead of Monday’s meeting", "next Monday", "the Jan. 5 summit".
NOT_WHEN_SAID = re.compile(
    r"(?:\b(?:will|would|shall|plans?\s+to|planned\s+to|due\s+to|expected\s+to|scheduled(?:\s+to)?|set\s+to|"
    r"ahead\s+of|next|upcoming)\s+(?:\S+\s+){0,3}?|[’']ll\s+(?:\S+\s+){0,3}?|\b(?:the|of|since|until|by)\s+)$",
    re.IGNORECASE)
NEXT_WORD_AFTER = re.compile(r"[’']s\b")
IN_BEFORE = re.compile(r"\bin\s+$")
PUBLICATION_AFTER = re.compile(r"[’']s\s+(?:[A-Z]|edition\b|column\b|op-ed\b|article\b|interview\b|paper\b)")
YEAR_OR_WORD_BEFORE = re.compile(r"\d{4}|^(?:in|early|late|mid)", re.IGNORECASE)
YEAR = re.compile(r"\d{4}")
WORD_BEFORE_MONTH = re.compile(r"^(?:in|early|late|mid-)\s*", re.IGNORECASE)
SAME_OR_THAT_DAY = re.compile(r"\b(?:same|that)\s+(?:day|morning|afternoon|evening|night)")
NUMBER_OF_DAYS = re.compile(r"(\w+)\s+(days?|hours)")


def find_time_expressions(text, outside=lambda start, end: True):
    """Every time expression in `text` outside quotes: start, end, kind and words."""
    found = []
    for match in TIME_EXPRESSION.finditer(text):
        kind = match.lastgroup
        words = match.group()
        if not outside(match.start(), match.end()):
            continue
        if kind == "month_year" and not YEAR_OR_WORD_BEFORE.search(words):
            continue  # a bare month name ("May") is too often a word
        if kind in ("full_date", "weekday", "month_year", "relative_day") and (
                NOT_WHEN_SAID.search(text[max(0, match.start() - 40):match.start()])
                or NEXT_WORD_AFTER.match(text, match.end()) and not (
                    kind == "weekday" and IN_BEFORE.search(text, max(0, match.start() - 4), match.start())
                    and PUBLICATION_AFTER.match(text, match.end()))):
            continue  # but "Writing in Thursday’s Daily Telegraph, Foster said": the day of the writing
        found.append({"start": match.start(), "end": match.end(), "kind": kind, "words": words})
    return found


def resolve_time(expression, published, anchor):
    """(date, precision) for one expression, or None when it cannot be placed before publication."""
    try:
        resolved = _resolve(expression, published, anchor)
    except (ValueError, OverflowError):
        return None  # a date before year 1 or after 9999: an impossible publication date
    if resolved is None or resolved[0] > published:
        return None
    return resolved


def _resolve(expression, published, anchor):
    words = expression["words"]
    lowered = words.lower()
    kind = expression["kind"]
    if kind == "weekday":
        weekday = next(WEEKDAYS.index(day) for day in WEEKDAYS if day in lowered)
        back = (published.weekday() - weekday) % 7
        if lowered.startswith("last") and back == 0:
            back = 7
        return published - datetime.timedelta(days=back), "day"
    if kind == "relative_day":
        return _resolve_relative_day(lowered, published, anchor)
    if kind == "week":
        week_start = published - datetime.timedelta(days=published.weekday())
        if lowered.startswith("last"):
            week_start -= datetime.timedelta(days=7)
        if "that week" in lowered:
            week_start = anchor - datetime.timedelta(days=anchor.weekday())
        return week_start, "week"
    if kind == "month":
        first = published.replace(day=1)
        if lowered.startswith("last"):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        return first, "month"
    if kind == "year":
        if "last" in lowered:
            return datetime.date(published.year - 1, 1, 1), "year"
        return datetime.date(int(YEAR.search(words).group()), 1, 1), "year"
    if kind in ("month_year", "full_date"):
        parsed = _parse_date(WORD_BEFORE_MONTH.sub("", words), published)
        if parsed is None:
            return None
        return (parsed.replace(day=1), "month") if kind == "month_year" else (parsed, "day")
    if kind == "later" and anchor == published:
        # "Later" than something that happened on the publication day is that same day.
        return published, "day"
    return None


def _resolve_relative_day(lowered, published, anchor):
    if lowered in ("today", "tonight", "this morning"):
        return published, "day"
    if lowered in ("yesterday", "last night"):
        return published - datetime.timedelta(days=1), "day"
    if "in the day" in lowered or SAME_OR_THAT_DAY.search(lowered):
        return anchor, "day"
    number = NUMBER_OF_DAYS.match(lowered)
    days = NUMBER_WORDS.get(number.group(1), 1) if number else 1
    if number and number.group(2) == "hours" and number.group(1) not in ("24", "48", "72"):
        days = 0
    if lowered.endswith("ago"):
        return published - datetime.timedelta(days=days), "day"
    backwards = any(word in lowered for word in ("earlier", "before", "previous"))
    return anchor + datetime.timedelta(days=-days if backwards else days), "day"


def _parse_date(words, published):
    """dateparser reads the date itself; the publication date fills in a missing year, in the past."""
    if YEAR.search(words):
        return _read_date(words, None)
    # The words alone give the month and day (read against a leap year, so 29 February is a day), and the
    # year is the last one in which that day is not after publication: one parse for "March 12" in every
    # article, whatever its date, instead of one for each publication day.
    in_leap_year = _read_date(words, LEAP_YEAR_END)
    if in_leap_year is None:
        return None
    for year in (published.year, published.year - 1):
        try:
            day = in_leap_year.replace(year=year)
        except ValueError:
            continue  # 29 February of a year that has none
        if day <= published:
            return day
    return _read_date(words, published)  # 29 February, a year or more back: as dateparser places it


LEAP_YEAR_END = datetime.date(2000, 12, 31)


@functools.lru_cache(maxsize=4096)
def _read_date(words, base):
    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month"]}
    if base:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(base, datetime.time())
    parsed = dateparser.parse(words, languages=["en"], settings=settings)
    return parsed.date() if parsed else None
