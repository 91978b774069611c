"""When a quote was said: the dating rules.

`DateRules` is the part of `ArticleReader` (reader.py) that dates quotes. Its
state lives on the reader: `anchor` (the last day the article named, and in
which paragraph), `discourse` (the last subject and their time) and
`speaker_days` (each person's last dated day) and `days_named` (every day the
article has given a saying or a sentence's main verb so far).
"""

from ..dates import resolve_time
from .patterns import CLAUSE_BOUNDARY, TIMESTAMP_REST, in_relative_clause


def is_timestamp(text, times):
    """True for a paragraph that is only a day and a time ("17 November 08 09:33 GMT"): the page's stamp of
    when it was published or updated, which dates no saying."""
    if not times:
        return False
    rest, at = [], 0
    for start, end, _ in sorted(times):
        rest.append(text[at:start])
        at = max(at, end)
    rest.append(text[at:])
    return all(TIMESTAMP_REST.fullmatch(part) for part in rest)


class DateRules:
    """The rules that date a quote from the time words around its reporting verb."""

    def resolve_times(self, sentence_times, paragraph_n):
        """[(position, (date, precision, words))] for the sentence's time expressions; moves the anchor."""
        resolved = []
        for expression in sentence_times:
            anchor_date, anchor_paragraph = self.anchor
            if expression["kind"] == "later" and anchor_paragraph != paragraph_n:
                continue
            result = resolve_time(expression, self.published, anchor_date) if self.published else None
            if result is None:
                continue
            date, precision = result
            if precision == "day":
                self.anchor = (date, paragraph_n)
            resolved.append((expression["start"], expression["end"], (date, precision, expression["words"])))
        return resolved

    @staticmethod
    def attached_time(block, times, cue_at, span):
        """The time expression of the reporting verb's own clause, nearest the verb; None when there is none.

        "Hegseth said a review that held up shipments last week was …": "last week"
        dates the shipments, not the saying, because a clause boundary stands between.
        """
        at = cue_at if cue_at is not None else span["start"]
        sentence_start = block.sentence[0]
        attached = [(abs(start - at), when) for start, end, when in times
                    if not CLAUSE_BOUNDARY.search(block.masked[min(end, at):max(start, at)])
                    and in_relative_clause(block.masked, sentence_start, start)
                    == in_relative_clause(block.masked, sentence_start, at)]
        return min(attached, key=lambda item: item[0])[1] if attached else None

    def time_of_statement(self, block, times, start):
        """The time of a sentence with no quote: its main reporting verb's, else one that opens the sentence.

        "Trump, who spoke with Zelensky on Wednesday, said …": Wednesday dates the call, not the saying.
        """
        main_verb = next((cue for cue in block.here.cues if cue.group("verb")
                          and not in_relative_clause(block.masked, start, cue.start())), None)
        if main_verb is not None:
            return self.attached_time(block, times, main_verb.start(), None)
        # With no verb of speech, only a day sets the scene ("On Tuesday, Ryan met reporters."); a year or a
        # month is background ("He was elected speaker in 2015") and must not date the quotes that follow.
        opening = [when for at, _, when in times if not CLAUSE_BOUNDARY.search(block.masked[start:at])
                   and not in_relative_clause(block.masked, start, at) and when[1] == "day"]
        return opening[0] if opening else None

    def says_later(self, sentence_times):
        return any(expression["kind"] == "later" for expression in sentence_times)

    def remember_day(self, speaker, when, sentence_times):
        if speaker is None:
            return
        if when and when[1] == "day":
            self.speaker_days[speaker] = when
        elif sentence_times:
            self.speaker_days.pop(speaker, None)  # another occasion, or a later one: the day no longer carries

    def inherited_date(self, speaker, sentence_times):
        """A quote with no time of its own keeps the time of the same speaker's running account."""
        if self.says_later(sentence_times):
            return None
        if speaker is None:
            return None if sentence_times else self.news_day()
        if self.discourse and self.discourse[0] == speaker and self.discourse[1]:
            return self.discourse[1]
        if not sentence_times:
            # A lede's day ("Russia said on Wednesday …") carries to that speaker's later quotes, until a
            # sentence of theirs names another time.
            return self.speaker_days.get(speaker) or self.occasion_day()
        return None

    def note_occasion(self, when, block=None, times=()):
        """Remember a day the article gave to a saying or to a sentence's main verb (not a page's stamp)."""
        if when and when[1] == "day" and not (block is not None and is_timestamp(block.text, times)):
            self.days_named.setdefault(when[0], when)

    def occasion_day(self):
        """The one day the article has dated anything by so far, when there is only one: its occasion.

        A report of one press conference or one statement ("said on Tuesday")
        dates its undated quotes that day. Once a second day is named, the
        occasions are several, and an undated quote cannot be placed.
        """
        return next(iter(self.days_named.values())) if len(self.days_named) == 1 else None

    def news_day(self):
        """The first day the article dated anything by: the day of its news, for quotes nobody is named for.

        Wire copy opens with the day of its news ("The army said on Monday …")
        and gives other days explicitly ("Britain said on Saturday …"); a quote
        of an unnamed source or a body that follows, with no time of its own, is
        that day's. A named speaker keeps `occasion_day`, which needs one day only.
        """
        return next(iter(self.days_named.values()), None)
