"""Measure a built database's quotes against a hand-made gold annotation.

The gold file is YAML: article id -> a list of quotes, each with `text` (the
words between the marks), `speaker` (a people id or null), `said_on` and
`precision` (null where the text does not establish when), and `kind`.
A gold quote matches the extracted quote of the same article whose words are
the same, or nearly (rapidfuzz ratio >= 90 after trimming punctuation), one to one.
"""

import collections
import re
import sqlite3
from pathlib import Path

import sqlite_utils
import yaml
from rapidfuzz import fuzz

MATCH_CUTOFF = 90


def read_gold(path):
    gold = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return {article: [{**entry, "said_on": _iso(entry.get("said_on"))} for entry in entries or []]
            for article, entries in gold.items()}


def _iso(value):
    return None if value is None else str(value)


def read_extracted(db_path, article_ids):
    db = sqlite_utils.Database(db_path)
    extracted = {article: [] for article in article_ids}
    for row in db["quotes"].rows_where(select="id, article_id, text, kind, speaker_id, said_on, said_on_precision",
                                       order_by="article_id, source, start"):
        if row["article_id"] in extracted:
            extracted[row["article_id"]].append(row)
    return extracted


def normalise(text):
    return re.sub(r"\s+", " ", text).strip(" \t\n,.;:!?…—–-").casefold()


def match_quotes(gold_quotes, extracted_quotes):
    """Pairs (gold, extracted), best first, each quote used once."""
    scored = []
    for g, gold in enumerate(gold_quotes):
        for e, quote in enumerate(extracted_quotes):
            score = 100 if normalise(gold["text"]) == normalise(quote["text"]) else \
                fuzz.ratio(normalise(gold["text"]), normalise(quote["text"]))
            if score >= MATCH_CUTOFF:
                scored.append((score, g, e))
    pairs, used_gold, used_extracted = [], set(), set()
    for score, g, e in sorted(scored, key=lambda item: -item[0]):
        if g not in used_gold and e not in used_extracted:
            pairs.append((gold_quotes[g], extracted_quotes[e]))
            used_gold.add(g)
            used_extracted.add(e)
    return pairs


def evaluate(db_path, gold_path):
    """A report: counts, rates and the individual misses, as plain data."""
    return evaluate_gold(db_path, read_gold(gold_path))


def evaluate_gold(db_path, gold):
    """The report for gold already read: article id -> quotes with text, speaker, said_on, precision."""
    extracted = read_extracted(db_path, gold)
    report = {"articles": len(gold), "gold": 0, "extracted": 0, "matched": 0, "speaker_right": 0,
              "speaker_wrong": 0, "unresolved": 0, "unresolved_gold_known": 0, "dated_gold": 0, "dated_right": 0,
              "timed_gold": 0, "timed_right": 0, "undated_gold": 0, "overdated": 0, "missed": [], "spurious": [], "wrong_speaker": [],
              "left_unresolved": [], "wrong_date": [], "invented_day": []}
    for article, gold_quotes in gold.items():
        quotes = extracted[article]
        pairs = match_quotes(gold_quotes, quotes)
        report["gold"] += len(gold_quotes)
        report["extracted"] += len(quotes)
        report["matched"] += len(pairs)
        report["unresolved"] += sum(1 for quote in quotes if quote["speaker_id"] is None)
        matched_gold = {id(g) for g, _ in pairs}
        matched_extracted = {id(e) for _, e in pairs}
        report["missed"] += [(article, g["text"]) for g in gold_quotes if id(g) not in matched_gold]
        report["spurious"] += [(article, e["text"]) for e in quotes if id(e) not in matched_extracted]
        for g, e in pairs:
            if e["speaker_id"] == g.get("speaker"):
                report["speaker_right"] += 1
            elif e["speaker_id"] is None:
                report["unresolved_gold_known"] += 1
                report["left_unresolved"].append((article, g["text"], g.get("speaker")))
            else:
                report["speaker_wrong"] += 1
                report["wrong_speaker"].append((article, g["text"], g.get("speaker"), e["speaker_id"]))
            if g.get("said_on") and g.get("precision"):
                same = e["said_on"] == g["said_on"] and e["said_on_precision"] == g["precision"]
                report["timed_gold"] += 1
                report["timed_right"] += same
                if g["precision"] == "day":
                    report["dated_gold"] += 1
                    report["dated_right"] += same
                if not same:
                    report["wrong_date"].append((article, g["text"], f"{g['said_on']} ({g['precision']})",
                                                 f"{e['said_on']} ({e['said_on_precision']})"))
            elif not g.get("precision"):
                # The text does not say when: a day given here is invented, which is worse than none.
                report["undated_gold"] += 1
                if e["said_on_precision"] == "day":
                    report["overdated"] += 1
                    report["invented_day"].append((article, g["text"], f"{e['said_on']} (day)"))
    report["recall"] = _ratio(report["matched"], report["gold"])
    report["precision"] = _ratio(report["matched"], report["extracted"])
    report["speaker_accuracy"] = _ratio(report["speaker_right"], report["matched"])
    report["unresolved_share"] = _ratio(report["unresolved"], report["extracted"])
    report["said_on_accuracy"] = _ratio(report["dated_right"], report["dated_gold"])
    report["said_on_accuracy_any_precision"] = _ratio(report["timed_right"], report["timed_gold"])
    return report


def _ratio(part, whole):
    return round(part / whole, 3) if whole else None


