"""The benchmark behind `make bench`: a load test against a real Datasette server.

It is never part of `make test`: timings depend on the machine. Figures are
printed as a table and written as JSON under bench/ (ignored by git), so runs
can be compared.
"""

import datetime
import http.client
import json
import statistics
import threading
import time
import urllib.parse
from pathlib import Path

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
