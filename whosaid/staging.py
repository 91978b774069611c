"""Curated records held on disk while the articles stream past.

A hundred thousand stance entries held as dicts took 150 MB, and fifty
thousand manifest entries 70 MB, yet the build needs them one article at a
time. They wait in a private temporary SQLite file (deleted when closed), in
the file's order, found by id or by the article they cite.
"""

import pickle
import sqlite3


class StagedRecords:
    """A mapping of record id -> record, as `read_records` fills it, kept on disk.

    With `group_by`, the records can also be read back by the value of that
    field (the stances by their article).
    """

    def __init__(self, group_by=None):
        self.group_by = group_by
        # An empty file name is SQLite's private temporary database, on disk once it outgrows its cache.
        self.connection = sqlite3.connect("")
        self.connection.execute("CREATE TABLE records (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
                                "grouped_by TEXT, record BLOB NOT NULL)")
        if group_by:
            self.connection.execute("CREATE INDEX records_by_group ON records (grouped_by, n)")

    def __setitem__(self, record_id, record):
        self.connection.execute("INSERT OR REPLACE INTO records (id, grouped_by, record) VALUES (?, ?, ?)",
                                (record_id, record[self.group_by] if self.group_by else None,
                                 pickle.dumps(record, protocol=5)))

    def get(self, record_id, default=None):
        row = self.connection.execute("SELECT record FROM records WHERE id = ?", (record_id,)).fetchone()
        return pickle.loads(row[0]) if row else default

    def __len__(self):
        return self.connection.execute("SELECT count(*) FROM records").fetchone()[0]

    def __iter__(self):
        return (record_id for record_id, in self.connection.execute("SELECT id FROM records ORDER BY n"))

    def clear(self):
        self.connection.execute("DELETE FROM records")

    def items(self):
        """(id, record) in the file's order, read a batch at a time."""
        cursor = self.connection.execute("SELECT id, record FROM records ORDER BY n")
        while rows := cursor.fetchmany(1000):
            for record_id, blob in rows:
                yield record_id, pickle.loads(blob)

    def discard(self, record_ids):
        self.connection.executemany("DELETE FROM records WHERE id = ?", ((record_id,) for record_id in record_ids))

    def all_grouped(self):
        """{value: [(id, record)]} for every `group_by` value, in the file's order: grouped() for all at once."""
        groups = {}
        cursor = self.connection.execute("SELECT grouped_by, id, record FROM records ORDER BY n")
        while rows := cursor.fetchmany(1000):
            for value, record_id, blob in rows:
                groups.setdefault(value, []).append((record_id, pickle.loads(blob)))
        return groups

    def grouped(self, value):
        """[(id, record)] of the records whose `group_by` field is `value`, in the file's order."""
        rows = self.connection.execute("SELECT id, record FROM records WHERE grouped_by = ? ORDER BY n", (value,))
        return [(record_id, pickle.loads(blob)) for record_id, blob in rows]

    def close(self):
        self.connection.close()
