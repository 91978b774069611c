"""The build, one way: read, repair, extract, resolve, validate, write, publish.

Articles stream through the build one chunk at a time: each is read, prepared
(prepare.py: in a pool of worker processes, on a Dask cluster, or from the
cache of prepared articles),
checked against its stances and written, so memory does not grow with the
archive. `check` runs the same stream without writing, so `check` and `build`
find the same problems. `build` writes to a temporary file beside the target
and renames it into place: readers never see half a build, and a failed build
leaves the previous database as it was.
"""

import collections
import contextlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from . import database, incremental
from .cache import NoCache, PreparedCache, fingerprint
from .engine import DaskPool
from .prepare import stream_prepared
from .tagging import compile_codebook
from .durable import WRITE_FAILURE, remove_stale_temporaries, replace_durably, temporary_name, unwritable
from .problems import InputError, Problem, errors_in
from .repair import count_unrepaired_damage
from .resolve import RULE as ARCHIVE_RULE, ArchiveNames, resolve_archive
from .seeds import read_seeds, unreadable_files
from .serving import inspect_data, inspect_path, table_counts
from .shape import SQL_DIR
from .speakers import index_registry
from .stances import resolve_article_stances, unplaceable_stances
from .utterances import UtteranceKeys

# Article ids a new speaker's note names: one quoted across thousands of articles would get thousands.
ARTICLES_NAMED = 10


@dataclass
class BuildReport:
    """What a build or check found: its problems, what it holds, and the speakers the registry lacks."""

    problems: list
    counts: collections.Counter = field(default_factory=collections.Counter)
    unregistered: list = field(default_factory=list)
    cache_hits: int = 0
    cache_misses: int = 0
    phases: "Phases" = None
    plan: "incremental.Plan" = None   # whether the build started from the previous database, and why not


class Phases:
    """Seconds spent in each phase of a build, and the main process's resident memory after it: the profile
    that `build --profile FILE` writes and the benchmark prints."""

    def __init__(self):
        self.seconds = collections.Counter()
        self.resident_mb = {}

    @contextlib.contextmanager
    def __call__(self, name):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started
            self.resident_mb[name] = resident_mb()

    def rows(self):
        return [{"phase": name, "seconds": seconds, "resident_mb": self.resident_mb[name]}
                for name, seconds in self.seconds.items()]


