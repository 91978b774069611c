"""An incremental build: start from the previous database and apply only what changed.

Every build records what it was built from: the fingerprint of the code, the
registry and the codebook, and a hash of sql/ (`build_state`); and for each
article its input key, a hash of its stances and the names the archive-wide
step needs from it (`build_articles`). The next build compares. When only
articles or their stances changed, it copies the previous database and:

- deletes the rows of the articles removed or changed, and writes the changed
  ones again, prepared as a full build would (from the cache when it can);
- runs the archive-wide step again from every article's recorded names, and
  writes again the articles whose quotes it now resolves differently;
- groups the utterances again only for the speakers whose quotes changed;
- recomputes the new speakers, the stance suggestions and the derived tables.

Anything else (the code, the registry, the codebook, sql/, no previous
database, or most of the archive changed) falls back to a full build, which
says why. The result is the same database a full build of the same inputs
gives (tests/test_incremental.py compares every table), and it is renamed
into place the same way, so a killed rebuild leaves the previous file as it was.
"""

import contextlib
import hashlib
import importlib.metadata
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .articles import read_article
from .cache import article_key
from .database import names_of
from .prepare import stream_prepared
from .problems import InputError, errors_in
from .resolve import RULE as ARCHIVE_RULE, resolve_archive
from .shape import BUILD_SQL_DIR
from .utterances import UtteranceKeys

# The rows of each derived table an incremental build computes again, by the articles written again or
# removed (temp.scope_articles), the speakers whose quotes or people row changed (temp.scope_speakers),
# and the persons whose stances or people row changed (temp.scope_persons). Every input of a row is
# one of these: quotes_with_sources reads a quote, its article, its speaker and its utterance (regrouped
# only for the speakers in scope); reversals and contradictions read stances and registered people.
SCOPES = {
    "quotes_with_sources": "article_id IN temp.scope_articles OR speaker_id IN temp.scope_speakers",
    "utterances_across_outlets": "article_id IN temp.scope_articles OR quote_id IN "
                                 "(SELECT id FROM quotes WHERE speaker_id IN temp.scope_speakers)",
    "speakers": "person_id IN temp.scope_speakers OR person_id IN temp.scope_persons",
    "speaker_outlets": "speaker_id IN temp.scope_speakers",
    "stance_timeline": "article_id IN temp.scope_articles OR person_id IN temp.scope_persons",
    "reversals": "person_id IN temp.scope_persons",
    "contradictions": "person_id IN temp.scope_persons OR other_person_id IN temp.scope_persons",
}
# The rows of each table with foreign keys that an incremental build may have written, deleted under, or
# pointed at a parent it wrote again: its foreign-key check reads only these (the rest were checked by the
# build that wrote them). A table with foreign keys that is not listed is checked whole.
WRITTEN = {
    "text_repairs": "article_id IN temp.scope_articles",
    "paragraphs": "article_id IN temp.scope_articles",
    "quotes": "article_id IN temp.scope_articles OR speaker_id IN temp.scope_speakers",
    "quote_issues": "quote_id IN (SELECT id FROM quotes WHERE article_id IN temp.scope_articles)",
    "stances": "article_id IN temp.scope_articles OR person_id IN temp.scope_persons",
    "stance_suggestions": "article_id IN temp.scope_articles OR person_id IN temp.scope_persons",
    "utterances": "speaker_id IN temp.scope_speakers",
    **SCOPES,
}
# Above this share of the archive changed, a full build is as quick and simpler to trust.
MOST_OF_THE_ARCHIVE = 0.5
UNGROUP_SQL = BUILD_SQL_DIR / "ungroup_utterances.sql"


def sql_fingerprint(sql_dir):
    """A hash of every statement the build runs: the views of `sql_dir` and the build's own SQL (always
    the package's sql/build/, whatever `sql_dir` is)."""
    digest = hashlib.sha256()
    for folder, label in ((Path(sql_dir), "views"), (BUILD_SQL_DIR, "build")):
        for path in sorted(folder.rglob("*.sql")):
            digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0".encode() + path.read_bytes() + b"\0")
    return digest.hexdigest()


