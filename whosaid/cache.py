"""A cache of prepared articles, keyed by what the preparation depends on.

Preparing an article (repair, paragraphs, quotes, speakers, dates) is a pure
function of its text, its manifest entry, the registry and this package's
code. The key hashes all four, so a hit is exactly what preparing again would
give, and any change to one of them (an edited file, a new alias, a new rule)
misses. Rebuilding after adding one article prepares only that article.

The cache is a SQLite file of our own making beside the project (`.cache/`), as
trusted as the code itself; entries are pickled and compressed because the
prepared article holds dates and tuples that JSON would not give back.
"""

import hashlib
import importlib.metadata
import json
import os
import pickle
import re
import sqlite3
import sys
import zlib
from pathlib import Path

from .problems import Problem

PACKAGE_DIR = Path(__file__).resolve().parent
# The libraries whose behaviour is part of the preparation.
PREPARATION_LIBRARIES = ["ftfy", "dateparser", "rapidfuzz", "regex"]


def fingerprint(people, codebook=None):
    """A hash of everything but the article that preparing an article depends on: the code, the libraries,
    the registry and the codebook (its signals and cues tag the quotes)."""
    digest = hashlib.sha256()
    # Every module, subpackages too: the extraction rules live in whosaid/extract/.
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in PREPARATION_LIBRARIES:
        try:
            digest.update(f"{library}={importlib.metadata.version(library)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{library}=none\0".encode())
    digest.update(sys.version.encode())
    digest.update(json.dumps(people, sort_keys=True, default=str).encode())
    digest.update(json.dumps(codebook, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def article_key(fingerprint_hex, raw_article):
    """The cache key of one raw article: the fingerprint, its text's sha256 and its manifest entry."""
    facts = sorted((key, repr(value)) for key, value in raw_article.items() if key != "raw_text")
    return hashlib.sha256(f"{fingerprint_hex}\0{facts!r}".encode()).hexdigest()


def pack(article):
    """A prepared article as the cache stores it, and as workers send it: pickled, then compressed."""
    return zlib.compress(pickle.dumps(article, protocol=5), 1)


def unpack(packed):
    return pickle.loads(zlib.decompress(packed))


class PreparedCache:
    """Prepared articles by article id, each stored with the key it was prepared under.

    One row per article id, so the file holds at most one entry per article
    of the corpus; `forget_all_but` drops the articles a successful build no
    longer has.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.pending = []
        self.hits = self.misses = 0
        self.problems = []   # warnings: a cache set aside or turned off
        self.connection = None
        self._guarded(self._open)

    def _open(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(self.path, timeout=60)
        self.connection.execute("PRAGMA journal_mode = WAL")
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS prepared (article_id TEXT PRIMARY KEY, key TEXT NOT NULL, article BLOB NOT NULL)")

    def _guarded(self, operation, *arguments, default=None):
        """Run one cache operation; a cache that fails never fails the build.

        A corrupt or truncated file is moved aside and the cache started again
        empty; a cache that cannot be written (a full disk, a read-only folder)
        is turned off for this build. Either way the build prepares what it
        must and says so.
        """
        if self.connection is None and operation != self._open:
            return default
        try:
            return operation(*arguments)
        except (sqlite3.DatabaseError, OSError) as error:
            self._drop_connection()
            reason = str(error) or type(error).__name__
            if isinstance(error, sqlite3.DatabaseError) and not WRITE_FAILURE.search(reason):
                aside = self.path.with_name(self.path.name + ".corrupt")
                for suffix in ("", "-wal", "-shm"):
                    source = Path(str(self.path) + suffix)
                    if source.exists():
                        os.replace(source, Path(str(aside) + suffix))
                self.problems.append(Problem(str(self.path), f"the cache of prepared articles cannot be read "
                                             f"({reason}); it was moved to {aside.name} and started again",
                                             severity="warning", fix=f"nothing to do; delete {aside} when you wish"))
                try:
                    self._open()
                except (sqlite3.DatabaseError, OSError):
                    self._drop_connection()
            else:
                self.problems.append(Problem(str(self.path), f"the cache of prepared articles cannot be written "
                                             f"({reason}); this build does without it", severity="warning",
                                             fix="free space on its disk or let this user write its folder, or "
                                                 "build with --no-cache"))
            return default

    def _drop_connection(self):
        if self.connection is not None:
            try:
                self.connection.close()
            except sqlite3.Error:
                pass
        self.connection = None
        self.pending = []

    def get_many(self, keys):
        """{article id: prepared article} for the ids in `keys` ({id: key}) whose stored key matches."""
        found = self._guarded(self._get_many, keys, default={})
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def _get_many(self, keys):
        found = {}
        ids = list(keys)
        for start in range(0, len(ids), 500):
            batch = ids[start:start + 500]
            rows = self.connection.execute(
                f"SELECT article_id, key, article FROM prepared WHERE article_id IN ({', '.join('?' * len(batch))})",
                batch)
            for article_id, key, blob in rows:
                if keys[article_id] == key:
                    found[article_id] = unpack(blob)
        return found

    def put(self, article_id, key, packed):
        """Store a packed article (see pack)."""
        if self.connection is None:
            return
        self.pending.append((article_id, key, packed))
        if len(self.pending) >= 256:
            self.save()

    def save(self):
        self._guarded(self._save)

    def _save(self):
        with self.connection:
            self.connection.executemany("INSERT OR REPLACE INTO prepared VALUES (?, ?, ?)", self.pending)
        self.pending = []

    def forget_all_but(self, article_ids):
        """Drop the entries of articles no longer in the corpus."""
        self.save()
        self._guarded(self._forget_all_but, article_ids)

    def _forget_all_but(self, article_ids):
        with self.connection:
            self.connection.execute("CREATE TEMP TABLE IF NOT EXISTS current (article_id TEXT PRIMARY KEY)")
            self.connection.execute("DELETE FROM current")
            self.connection.executemany("INSERT INTO current VALUES (?)", ((article_id,) for article_id in article_ids))
            self.connection.execute("DELETE FROM prepared WHERE article_id NOT IN (SELECT article_id FROM current)")

    def close(self):
        self.save()
        self._drop_connection()


# SQLite's words for a file it cannot write, as against one it cannot read.
WRITE_FAILURE = re.compile(r"disk is full|database or disk|readonly|read-only|unable to open", re.IGNORECASE)


class NoCache:
    """The cache's interface, caching nothing: `--no-cache`, and the tests' builds."""

    hits = misses = 0
    problems = ()

    def get_many(self, keys):
        self.misses += len(keys)
        return {}

    def put(self, article_id, key, packed):
        pass

    def forget_all_but(self, article_ids):
        pass

    def close(self):
        pass
