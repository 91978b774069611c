"""The build, one way: read, repair, extract, validate, write, publish.

`prepare` does everything that can fail on bad input and writes nothing, so
`check` and `build` find the same problems. `build` writes to a temporary file
beside the target and renames it into place: readers never see half a build,
and a failed build leaves the previous database as it was.
"""

import concurrent.futures
import functools
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from . import database
from .extract import extract_quotes
from .paragraphs import split_paragraphs
from .problems import InputError, Problem, errors_in
from .repair import count_unrepaired_damage, repair_text
from .seeds import Seeds, read_seeds
from .speakers import index_registry
from .stances import resolve_stances
from .utterances import group_utterances


# Below this many articles, starting processes costs more than it saves.
PARALLEL_FROM = 64


@dataclass
class Prepared:
    seeds: Seeds
    articles: list = field(default_factory=list)
    unregistered: list = field(default_factory=list)
    utterances: list = field(default_factory=list)
    stances: list = field(default_factory=list)

    @property
    def problems(self):
        return self.seeds.problems


def prepare(seeds_dir, problems=(), workers=1):
    """Read, repair and extract every input; raise InputError listing all errors found, and `problems`."""
    seeds = read_seeds(seeds_dir)
    seeds.problems[:0] = problems
    registry = index_registry(seeds.people)
    prepared = Prepared(seeds=seeds, articles=prepare_articles(seeds.articles, registry, workers))
    for article in prepared.articles:
        leftovers = count_unrepaired_damage(article["text"])
        if leftovers:
            seeds.problems.append(Problem(
                str(Path(seeds_dir) / article["source_file"]),
                f"{leftovers} bare 'â' left as it is: the text also has intact curly quotes or dashes, so the "
                "lost-punctuation rules did not run on it", record=article["id"], severity="warning",
                fix="compare the file with its source; if it was damaged, save the source again as UTF-8"))
    # The stances are checked even when other inputs have errors, so one run reports everything.
    prepared.stances, stance_problems = resolve_stances(
        seeds.stances, seeds.stance_lines, str(Path(seeds_dir) / "stances.yml"), prepared.articles, seeds.people,
        seeds.issues, seeds.positions, seeds.manifest_ids, seeds.people_ids)
    seeds.problems.extend(stance_problems)
    if errors_in(seeds.problems):
        raise InputError(seeds.problems)
    prepared.unregistered = resolve_unregistered(prepared.articles)
    outlets = {article["id"]: article["outlet"] for article in prepared.articles}
    quotes = [quote for article in prepared.articles for quote in article["quotes"]]
    prepared.utterances, utterance_of = group_utterances(quotes, outlets)
    for quote in quotes:
        quote["utterance_id"] = utterance_of.get(quote["id"])
    return prepared


def prepare_articles(raw_articles, registry, workers=1):
    """Every article prepared, in order; across `workers` processes when there are enough articles to share.

    prepare_article is a pure function of one article and the registry, so the
    articles can be shared out in any order and the results come back in theirs.
    """
    if workers <= 1 or len(raw_articles) < PARALLEL_FROM:
        return [prepare_article(article, registry) for article in raw_articles]
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(functools.partial(prepare_article, registry=registry), raw_articles,
                             chunksize=max(1, len(raw_articles) // (workers * 8))))


def prepare_article(raw_article, registry):
    """Repair one article's text, split it into paragraphs and extract its quotes; pure."""
    text, repair_list = repair_text(raw_article["raw_text"])
    published = raw_article["published"]
    article = {
        **{key: value for key, value in raw_article.items() if key != "raw_text"},
        "published": published.isoformat() if published else None,
        "text": text,
        "words": len(text.split()),
        "repairs": len(repair_list),
        "repair_list": repair_list,
        "paragraphs": split_paragraphs(text, headline=raw_article["headline"]),
    }
    extracted = extract_quotes(article, registry)
    article["quotes"] = extracted["quotes"]
    article["new_people"] = extracted["new_people"]
    article["statements"] = extracted["statements"]
    return article


def resolve_unregistered(articles):
    """One people row for each speaker the registry lacks, however many articles name them."""
    merged = {}
    for article in articles:
        for person in article["new_people"]:
            row = merged.setdefault(person["id"], {
                "id": person["id"], "name": person["name"], "kind": person["kind"], "role": person["role"],
                "country": person["country"], "aliases": [], "articles": []})
            row["role"] = row["role"] or person["role"]
            row["country"] = row["country"] or person["country"]
            if person["surface"] not in row["aliases"]:
                row["aliases"].append(person["surface"])
            row["articles"].append(person["article_id"])
    for row in merged.values():
        named = ", ".join(f"“{surface}”" for surface in row["aliases"])
        row["note"] = (f"Not in people.yml: found by the extractor, named {named} in "
                       f"{', '.join(sorted(set(row['articles'])))}. Add an entry to seeds/people.yml to register them.")
    return sorted(merged.values(), key=lambda row: row["id"])


def build(seeds_dir, db_path, sql_dir=database.SQL_DIR, workers=1):
    """Build the database at `db_path` from `seeds_dir`; return the Prepared inputs."""
    db_path = Path(db_path)
    target_problems = []
    if not db_path.parent.is_dir():
        target_problems.append(Problem(str(db_path), f"the folder {db_path.parent} does not exist",
                                       fix="create the folder, or give --db a path in an existing one"))
    prepared = prepare(seeds_dir, target_problems, workers)
    remove_stale_temporaries(db_path)
    temporary = temporary_name(db_path)
    try:
        db = sqlite_utils.Database(temporary, recreate=True)
        db.execute("PRAGMA foreign_keys = ON")
        with db.atomic():
            write_database(db, prepared)
        database.ensure_db_shape(db, sql_dir)
        db.execute("VACUUM")
        db.close()
        os.replace(temporary, db_path)
    finally:
        temporary.unlink(missing_ok=True)
    return prepared


def temporary_name(db_path):
    """".ukraine.db.<pid>.<random>.tmp": unique per process and per build, and telling whose it is."""
    return db_path.with_name(f".{db_path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def remove_stale_temporaries(db_path):
    """Delete temporary files that builds killed mid-write left beside the target (their process is gone)."""
    ours = re.compile(rf"^\.{re.escape(db_path.name)}\.([0-9]+)\.[0-9a-f]+\.tmp(?:-journal|-wal|-shm)?$")
    for leftover in db_path.parent.iterdir():
        match = ours.match(leftover.name)
        if match and not process_is_alive(int(match.group(1))):
            leftover.unlink(missing_ok=True)


def process_is_alive(pid):
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # someone else's process: leave its file alone
    return True


def write_database(db, prepared):
    database.create_tables(db)
    database.load_articles(db, prepared.articles)
    database.load_text_repairs(db, prepared.articles)
    database.load_paragraphs(db, prepared.articles)
    database.load_people(db, prepared.seeds.people, prepared.unregistered)
    database.load_positions(db, prepared.seeds.positions)
    database.load_issues(db, prepared.seeds.issues)
    database.load_utterances(db, prepared.utterances)
    database.load_quotes(db, prepared.articles)
    database.load_stances(db, prepared.stances)