# The shape of what build_articles and build_state record: a change makes the next build a full one.
FORMAT = "1"


def build_state(preparation, sql_dir):
    """What a build records of its inputs beyond the articles, for the next build to compare (build_state):
    the preparation's fingerprint, the SQL, the format of these records and the libraries that write them
    (another SQLite may store the same rows otherwise)."""
    return {"fingerprint": preparation, "sql": sql_fingerprint(sql_dir), "format": FORMAT,
            "writer": f"sqlite-utils {importlib.metadata.version('sqlite-utils')}, SQLite {sqlite3.sqlite_version}"}


def stances_key(entries):
    """A hash of the stances that cite one article, as the build reads them: an edit to one changes it."""
    return hashlib.sha256(json.dumps(entries, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Plan:
    """What an incremental build would do, or why a full build is needed instead (`reason`)."""
    reason: str = None
    previous: Path = None
    changed: set = field(default_factory=set)     # ids of articles added or changed (text, entry or stances)
    removed: set = field(default_factory=set)     # ids of articles no longer in the corpus
    recorded: dict = field(default_factory=dict)  # id -> the names build_articles recorded
    # id -> the source_key of an article read again and found unchanged (its file was touched or copied):
    # recorded, so that the next build need not read it again.
    refreshed: dict = field(default_factory=dict)

    @property
    def incremental(self):
        return self.reason is None

    def summary(self):
        if not self.incremental:
            return f"full build: {self.reason}"
        return (f"incremental build from {self.previous.name}: {len(self.changed)} article(s) added or changed, "
                f"{len(self.removed)} removed")


def source_key(listing):
    """A hash of an article's manifest entry and its file's size and modification time, taken before the
    file is read: while it is the same, the file is not read again to find whether it changed."""
    try:
        stat = listing["path"].stat()
    except OSError:
        return None
    entry = listing["manifest"].get(listing["id"])
    # The inode and the change time too: a file replaced by another of the same size within the file
    # system's time granularity still differs in one of them.
    facts = (sorted(entry.items()) if entry else None, listing["invalid"], stat.st_size, stat.st_mtime_ns,
             stat.st_ino, stat.st_ctime_ns)
    return hashlib.sha256(repr(facts).encode()).hexdigest()


def plan_rebuild(previous, state, listings, stances, fingerprint_hex, source_keys):
    """The Plan for building `listings` over the database at `previous` (None for none)."""
    if previous is None or not Path(previous).exists():
        return Plan("there is no previous database")
    try:
        uri = f"{Path(previous).resolve().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
            recorded_state = dict(connection.execute("SELECT id, value FROM build_state"))
            if recorded_state != state:
                what = [name for name in sorted(state) if recorded_state.get(name) != state[name]]
                return Plan(f"{' and '.join(WHAT_CHANGED.get(name, name) for name in what)} changed")
            recorded = {row[0]: row[1:] for row in connection.execute(
                "SELECT id, input_key, stances_key, names, source_key FROM build_articles")}
    except sqlite3.Error as error:
        return Plan(f"the previous database cannot be read as one this build wrote ({error})")
    changed, refreshed = set(), {}
    grouped = stances.all_grouped()
    for listing in listings:
        article_id = listing["id"]
        entry = recorded.get(article_id)
        if entry is None or entry[1] != stances_key(grouped.get(article_id, [])):
            changed.add(article_id)
            continue
        if entry[3] is not None and entry[3] == source_keys.get(article_id):
            continue   # the same entry, and a file of the same size and time
        # Read with problems set aside: an unchanged article's problems were the previous build's, and a
        # changed one is read again, with its problems reported, when it is prepared.
        raw = read_article(listing, [])
        if raw is None or entry[0] != article_key(fingerprint_hex, raw):
            changed.add(article_id)
        elif source_keys.get(article_id) is not None:
            refreshed[article_id] = source_keys[article_id]
    removed = set(recorded) - {listing["id"] for listing in listings}
    if len(changed) + len(removed) > MOST_OF_THE_ARCHIVE * max(len(listings), 1):
        return Plan(f"{len(changed) + len(removed):,} of {len(listings):,} articles changed")
    return Plan(previous=Path(previous), changed=changed, removed=removed, refreshed=refreshed,
                recorded={article_id: entry[2] for article_id, entry in recorded.items()
                          if article_id not in changed and article_id not in removed})


WHAT_CHANGED = {"fingerprint": "the code, its libraries, the registry or the codebook", "sql": "sql/",
                "format": "the database's format", "writer": "sqlite-utils or SQLite"}


def copy_previous(previous, temporary):
    """The previous database, copied to the file the build writes; the previous one is only read.

    In the kernel (copy_file_range), which shares the blocks instead of copying them on a file system that
    can (btrfs, XFS); elsewhere, or where the call is missing, as shutil copies.
    """
    try:
        with open(previous, "rb") as source, open(temporary, "wb") as target:
            left = os.fstat(source.fileno()).st_size
            while left > 0:
                copied = os.copy_file_range(source.fileno(), target.fileno(), left)
                if copied == 0:
                    break
                left -= copied
        if left == 0:
            return
    except (AttributeError, OSError):
        pass
    shutil.copyfile(previous, temporary)


def archive_names_in_order(listings, plan, names_now):
    """Each article's names for the archive-wide step, in the corpus's order, as a full build streams them."""
    for listing in listings:
        article_id = listing["id"]
        if article_id in names_now:
            yield names_now[article_id]
        elif article_id in plan.recorded:
            yield json.loads(plan.recorded[article_id])


def resolved_before(db):
    """{quote id: (person id, article id)} of the quotes the previous build's archive-wide step resolved."""
    return {quote_id: (person_id, article_id) for quote_id, person_id, article_id in db.execute(
        "SELECT id, speaker_id, article_id FROM quotes WHERE attribution = ?", [ARCHIVE_RULE]).fetchall()}


def articles_resolved_otherwise(resolutions, before, plan):
    """Unchanged articles with a quote the archive-wide step now gives another speaker, or none."""
    now = {found.quote_id: (found.person_id, found.article_id) for found in resolutions}
    differ = {quote_id for quote_id in now.keys() | before.keys() if now.get(quote_id) != before.get(quote_id)}
    touched = {(now.get(quote_id) or before.get(quote_id))[1] for quote_id in differ}
    return touched - plan.changed - plan.removed


def speakers_of(db, article_ids):
    """The speakers of the quotes of these articles, as the database holds them now."""
    ids = list(article_ids)
    found = set()
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        found |= {speaker for (speaker,) in db.execute(
            f"SELECT DISTINCT speaker_id FROM quotes WHERE speaker_id IS NOT NULL AND article_id IN "
            f"({', '.join('?' * len(part))})", part).fetchall()}
    return found


ARTICLE_TABLES = ("stance_suggestions", "quote_issues", "stances", "quotes", "paragraphs", "text_repairs",
                  "build_articles", "articles")


def delete_articles(db, article_ids):
    """Every row of these articles, in an order that leaves no row pointing at a deleted one."""
    ids = sorted(article_ids)
    db.execute("CREATE TEMP TABLE IF NOT EXISTS gone (id TEXT PRIMARY KEY)")
    db.execute("DELETE FROM gone")
    db.conn.executemany("INSERT INTO gone VALUES (?)", ((article_id,) for article_id in ids))
    for table in ARTICLE_TABLES:
        column = "id" if table in ("articles", "build_articles") else "article_id"
        if table == "quote_issues":
            db.execute("DELETE FROM quote_issues WHERE quote_id IN "
                       "(SELECT id FROM quotes WHERE article_id IN (SELECT id FROM gone))")
        else:
            db.execute(f"DELETE FROM [{table}] WHERE [{column}] IN (SELECT id FROM gone)")


def regroup_utterances(db, speaker_ids):
    """The utterances of these speakers, grouped again from all their quotes; the others stay as they were."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS regrouped (speaker_id TEXT PRIMARY KEY)")
    db.execute("DELETE FROM regrouped")
    db.conn.executemany("INSERT INTO regrouped VALUES (?)", ((speaker,) for speaker in sorted(speaker_ids)))
    db.conn.executescript(UNGROUP_SQL.read_text(encoding="utf-8"))
    keys = UtteranceKeys()
    quote_keys = []
    for quote_id, speaker_id, kind, text in db.execute(
            "SELECT id, speaker_id, kind, text FROM quotes WHERE speaker_id IN (SELECT speaker_id FROM regrouped) "
            "ORDER BY id").fetchall():
        key = keys.key_of({"id": quote_id, "speaker_id": speaker_id, "kind": kind, "text": text})
        if key is not None:
            quote_keys.append((quote_id, key))
    db.execute("DELETE FROM quote_keys")
    db.conn.executemany("INSERT INTO quote_keys VALUES (?, ?)", quote_keys)
    return keys.roots()


def stream_changes(plan, steps, registry, workers, cache, preparation, codebook, cluster):
    """An incremental build: the changed articles are deleted, prepared and written again, one at a time as
    a full build writes them; then the archive-wide step runs on every article's names (the others' as
    recorded), and the unchanged articles it now resolves otherwise are written again too."""
    seeds, phases, writer = steps.seeds, steps.phases, steps.writer
    listings = {listing["id"]: listing for listing in seeds.articles}
    in_order = [listing["id"] for listing in seeds.articles]
    before = resolved_before(writer.db)
    regrouped, coded = set(), set()

    def write_again(ids):
        """Delete these articles' rows, then prepare and write them again; their names for the archive."""
        nonlocal regrouped, coded
        with phases("write rows"):
            regrouped |= speakers_of(writer.db, ids)
            coded |= persons_coded_in(writer.db, ids)
            delete_articles(writer.db, ids)
        chosen = [listings[article_id] for article_id in in_order if article_id in ids]
        names = {}
        for article in stream_prepared(chosen, registry, workers, cache, preparation, seeds.problems, phases,
                                       codebook, cluster):
            names[article["id"]] = names_of(article)
            steps.take(article, names=False)
        if errors_in(seeds.problems):
            raise InputError(seeds.problems)
        return names

    names_now = write_again(plan.changed | plan.removed)
    with phases("write rows"):
        writer.db.conn.executemany("UPDATE build_articles SET source_key = ? WHERE id = ?",
                                   sorted((key, article_id) for article_id, key in plan.refreshed.items()))
    with phases("resolve across the archive"):
        for names in archive_names_in_order(seeds.articles, plan, names_now):
            steps.add_names(names)
        resolutions = resolve_archive(steps.archive, cluster)
        otherwise = articles_resolved_otherwise(resolutions, before, plan)
    write_again(otherwise)
    touched = plan.changed | otherwise
    with phases("cache"):
        cache.forget_all_but(in_order)
    with phases("resolve across the archive"):
        steps.resolve(resolutions, wording_keys=False)
        writer.resolve([found for found in resolutions if found.article_id in touched], ARCHIVE_RULE, [])
    with phases("group utterances"):
        regrouped |= speakers_of(writer.db, touched)
        roots = regroup_utterances(writer.db, regrouped)
    coded |= persons_coded_in(writer.db, touched)
    fill_scopes(writer.db, touched | plan.removed, regrouped, coded)
    return resolutions, roots


def persons_coded_in(db, article_ids):
    """The persons of the stances that cite these articles."""
    ids = sorted(article_ids)
    return {person for start in range(0, len(ids), 500) for (person,) in db.execute(
        f"SELECT DISTINCT person_id FROM stances WHERE article_id IN ({', '.join('?' * len(ids[start:start + 500]))})",
        ids[start:start + 500]).fetchall()}


def fill_scopes(db, article_ids, speaker_ids, person_ids):
    """The temp tables SCOPES and WRITTEN read, one id column each; the build adds to scope_speakers the
    people the registry lacks whose row changed (incremental_people.sql)."""
    for table, values in (("scope_articles", article_ids), ("scope_speakers", speaker_ids),
                          ("scope_persons", person_ids)):
        db.execute(f"CREATE TEMP TABLE {table} (id TEXT PRIMARY KEY)")
        db.conn.executemany(f"INSERT INTO temp.{table} VALUES (?)", ((value,) for value in sorted(values)))