def format_report(report):
    lines = [
        f"articles: {report['articles']}   gold quotes: {report['gold']}   extracted: {report['extracted']}   "
        f"matched: {report['matched']}",
        f"quote recall:       {report['recall']}",
        f"quote precision:    {report['precision']}",
        f"speaker accuracy:   {report['speaker_accuracy']}   "
        f"(wrong person: {report['speaker_wrong']}, left unresolved: {report['unresolved_gold_known']})",
        f"unresolved share:   {report['unresolved_share']}   ({report['unresolved']} of {report['extracted']} extracted)",
        f"said_on accuracy:   {report['said_on_accuracy']}   "
        f"({report['dated_right']} of {report['dated_gold']} quotes whose day the text establishes)",
        f"  any precision:    {report['said_on_accuracy_any_precision']}   "
        f"({report['timed_right']} of {report['timed_gold']} with a day, week, month or year)",
        f"  day invented:     {report['overdated']} of {report['undated_gold']} quotes whose time the text "
        f"does not give",
    ]
    for title, key in (("missed", "missed"), ("not in the gold", "spurious"), ("wrong speaker", "wrong_speaker"),
                       ("left unresolved", "left_unresolved"), ("wrong said_on", "wrong_date"),
                       ("day invented", "invented_day")):
        for item in report[key]:
            lines.append(f"  {title}: " + " | ".join(str(part) for part in item))
    return "\n".join(lines)


TAG_AGREEMENT_SQL = Path(__file__).resolve().parent.parent / "sql" / "evaluate" / "tag_agreement.sql"


def tag_agreement(db_path):
    """Per issue and in all: the coded pairs, the tags on coded quotes, those that agree, precision, recall."""
    connection = sqlite3.connect(db_path)
    try:
        rows = connection.execute(TAG_AGREEMENT_SQL.read_text(encoding="utf-8")).fetchall()
    finally:
        connection.close()
    return tag_figures(rows)


def tag_figures(rows):
    """(issue, coded, tagged, agreed) rows with their precision and recall, and a row for them all."""
    rows = list(rows)
    rows.append(("all", *(sum(row[n] for row in rows) for n in (1, 2, 3))))
    return [{"issue": issue, "coded": coded, "tagged": tagged, "agreed": agreed,
             "precision": _ratio(agreed, tagged), "recall": _ratio(agreed, coded)}
            for issue, coded, tagged, agreed in rows]


def format_tag_agreement(figures):
    lines = [f"{'issue':<30} {'coded':>6} {'tagged':>7} {'agreed':>7} {'precision':>10} {'recall':>7}"]
    for row in figures:
        lines.append(f"{row['issue']:<30} {row['coded']:>6} {row['tagged']:>7} {row['agreed']:>7} "
                     f"{row['precision'] if row['precision'] is not None else '-':>10} "
                     f"{row['recall'] if row['recall'] is not None else '-':>7}")
    return "\n".join(lines)


SUGGESTION_AGREEMENT_SQL = TAG_AGREEMENT_SQL.parent / "suggestion_agreement.sql"
SUGGESTION_COUNTS = ("coded", "suggested", "exact", "within_one", "none")


def suggestion_agreement(db_path):
    """Per issue and in all: the coded stances, those a suggestion covers, how many of those agree exactly
    or within one point, and how many no suggestion covers."""
    connection = sqlite3.connect(db_path)
    try:
        rows = connection.execute(SUGGESTION_AGREEMENT_SQL.read_text(encoding="utf-8")).fetchall()
    finally:
        connection.close()
    figures = [{"issue": row[0], **dict(zip(SUGGESTION_COUNTS, row[1:]))} for row in rows]
    figures.append({"issue": "all", **{key: sum(row[key] for row in figures) for key in SUGGESTION_COUNTS}})
    return figures


def format_suggestion_agreement(figures):
    lines = [f"{'issue':<30} {'coded':>6} {'suggested':>10} {'exact':>6} {'within 1':>9} {'none':>5}"]
    for row in figures:
        lines.append(f"{row['issue']:<30} {row['coded']:>6} {row['suggested']:>10} {row['exact']:>6} "
                     f"{row['within_one']:>9} {row['none']:>5}")
    return "\n".join(lines)


def tag_agreement_gold(db_path, gold):
    """As tag_agreement, against gold quotes annotated with their issues (`issues`, None where a part is not
    annotated): a gold quote the build did not find counts as untagged. Every issue of an annotated quote is
    in the gold, so here precision is not a lower bound."""
    annotated = {article: [quote for quote in quotes if quote.get("issues") is not None]
                 for article, quotes in gold.items()}
    annotated = {article: quotes for article, quotes in annotated.items() if quotes}
    extracted = read_extracted(db_path, annotated)
    connection = sqlite3.connect(db_path)
    try:
        tags = collections.defaultdict(set)
        for quote_id, issue_id in connection.execute("SELECT quote_id, issue_id FROM quote_issues"):
            tags[quote_id].add(issue_id)
        issue_ids = [issue_id for (issue_id,) in connection.execute("SELECT id FROM issues ORDER BY n")]
    finally:
        connection.close()
    counts = {issue_id: {"coded": 0, "tagged": 0, "agreed": 0} for issue_id in issue_ids}
    quotes = 0
    for article, gold_quotes in annotated.items():
        found = {id(g): e for g, e in match_quotes(gold_quotes, extracted[article])}
        for quote in gold_quotes:
            quotes += 1
            wanted = set(quote["issues"])
            given = tags[found[id(quote)]["id"]] if id(quote) in found else set()
            for issue_id in wanted | given:
                if issue_id in counts:
                    counts[issue_id]["coded"] += issue_id in wanted
                    counts[issue_id]["tagged"] += issue_id in given
                    counts[issue_id]["agreed"] += issue_id in wanted and issue_id in given
    return quotes, tag_figures((issue_id, row["coded"], row["tagged"], row["agreed"])
                               for issue_id, row in counts.items())
