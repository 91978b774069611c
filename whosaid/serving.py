"""How the database is served: the one place that says which Datasette settings `make serve` uses.

Arbitrary SQL stays open to everyone, so a runaway query is cut off after a
second, and a page returns at most 1,000 rows (CSV streams every row with
_stream=on). Facets are the ones metadata.yml names: Datasette's suggested
facets would run a query per column on every page (60 ms of a 95 ms view page
on the seeds). The database is served immutable, so nothing can write to it.
"""

import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"
# The site's own pages: a quote in its context (see whosaid/quote_page.py).
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SETTINGS = {"sql_time_limit_ms": 1000, "max_returned_rows": 1000, "suggest_facets": "off"}


def datasette_command(db_path, host="127.0.0.1", port=8001, metadata=METADATA):
    """The `datasette serve` command line for `db_path`, with its inspect file when that describes it."""
    command = [sys.executable, "-m", "datasette", "serve", "--immutable", str(db_path), "--metadata", str(metadata),
               "--host", host, "--port", str(port)]
    command += ["--template-dir", str(TEMPLATES)]
    inspect_file = current_inspect_file(db_path)
    if inspect_file:
        command += ["--inspect-file", str(inspect_file)]
    for name, value in SETTINGS.items():
        command += ["--setting", name, str(value)]
    return command


class Address(str):
    """The base address of a server started by `served`, which also knows the server's process id."""

    pid: int


# The row counts of every table, written by the build beside the database (`datasette inspect` makes the
# same file). With it, an immutable database is never counted again: the front page and the database page
# count every table otherwise. (The plugin reads the schema once, too: whosaid/schema.py.)

def inspect_path(db_path):
    """ukraine.db -> ukraine.db.inspect.json"""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".inspect.json")


def table_counts(db):
    return {table: db[table].count for table in db.table_names()}


def inspect_data(counts, written_path, db_path):
    """What `datasette inspect` writes for the file `written_path`, to be served as `db_path`, with `counts`
    of its tables; and the file's size and modification time, so a stale inspect file is never used."""
    stat = os.stat(written_path)
    return {Path(db_path).stem: {
        "hash": file_sha256(written_path), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
        "file": Path(db_path).name, "tables": {table: {"count": count} for table, count in counts.items()}}}


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while block := file.read(2**20):
            digest.update(block)
    return digest.hexdigest()


def current_inspect_file(db_path):
    """The inspect file of `db_path`, or None when it is missing or describes another build of the file."""
    path = inspect_path(db_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        stat = os.stat(db_path)
        described = data[Path(db_path).stem]
        if described["size"] == stat.st_size and described["mtime_ns"] == stat.st_mtime_ns:
            return path
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def free_port(host="127.0.0.1"):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@contextmanager
def served(db_path, metadata=METADATA, timeout=30):
    """Serve `db_path` as `make serve` does, on a free port of 127.0.0.1; yield its base address (an Address)."""
    port = free_port()
    # Datasette logs every failed query to stderr; a pipe nobody reads would fill and stall it, so a file.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(datasette_command(db_path, port=port, metadata=metadata),
                                   stdout=subprocess.DEVNULL, stderr=log)
        base = Address(f"http://127.0.0.1:{port}")
        base.pid = process.pid
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    urllib.request.urlopen(f"{base}/-/versions.json", timeout=1)
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"datasette did not start: {log.read().decode()[-2000:]}") from None
                    time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
