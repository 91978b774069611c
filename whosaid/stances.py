"""Check the curated stances against the articles and place them in the text; pure.

A stance's evidence must be the article's own words: the build finds them in
the repaired text (exactly once, or at the stated occurrence), links the quote
they overlap, and dates the stance as the quotes issue dates its words: the
entry's own said_on, else the overlapping quote's, else the sentence's.
"""

from rapidfuzz import fuzz

from .problems import Problem, did_you_mean

NEAREST_CONTEXT = 20  # characters shown on each side of the nearest passage


def unplaceable_stances(stances, lines, path, known_articles, people, issues, positions, people_ids=(),
                        unread=(), codebook_ids=()):
    """(ids of the entries that cannot be placed, problems): those naming what does not exist.

    Every reference is checked before any article is read, so one run reports
    them all. `stances` is an iterable of (stance id, entry); `known_articles`
    holds the manifest's ids and the article files'. An entry naming a person
    the registry holds as invalid has that person's error already, and is
    not placed either. References to a file in `unread` ("people.yml", …), which could not be read at all,
    are not checked: its own error says what to fix.
    """
    known_people = set(people) | set(people_ids)
    # An issue or position that is there but invalid has its own error; its stances are not placed.
    known_issues, known_positions = set(issues) | set(codebook_ids), set(positions) | set(codebook_ids)
    unplaceable, problems = [], []
    for stance_id, entry in stances:
        found = check_references(stance_id, entry, lines, path, known_articles, known_people, known_issues,
                                 known_positions, unread)
        problems += found
        if found or entry["person"] not in people or entry["issue"] not in issues \
                or entry["position"] not in positions:
            unplaceable.append(stance_id)
    return unplaceable, problems


def resolve_article_stances(entries, lines, path, article, positions, undated_ok=False):
    """(stance rows, problems) for the checked entries citing one prepared article.

    With `undated_ok`, the article's manifest entry is invalid and has its own error, so its
    publication date is unknown: a stance it alone would date is not reported as undatable.
    """
    rows, problems = [], []
    for stance_id, entry in entries:
        place = locate_evidence(stance_id, entry, lines, path, article)
        if isinstance(place, Problem):
            problems.append(place)
            continue
        start, end = place
        # The quote the evidence overlaps, when it is the person's own words (not an outlet reporting them).
        quote = next((quote for quote in article["quotes"] if quote["source"] == "text"
                      and quote["start"] < end and start < quote["end"] and quote["speaker_id"] == entry["person"]),
                     None)
        said_on, precision = date_stance(entry, quote, article, start)
        if said_on is None:
            if undated_ok:
                continue
            problems.append(Problem(path, f"cannot be dated: {article['id']} has no publication date and the text "
                                          "does not date these words", line=lines.get((stance_id, "evidence")),
                                    record=stance_id, fix=f"add 'said_on:' to the entry, or a manifest entry with "
                                                          f"'published:' for {article['id']}"))
            continue
        if article["published"] and said_on > article["published"]:
            problems.append(Problem(path, f"said_on {said_on} is after the article's publication "
                                          f"({article['published']})", line=lines.get((stance_id, "said_on")),
                                    record=stance_id, fix="give the day the position was stated, on or before "
                                                          "the article was published"))
            continue
        rows.append({
            "id": stance_id, "person_id": entry["person"], "issue_id": entry["issue"], "position": entry["position"],
            "score": positions[entry["position"]]["score"], "article_id": article["id"],
            "quote_id": quote["id"] if quote else None, "evidence": entry["evidence"], "start": start, "end": end,
            "said_on": said_on, "said_on_precision": precision, "note": entry["note"],
        })
    return rows, problems


def check_references(stance_id, entry, lines, path, articles, people, issues, positions, unread=()):
    """A problem for each person, issue, position or article the entry names that does not exist."""
    problems = []
    for field, known, where in (("person", people, "people.yml"), ("issue", issues, "issues.yml (issues)"),
                                ("position", positions, "issues.yml (positions)"),
                                ("article", articles, "articles.yml")):
        if where.split()[0] in unread:
            continue
        if entry[field] not in known:
            suggestion = did_you_mean(entry[field], known)
            problems.append(Problem(
                path, f"{field} '{entry[field]}' is not in {where}", line=lines.get((stance_id, field)),
                record=stance_id,
                fix=f"did you mean '{suggestion}'?" if suggestion else f"add it to {where} first, or fix the {field}"))
    return problems


def locate_evidence(stance_id, entry, lines, path, article):
    """(start, end) of the evidence in the article's text, or a Problem saying what is wrong and what is near."""
    text, evidence = article["text"], entry["evidence"]
    starts = []
    at = text.find(evidence)
    while at != -1:
        starts.append(at)
        at = text.find(evidence, at + 1)
    if not starts and evidence.strip() != evidence and evidence.strip() in text:
        return Problem(path, f"the evidence does not occur in {article['id']}'s text as written: it starts or ends "
                             "with spaces or a line break that the text does not have there",
                       line=lines.get((stance_id, "evidence")), record=stance_id,
                       fix="remove the whitespace at the start and end of the evidence (in a quoted value, look "
                           "for a space before the closing quotation mark)")
    if not starts:
        return Problem(path, f"the evidence does not occur in {article['id']}'s text",
                       line=lines.get((stance_id, "evidence")), record=stance_id,
                       fix=f"copy the words exactly from the article; the nearest passage is "
                           f"“{nearest_passage(evidence, text)}”")
    occurrence = entry["occurrence"]
    if occurrence is None and len(starts) > 1:
        return Problem(path, f"the evidence occurs {len(starts)} times in {article['id']}'s text",
                       line=lines.get((stance_id, "evidence")),
                       record=stance_id, fix=f"add 'occurrence: N' (1 to {len(starts)}), or quote more words")
    if occurrence is not None and occurrence > len(starts):
        return Problem(path, f"occurrence {occurrence} asked for, but the evidence occurs {len(starts)} time(s)",
                       line=lines.get((stance_id, "occurrence")) or lines.get((stance_id, "evidence")),
                       record=stance_id,
                       fix=f"use an occurrence from 1 to {len(starts)}")
    start = starts[(occurrence or 1) - 1]
    return start, start + len(evidence)


def nearest_passage(evidence, text):
    """The passage of `text` most like `evidence` (rapidfuzz), with a little context, on one line."""
    alignment = fuzz.partial_ratio_alignment(evidence, text)
    if alignment is None or not text:
        return text[:NEAREST_CONTEXT * 2]
    start, end = alignment.dest_start, alignment.dest_end
    passage = text[max(0, start - NEAREST_CONTEXT):end + NEAREST_CONTEXT]
    # Show what is easy to miss when copying: a line break, a no-break or zero-width space.
    return passage.replace("\n", "⏎").replace("\u00a0", "⍽").replace("\u200b", "‸")


def date_stance(entry, quote, article, start):
    """(said_on, precision): the entry's own, else its quote's, else its sentence's, else the publication day."""
    derived = None
    if quote and quote["said_on_precision"] != "published":
        derived = quote["said_on"], quote["said_on_precision"]
    sentence = next((statement for statement in article["statements"]
                     if statement["start"] <= start < statement["end"]), None)
    if derived is None and sentence and sentence["when"]:
        date, precision, _ = sentence["when"]
        derived = date.isoformat(), precision
    if entry["said_on"]:
        given = entry["said_on"].isoformat()
        # A curator's "2024-01-01" for "in January 2024" keeps the text's precision.
        return given, derived[1] if derived and derived[0] == given else "day"
    return derived or (article["published"], "published")
