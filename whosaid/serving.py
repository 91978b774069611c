"""How the database is served: the one place that says which Datasette settings `make serve` uses.

Arbitrary SQL stays open to everyone, so a runaway query is cut off after a
second, and a page returns at most 1,000 rows (CSV streams every row with
_stream=on). Facets are the ones metadata.yml names: Datasette's suggested
facets would run a query per column on every page (60 ms of a 95 ms view page
on the seeds). The database is served immutable, so nothing can write to it.
"""

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"
SETTINGS = {"sql_time_limit_ms": 1000, "max_returned_rows": 1000, "suggest_facets": "off"}


def datasette_command(db_path, host="127.0.0.1", port=8001, metadata=METADATA):
    """The `datasette serve` command line for `db_path`."""
    command = [sys.executable, "-m", "datasette", "serve", "--immutable", str(db_path), "--metadata", str(metadata),
               "--host", host, "--port", str(port)]
    for name, value in SETTINGS.items():
        command += ["--setting", name, str(value)]
    return command


def free_port(host="127.0.0.1"):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@contextmanager
def served(db_path, metadata=METADATA, timeout=30):
    """Serve `db_path` as `make serve` does, on a free port of 127.0.0.1; yield its base address."""
    port = free_port()
    # Datasette logs every failed query to stderr; a pipe nobody reads would fill and stall it, so a file.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(datasette_command(db_path, port=port, metadata=metadata),
                                   stdout=subprocess.DEVNULL, stderr=log)
        base = f"http://127.0.0.1:{port}"
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