def resident_mb():
    """This process's resident memory now, from /proc (0 where there is no /proc)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return 0


def check(seeds_dir, workers=1, cache_path=None, scheduler=None):
    """Read, prepare and validate every input without writing a database; raise InputError on errors."""
    return run(seeds_dir, writer=None, workers=workers, cache_path=cache_path, scheduler=scheduler)


def build(seeds_dir, db_path, sql_dir=SQL_DIR, workers=1, cache_path=None, scheduler=None, full=False):
    """Build the database at `db_path` from `seeds_dir`; return the BuildReport. With `scheduler` (local:N or
    a Dask scheduler's address), the map and resolve steps run on a Dask cluster instead of `workers`.

    The build starts from the database already at `db_path` when only articles or stances changed
    (whosaid/incremental.py), unless `full`; the report's `plan` says which it did, and why."""
    db_path = Path(db_path)
    if not db_path.parent.is_dir():
        # Nothing can be written, but the inputs are still checked so one run reports everything:
        # run raises InputError, with this problem first.
        problem = Problem(str(db_path), f"the folder {db_path.parent} does not exist",
                          fix="create the folder, or give --db a path in an existing one")
        run(seeds_dir, writer=None, problems=[problem], workers=workers, cache_path=cache_path,
            scheduler=scheduler)
    remove_stale_temporaries(db_path)
    temporary = temporary_name(db_path)
    temporary_inspect = temporary.with_name(temporary.name + ".inspect.json")
    try:
        try:
            return write_database(seeds_dir, db_path, temporary, temporary_inspect, sql_dir, workers, cache_path,
                                  scheduler, previous=None if full else db_path)
        except (OSError, sqlite3.OperationalError) as error:
            if isinstance(error, sqlite3.OperationalError) and not WRITE_FAILURE.search(str(error)):
                raise   # a bug in the build's SQL, not the disk: the traceback is what is needed
            raise InputError([unwritable(db_path, error)]) from error
    finally:
        for leftover in (temporary, temporary_inspect):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass   # a read-only folder: the write failed first, and that is what is reported


class Target:
    """The database file a build writes, opened once the build knows whether it starts from the previous one."""

    def __init__(self, temporary, sql_dir, previous=None):
        self.temporary, self.sql_dir, self.previous = temporary, sql_dir, previous
        self.writer = None

    def open(self, copy_from=None):
        if copy_from is not None:
            incremental.copy_previous(copy_from, self.temporary)
        db = sqlite_utils.Database(self.temporary, recreate=copy_from is None)
        # The temporary file is renamed into place only when complete, and deleted on any failure,
        # so a journal would protect nothing; it is flushed to disk before the rename (durable.py).
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute(f"PRAGMA cache_size = -{database.WRITE_CACHE_KIB}")
        self.writer = database.DatabaseWriter(db, self.sql_dir)
        return self.writer


def write_database(seeds_dir, db_path, temporary, temporary_inspect, sql_dir, workers, cache_path, scheduler=None,
                   previous=None):
    """Write the database to `temporary`, then rename it and its inspect file into place; the BuildReport."""
    target = Target(temporary, sql_dir, previous)
    report = run(seeds_dir, writer=target, workers=workers, cache_path=cache_path, scheduler=scheduler)
    db = target.writer.db
    with report.phases("write inspect file"):
        counts = table_counts(db)
        db.close()
        temporary_inspect.write_text(json.dumps(inspect_data(counts, temporary, db_path), indent=2),
                                     encoding="utf-8")
    with report.phases("flush to disk, rename"):
        # The database first: a server started between the two renames finds the old inspect file,
        # sees it describes another file, and counts the tables itself.
        replace_durably(temporary, db_path)
        replace_durably(temporary_inspect, inspect_path(db_path))
    return report


def run(seeds_dir, writer=None, problems=(), workers=1, cache_path=None, scheduler=None):
    """Stream every article through preparation and validation, into `writer` when there is one."""
    phases = Phases()
    seeds_dir = Path(seeds_dir)
    with phases("read seeds"):
        seeds = read_seeds(seeds_dir, on_disk=True)
        seeds.problems[:0] = problems
    with contextlib.closing(seeds):
        return stream(seeds, seeds_dir, writer, workers, cache_path, phases, scheduler)


def stream(seeds, seeds_dir, writer, workers, cache_path, phases, scheduler=None):
    """Check the stances' references, then prepare, check and write each article; then what needs them all."""
    registry = index_registry(seeds.people)
    stances_path = str(seeds_dir / "stances.yml")
    known_articles = seeds.manifest_ids | {listing["id"] for listing in seeds.articles}
    # The stances are checked even when other inputs have errors, so one run reports everything.
    with phases("check stances"):
        unplaceable, stance_problems = unplaceable_stances(
            seeds.stances.items(), seeds.stance_lines, stances_path, known_articles, seeds.people, seeds.issues,
            seeds.positions, seeds.people_ids, unread={Path(path).name for path in unreadable_files(seeds.problems)},
            codebook_ids=seeds.codebook_ids)
        seeds.stances.discard(unplaceable)
    seeds.problems.extend(stance_problems)
    report = BuildReport(problems=seeds.problems, phases=phases)
    cache = PreparedCache(cache_path) if cache_path else NoCache()
    codebook = compile_codebook(seeds.issues, seeds.positions)
    preparation = fingerprint(seeds.people, (seeds.issues, seeds.positions))
    plan = None
    state = incremental.build_state(preparation, writer.sql_dir if writer else SQL_DIR)
    steps = ArticleSteps(seeds, seeds_dir, stances_path, report, None, phases)
    if isinstance(writer, Target):
        with phases("plan the build"):
            if writer.previous is None:
                plan = incremental.Plan("asked for (--full)")
            elif errors_in(seeds.problems):
                plan = incremental.Plan("the inputs have errors")   # reported once the articles are read
            else:
                plan = incremental.plan_rebuild(writer.previous, state, seeds.articles, seeds.stances, preparation,
                                                steps.source_keys)
        copy_from = plan.previous if plan.incremental else None
        with phases("copy the previous database"):
            writer = writer.open(copy_from)
        if plan.incremental:
            writer.start_over(incremental.SCOPES, incremental.WRITTEN)
        writer.phases = phases
        report.plan = plan
    changes_only = bool(plan and plan.incremental)
    steps.writer = writer
    if writer and not changes_only:
        with phases("write registry"):
            writer.start(seeds)
    with phases("start the cluster"):
        cluster = DaskPool(scheduler, (registry, codebook)) if scheduler else None
    try:
        if changes_only:
            resolutions, roots = incremental.stream_changes(plan, steps, registry, workers, cache, preparation, codebook,
                                                cluster)
        else:
            resolutions, roots = stream_all(steps, registry, workers, cache, preparation, codebook, cluster)
    finally:
        cache.close()
        seeds.problems.extend(cache.problems)
        report.cache_hits, report.cache_misses = cache.hits, cache.misses
        if cluster is not None:
            cluster.close()
    report.unregistered = steps.speakers.rows()
    report.counts["people"] = len(seeds.people)
    report.counts["issues"] = len(seeds.issues)
    if writer:
        writer.finish(report.unregistered, roots)
        writer.write_state(state)
        if changes_only:   # the counts of the whole archive, not of the articles written again
            for name, value in database.counts_of(writer.db).items():
                report.counts[name] = value   # (Counter.update would add them)
        unused = [f"{signal.issue_id}: {signal.text}" for signal in codebook.signals.items
                  if not writer.signal_hits[signal.issue_id, signal.text]]
        if unused and not changes_only:   # an incremental build saw only the changed articles
            report.problems.append(Problem(
                str(Path(seeds_dir) / "issues.yml"), f"{len(unused)} signal(s) tag no quote of these articles: "
                + "; ".join(unused), severity="warning",
                fix="check their spelling; a signal kept for articles to come needs an example in "
                    "tests/test_issue_tags.py"))
    if not changes_only:
        report.counts["utterances"] = len(set(roots))
    return report


class ArticleSteps:
    """What the build does with each prepared article: check it, place its stances, collect its new speakers,
    the names the archive-wide step needs and its wording keys, and write it."""

    def __init__(self, seeds, seeds_dir, stances_path, report, writer, phases):
        self.seeds, self.seeds_dir, self.stances_path = seeds, seeds_dir, stances_path
        self.report, self.writer, self.phases = report, writer, phases
        self.speakers, self.utterance_keys = UnregisteredSpeakers(), UtteranceKeys()
        self.archive = ArchiveNames.with_registry(seeds.people)
        # Articles whose manifest entry has an error: built only to check their stances, then the build stops.
        self.entry_invalid = {listing["id"] for listing in seeds.articles if listing["invalid"]}
        # Taken before any file is read, so a file changed during the build is read again by the next.
        with phases("read articles, look up cache"):
            self.source_keys = {listing["id"]: incremental.source_key(listing) for listing in seeds.articles}

    def take(self, article, names=True):
        """One prepared article; with `names`, its names and wordings join the archive's (a full build)."""
        seeds, problems = self.seeds, self.seeds.problems
        if article.get("extraction_error"):
            problems.append(Problem(
                str(self.seeds_dir / article["source_file"]),
                f"the extractor failed on this article ({article['extraction_error']}); it is published with "
                "its text and paragraphs but no quotes", record=article["id"], severity="warning",
                fix="a bug in whosaid/extract/, not in the file: report it with the article; the other articles "
                    "are built as usual"))
        leftovers = count_unrepaired_damage(article["text"])
        if leftovers:
            problems.append(Problem(
                str(self.seeds_dir / article["source_file"]),
                f"{leftovers} bare 'â' left as it is: the text also has intact curly quotes or dashes, so the "
                "lost-punctuation rules did not run on it", record=article["id"], severity="warning",
                fix="compare the file with its source; if it was damaged, save the source again as UTF-8"))
        quote_keys = []
        with self.phases("resolve stances, speakers, wordings"):
            entries = seeds.stances.grouped(article["id"])
            article["stances_key"] = incremental.stances_key(entries)
            article["source_key"] = self.source_keys.get(article["id"])
            stance_rows, found = resolve_article_stances(entries, seeds.stance_lines, self.stances_path, article,
                                                         seeds.positions,
                                                         undated_ok=article["id"] in self.entry_invalid)
            problems.extend(found)
            if names:
                self.add_names(article)
                quote_keys = [(quote["id"], key) for quote in article["quotes"]
                              if (key := self.utterance_keys.key_of(quote)) is not None]
            count(self.report.counts, article, stance_rows)
        if self.writer:
            with self.phases("write rows"):
                self.writer.add(article, stance_rows, quote_keys)

    def add_names(self, names):
        self.speakers.add(names["new_people"])
        self.archive.add(names)

    def resolve(self, resolutions, wording_keys=True):
        """Give the archive's resolutions to the new speakers and, with `wording_keys`, key their wordings."""
        resolved_keys = []
        for resolution in resolutions:
            self.speakers.add([resolution.person])
            self.speakers.named_in(resolution.person_id, resolution.surname, resolution.article_id)
            key = self.utterance_keys.key_of({"id": resolution.quote_id, "speaker_id": resolution.person_id,
                                              "kind": resolution.kind, "text": resolution.text}) \
                if wording_keys else None
            if key is not None:
                resolved_keys.append((resolution.quote_id, key))
        return resolved_keys


def stream_all(steps, registry, workers, cache, preparation, codebook, cluster):
    """A full build: every article prepared, taken and written; then the archive-wide step and the wordings."""
    seeds, phases, report, writer = steps.seeds, steps.phases, steps.report, steps.writer
    built_ids = []
    for article in stream_prepared(seeds.articles, registry, workers, cache, preparation, seeds.problems,
                                   phases, codebook, cluster):
        built_ids.append(article["id"])
        steps.take(article)
    if errors_in(seeds.problems):
        raise InputError(seeds.problems)
    with phases("cache"):
        cache.forget_all_but(built_ids)
    with phases("resolve across the archive"):
        resolutions = resolve_archive(steps.archive, cluster)
        resolved_keys = steps.resolve(resolutions)
        report.counts["unresolved"] -= len(resolutions)
        if writer:
            writer.resolve(resolutions, ARCHIVE_RULE, resolved_keys)
    with phases("group utterances"):
        roots = steps.utterance_keys.roots()
    return resolutions, roots


def count(counts, article, stance_rows):
    counts["articles"] += 1
    counts["repairs"] += article["repairs"]
    counts["paragraphs"] += len(article["paragraphs"])
    counts["quotes"] += len(article["quotes"])
    counts["unresolved"] += sum(1 for quote in article["quotes"] if quote["speaker_id"] is None)
    counts["stances"] += len(stance_rows)


class UnregisteredSpeakers:
    """One people row for each speaker the registry lacks, however many articles name them."""

    def __init__(self):
        self.merged = {}

    def add(self, new_people):
        for person in new_people:
            row = self.merged.setdefault(person["id"], {
                "id": person["id"], "name": person["name"], "kind": person["kind"], "role": person["role"],
                "country": person["country"], "aliases": [], "articles": set()})
            row["role"] = row["role"] or person["role"]
            row["country"] = row["country"] or person["country"]
            if person["surface"] not in row["aliases"]:
                row["aliases"].append(person["surface"])
            row["articles"].add(person["article_id"])

    def named_in(self, person_id, surface, article_id):
        """The archive-wide step found this person named in one more article, by `surface`."""
        row = self.merged[person_id]
        if surface not in row["aliases"]:
            row["aliases"].append(surface)
        row["articles"].add(article_id)

    def rows(self):
        rows = []
        for row in sorted(self.merged.values(), key=lambda row: row["id"]):
            named = ", ".join(f"“{surface}”" for surface in row["aliases"])
            articles = sorted(row["articles"])
            shown = ", ".join(articles[:ARTICLES_NAMED])
            if len(articles) > ARTICLES_NAMED:
                shown += f" and {len(articles) - ARTICLES_NAMED:,} more"
            rows.append({**row, "articles": articles,
                         "note": f"Not in people.yml: found by the extractor, named {named} in {shown}. "
                                 "Add an entry to seeds/people.yml to register them."})
        return rows
