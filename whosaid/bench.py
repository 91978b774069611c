"""The benchmark behind `make bench`: builds of synthetic corpora, and a load test against a real server.

It is never part of `make test`: timings depend on the machine. Figures are
printed as a table and written as JSON under bench/ (ignored by git), so runs
can be compared.
"""

import datetime
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import sqlite_utils

from .corpus import write_corpus

# The pages a reader or a script asks for: tables, views, canned queries, CSV and JSON.
LOAD_PATHS = [
    "/ukraine",
    "/ukraine/quotes",
    "/ukraine/quotes?_facet=speaker_id&_facet=kind",
    "/ukraine/quotes?_search=troops",
    "/ukraine/quotes_with_sources",
    "/ukraine/stance_timeline",
    "/ukraine/reversals",
    "/ukraine/contradictions",
    "/ukraine/latest_positions",
    "/ukraine/speakers",
    "/ukraine/person_timeline?person=pete-hegseth",
    "/ukraine/issue_positions?issue=us-troops-in-ukraine",
    "/ukraine/search_quotes?q=troops",
    "/ukraine/compare_people?a=jd-vance&b=pete-hegseth",
    "/ukraine/quotes.csv?_size=max",
    "/ukraine/stances.json?_shape=array&_size=max",
    "/ukraine/quotes.json?_shape=array&_labels=on",
]


def load_test(base, paths=LOAD_PATHS, requests=2000, connections=8):
    """Send `requests` GETs over `connections` concurrent keep-alive connections; return the figures."""
    address = urllib.parse.urlsplit(base)
    plan = [paths[n % len(paths)] for n in range(requests)]
    results = []   # (path, seconds, status)
    lock = threading.Lock()
    cursor = iter(plan)

    def worker():
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        while True:
            with lock:
                path = next(cursor, None)
            if path is None:
                break
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
                status = 0
            with lock:
                results.append((path, time.perf_counter() - started, status))
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    # Latencies are those of answered requests; failures are counted apart.
    latencies = [seconds for _, seconds, status in results if status == 200]
    errors = [(path, status) for path, _, status in results if status != 200]
    per_path = {}
    for path in paths:
        times = sorted(seconds for p, seconds, status in results if p == path and status == 200)
        per_path[path] = {"requests": len(times), "p50_ms": percentile(times, 50) * 1000,
                          "p95_ms": percentile(times, 95) * 1000}
    return {
        "requests": len(results), "connections": connections, "seconds": elapsed,
        "requests_per_second": len(results) / elapsed if elapsed else None,
        "p50_ms": percentile(sorted(latencies), 50) * 1000, "p99_ms": percentile(sorted(latencies), 99) * 1000,
        "errors": len(errors), "error_examples": errors[:5], "per_path": per_path,
    }


def percentile(sorted_values, share):
    if not sorted_values:
        return 0.0
    if len(sorted_values) == 1:
        return sorted_values[0]
    if share >= 100:
        return sorted_values[-1]
    return statistics.quantiles(sorted_values, n=100, method="inclusive")[share - 1]


def format_load(figures):
    lines = [f"load test: {figures['requests']} requests over {figures['connections']} connections in "
             f"{figures['seconds']:.2f} s: {figures['requests_per_second']:.0f} requests/s, "
             f"p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, {figures['errors']} errors",
             f"  {'page':<60} {'p50 ms':>8} {'p95 ms':>8}"]
    for path, row in figures["per_path"].items():
        lines.append(f"  {path[:60]:<60} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f}")
    return "\n".join(lines)


def write_figures(folder, name, figures):
    """Write the figures as JSON to bench/<name>-<UTC time>.json; return the path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"{name}-{stamp}.json"
    path.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    return path


# The floor: read the same article files and bulk-insert their raw texts, with no repair or extraction.
FLOOR_SCRIPT = """
import sys, pathlib, sqlite_utils
folder, db_path = pathlib.Path(sys.argv[1]), sys.argv[2]
db = sqlite_utils.Database(db_path, recreate=True)
with db.atomic():
    db["articles"].insert_all(({"id": path.stem, "text": path.read_text(encoding="utf-8")}
                               for path in sorted((folder / "articles").glob("*.txt"))), pk="id", batch_size=1000)
"""


def run_measured(command):
    """(wall seconds, peak resident MB, exit status) of a child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} failed: {process.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def scale_run(seeds_dir, build_script, n, folder):
    """Build a synthetic corpus of `n` articles; measure the build against the floor."""
    corpus = write_corpus(seeds_dir, Path(folder) / f"corpus-{n}", n)
    db_path = Path(folder) / f"build-{n}.db"
    floor_wall, floor_rss = run_measured([sys.executable, "-c", FLOOR_SCRIPT, str(corpus),
                                          str(Path(folder) / f"floor-{n}.db")])
    wall, rss = run_measured([sys.executable, str(build_script), "build", "--seeds", str(corpus), "--db",
                              str(db_path)])
    db = sqlite_utils.Database(db_path)
    quotes = db["quotes"].count
    return {"articles": n, "build_seconds": wall, "articles_per_second": n / wall, "quotes": quotes,
            "quotes_per_second": quotes / wall, "peak_rss_mb": rss, "db_mb": db_path.stat().st_size / 2**20,
            "floor_seconds": floor_wall, "floor_peak_rss_mb": floor_rss, "build_over_floor": wall / floor_wall}


def format_scale(rows):
    lines = [f"{'articles':>9} {'build s':>9} {'art/s':>8} {'quotes':>8} {'quotes/s':>9} {'peak MB':>8} "
             f"{'db MB':>7} {'floor s':>8} {'× floor':>8}"]
    for row in rows:
        lines.append(f"{row['articles']:>9,} {row['build_seconds']:>9.1f} {row['articles_per_second']:>8.0f} "
                     f"{row['quotes']:>8,} {row['quotes_per_second']:>9.0f} {row['peak_rss_mb']:>8.0f} "
                     f"{row['db_mb']:>7.1f} {row['floor_seconds']:>8.2f} {row['build_over_floor']:>8.1f}")
    return "\n".join(lines)
