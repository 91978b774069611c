"""The benchmark behind `make bench`: builds of synthetic corpora, and a load test against a real server.

It is never part of `make test`: timings depend on the machine. Figures are
printed as a table and written as JSON under bench/ (ignored by git), so runs
can be compared.
"""

import collections
import datetime
import hashlib
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
from datasette_dashboards import replace_opts_in_query

from .corpus import write_corpus

# The pages a reader or a script asks for: tables, views, canned queries, CSV and JSON.
LOAD_PATHS = [
    "/",
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


def load_test(base, paths=LOAD_PATHS, requests=2000, connections=16):
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
            status = status_of(connection, path)
            if not status:
                connection.close()
                connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
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
                          "p95_ms": percentile(times, 95) * 1000, "p99_ms": percentile(times, 99) * 1000}
    return {
        "requests": len(results), "connections": connections, "seconds": elapsed,
        "requests_per_second": len(results) / elapsed if elapsed else None,
        "p50_ms": percentile(sorted(latencies), 50) * 1000, "p99_ms": percentile(sorted(latencies), 99) * 1000,
        "errors": len(errors), "error_examples": errors[:5], "per_path": per_path,
    }


def status_of(connection, path):
    """GET `path` on a keep-alive connection and read the answer; its status, or 0 when it failed."""
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return 0


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
             f"  {'page':<60} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"]
    for path, row in figures["per_path"].items():
        lines.append(f"  {path[:60]:<60} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['p99_ms']:>8.1f}")
    if "attacks" in figures:
        lines.insert(1, f"  while {figures['attackers']} clients, each from its own address, looped runaway "
                        f"queries: answers to them by status {figures['attacks']}")
    return "\n".join(lines)


# A query that never ends by itself: the server cuts it at its time limit.
RUNAWAY_SQL = "with recursive forever(n) as (select 1 union all select n + 1 from forever) select count(*) from forever"
# What a reader asks for while the server is under attack: table pages and their JSON.
STARVED_PATHS = ["/ukraine/people.json", "/ukraine/quotes", "/ukraine/stance_timeline", "/ukraine/articles.json",
                 "/ukraine/issues"]


def starvation_test(base, attackers=12, requests=300):
    """The table pages' latency while `attackers` clients loop runaway SQL, each from its own loopback
    address (127.0.0.2, 127.0.0.3, …), as many hostile clients would."""
    address = urllib.parse.urlsplit(base)
    runaway = "/ukraine.json?sql=" + urllib.parse.quote(RUNAWAY_SQL)
    stop = threading.Event()
    attacks = collections.Counter()
    lock = threading.Lock()

    def attacker(n):
        while not stop.is_set():
            connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30,
                                                    source_address=(f"127.0.0.{2 + n}", 0))
            status = status_of(connection, runaway)
            connection.close()
            with lock:
                attacks[status] += 1

    threads = [threading.Thread(target=attacker, args=(n,)) for n in range(attackers)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)   # every attacker has a query running or refused
    try:
        figures = load_test(base, paths=STARVED_PATHS, requests=requests, connections=2)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return {**figures, "attackers": attackers, "attacks": dict(sorted(attacks.items()))}


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
    """Wall seconds and peak memory of a command, its worker processes included.

    Returns (seconds, {"rss_mb", "pss_mb", "largest_mb"}): the peak of the
    process tree's summed resident memory, which counts the pages processes
    share (libraries) once per process; the peak of its summed proportional
    set size, which divides them among the sharers; and the largest single
    process. All three are sampled from /proc every 50 ms. (wait4's maxrss
    would not do: a child forked from this process starts with its size.)
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = {"rss": 0, "pss": 0, "largest": 0}
    done = threading.Event()

    def sample():
        while not done.wait(0.05):
            rss, pss, largest = tree_memory_kib(process.pid)
            peak["rss"], peak["pss"] = max(peak["rss"], rss), max(peak["pss"], pss)
            peak["largest"] = max(peak["largest"], largest)

    sampler = threading.Thread(target=sample)
    sampler.start()
    stderr = process.stderr.read()
    status = process.wait()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if status:
        raise RuntimeError(f"{' '.join(map(str, command))} failed: {stderr.decode()[-2000:]}")
    return wall, {"rss_mb": peak["rss"] / 1024, "pss_mb": peak["pss"] / 1024, "largest_mb": peak["largest"] / 1024}


def tree_memory_kib(pid):
    """(resident, proportional, largest resident) KiB of a process and its descendants, from /proc."""
    rss = pss = largest = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            resident = proc_field_kib(f"/proc/{current}/status", "VmRSS:")
            pss += proc_field_kib(f"/proc/{current}/smaps_rollup", "Pss:")
            rss, largest = rss + resident, max(largest, resident)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    pending += [int(child) for child in children.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return rss, pss, largest


def proc_field_kib(path, name):
    with open(path, encoding="ascii") as lines:
        return next((int(line.split()[1]) for line in lines if line.startswith(name)), 0)


def add_one_article(corpus):
    """Add one new article, with its manifest entry, to a synthetic corpus: the incremental rebuild's change."""
    article_id = "zz-added-article"
    data = ("“We will keep every option on the table,” Foreign Minister Anna Keller said on Tuesday.\n\n"
            "Keller spoke after meeting her counterparts in Brussels.\n").encode("utf-8")
    (corpus / "articles" / f"{article_id}.txt").write_bytes(data)
    with (corpus / "articles.yml").open("a", encoding="utf-8") as manifest:
        manifest.write(f"{article_id}:\n  outlet: Wire Service\n  headline: An added article\n"
                       f"  published: 2025-11-04\n  url: null\n  sha256: {hashlib.sha256(data).hexdigest()}\n")


def scale_run(seeds_dir, build_script, n, folder, workers):
    """Build a synthetic corpus of `n` articles cold; measure it against the floor; rebuild after adding one."""
    folder = Path(folder)
    corpus = write_corpus(seeds_dir, folder / f"corpus-{n}", n)
    # Named as published, so its pages have the published addresses.
    (folder / f"build-{n}").mkdir()
    db_path, cache_path = folder / f"build-{n}" / "ukraine.db", folder / f"cache-{n}.sqlite"
    floor_wall, floor_memory = run_measured([sys.executable, "-c", FLOOR_SCRIPT, str(corpus),
                                             str(folder / f"floor-{n}.db")])
    profile = folder / f"profile-{n}.json"
    build = [sys.executable, str(build_script), "build", "--seeds", str(corpus), "--db", str(db_path),
             "--workers", str(workers), "--cache", str(cache_path), "--profile", str(profile)]
    wall, memory = run_measured(build)
    phases = json.loads(profile.read_text(encoding="utf-8"))
    db = sqlite_utils.Database(db_path)
    quotes = db["quotes"].count
    db.close()
    add_one_article(corpus)
    rebuild_wall, rebuild_memory = run_measured(build)
    rebuild_phases = json.loads(profile.read_text(encoding="utf-8"))
    return {"articles": n, "workers": workers, "build_seconds": wall, "articles_per_second": n / wall,
            "quotes": quotes, "quotes_per_second": quotes / wall, "peak_rss_mb": memory["rss_mb"],
            "peak_pss_mb": memory["pss_mb"], "largest_process_mb": memory["largest_mb"],
            "db_mb": db_path.stat().st_size / 2**20, "floor_seconds": floor_wall,
            "floor_peak_rss_mb": floor_memory["rss_mb"], "build_over_floor": wall / floor_wall,
            "rebuild_one_added_seconds": rebuild_wall, "rebuild_peak_rss_mb": rebuild_memory["rss_mb"],
            "rebuild_share": rebuild_wall / wall, "phases": phases, "rebuild_phases": rebuild_phases,
            "db_path": str(db_path)}


def engine_run(seeds_dir, build_script, n, folder, workers):
    """A cold build of `n` articles with the local pool of `workers` processes, then on a Dask LocalCluster
    of as many workers (`--scheduler local:N`): seconds and peak memory of each, and whether they agree."""
    folder = Path(folder)
    corpus = folder / f"corpus-{n}"
    if not corpus.is_dir():
        write_corpus(seeds_dir, corpus, n)
    runs = {}
    engines = {"local": ["--workers", str(workers)], f"local:{workers}": ["--scheduler", f"local:{workers}"]}
    for label, engine in engines.items():
        db_path = folder / f"engine-{n}-{label.replace(':', '-')}.db"
        profile = folder / f"engine-profile-{n}.json"
        wall, memory = run_measured([sys.executable, str(build_script), "build", "--seeds", str(corpus), "--db",
                                     str(db_path), "--no-cache", "--profile", str(profile), *engine])
        phases = {row["phase"]: row["seconds"] for row in json.loads(profile.read_text(encoding="utf-8"))}
        runs[label] = {"seconds": wall, "articles_per_second": n / wall, "peak_rss_mb": memory["rss_mb"],
                       "db_path": str(db_path), "phases": phases}
    local, dask = (sqlite_utils.Database(runs[label]["db_path"]) for label in runs)
    same = all(list(local[table].rows) == list(dask[table].rows) for table in local.table_names())
    return {"articles": n, "workers": workers, "runs": runs, "identical": same}


def format_engines(row):
    lines = [f"map step at {row['articles']:,} articles, local processes against Dask "
             f"(databases identical: {'yes' if row['identical'] else 'NO'}):"]
    for label, run in row["runs"].items():
        waited = run["phases"].get("wait for workers", 0)
        lines.append(f"  {label:<10} {run['seconds']:>7.1f} s  {run['articles_per_second']:>5.0f} articles/s  "
                     f"RSS {run['peak_rss_mb']:>5.0f} MB  waiting for workers {waited:.1f} s")
    return "\n".join(lines)


def format_scale(rows):
    lines = [f"{'articles':>9} {'build s':>8} {'art/s':>6} {'quotes':>9} {'quotes/s':>8} {'RSS MB':>7} {'PSS MB':>7} "
             f"{'db MB':>7} {'floor s':>8} {'× floor':>8} {'+1 s':>6} {'+1 share':>8}"]
    for row in rows:
        lines.append(f"{row['articles']:>9,} {row['build_seconds']:>8.1f} {row['articles_per_second']:>6.0f} "
                     f"{row['quotes']:>9,} {row['quotes_per_second']:>8.0f} {row['peak_rss_mb']:>7.0f} "
                     f"{row['peak_pss_mb']:>7.0f} {row['db_mb']:>7.1f} {row['floor_seconds']:>8.2f} "
                     f"{row['build_over_floor']:>8.1f} {row['rebuild_one_added_seconds']:>6.1f} "
                     f"{row['rebuild_share']:>8.1%}")
    return "\n".join(lines)


def format_phases(row):
    """The profile of the cold build and of the rebuild: each phase's seconds and share, and the main
    process's memory after it."""
    lines = [f"phases of the {row['articles']:,}-article builds (main process; workers prepare in parallel):",
             f"  {'phase':<42} {'cold s':>7} {'share':>6} {'RSS MB':>7} {'+1 s':>7} {'share':>6}"]
    rebuild = {phase["phase"]: phase for phase in row["rebuild_phases"]}
    for phase in row["phases"]:
        again = rebuild.get(phase["phase"], {"seconds": 0.0})
        lines.append(f"  {phase['phase']:<42} {phase['seconds']:>7.1f} {phase['seconds'] / row['build_seconds']:>6.1%} "
                     f"{phase['resident_mb']:>7.0f} {again['seconds']:>7.1f} "
                     f"{again['seconds'] / row['rebuild_one_added_seconds']:>6.1%}")
    return "\n".join(lines)


def page_paths(metadata, db_path):
    """Every table page, view and canned query, a CSV and a JSON export of each table and view, and each query's JSON."""
    db = sqlite_utils.Database(db_path)
    names = [name for name in db.table_names() if "_fts" not in name and not name.startswith("sqlite_")]
    names += db.view_names()
    person = db.execute("select speaker_id from quotes where speaker_id is not null "
                        "group by speaker_id order by count(*) desc limit 1").fetchone()[0]
    other = db.execute("select person_id from stances where person_id != ? "
                       "group by person_id order by count(*) desc limit 1", [person]).fetchone()[0]
    issue = db.execute("select id from issues order by n limit 1").fetchone()[0]
    # The pages of one row of each kind with a page of its own: the most quoted person's, the article
    # with the most quotes, and that article's first quote.
    article = db.execute("select article_id from quotes group by article_id order by count(*) desc, article_id "
                         "limit 1").fetchone()[0]
    quote = db.execute("select id from quotes where article_id = ? order by id limit 1", [article]).fetchone()[0]
    db.close()
    arguments = {"person": person, "a": person, "b": other, "issue": issue, "q": "troops",
                 "from": "2025-02-01", "to": "2025-02-28"}
    paths = ["/ukraine"]
    for name in names:
        paths += [f"/ukraine/{name}", f"/ukraine/{name}.csv", f"/ukraine/{name}.json?_shape=array"]
    for name, query in metadata["databases"]["ukraine"].get("queries", {}).items():
        wanted = [key for key in arguments if f":{key}" in query["sql"]]
        query_string = "?" + urllib.parse.urlencode({key: arguments[key] for key in wanted}) if wanted else ""
        # The HTML page and its JSON: the difference is the cost of rendering up to 1,000 rows.
        paths += [f"/ukraine/{name}{query_string}", f"/ukraine/{name}.json{query_string}"]
    paths += ["/ukraine/quotes?_search=troops", "/ukraine/quotes?_facet=speaker_id&_facet=kind"]
    paths += [f"/ukraine/people/{person}", f"/ukraine/issues/{issue}", f"/ukraine/articles/{article}",
              f"/ukraine/quotes/{quote}", "/about"]
    # The ready-made charts: their dashboards, and the data each chart asks for.
    filters = {"issue": issue, "person": other}
    for slug, dashboard in (metadata.get("plugins", {}).get("datasette-dashboards") or {}).items():
        wanted = {key: filters[key] for key in dashboard.get("filters", {}) if key in filters}
        paths.append(f"/-/dashboards/{slug}?{urllib.parse.urlencode(wanted)}")
        for chart in dashboard.get("charts", {}).values():
            sql = replace_opts_in_query(chart["query"], wanted)
            paths.append(f"/ukraine.json?{urllib.parse.urlencode({'sql': sql, **wanted, '_shape': 'objects'})}")
    return paths


def time_pages(base, paths, repeats):
    """p50 and p95 of each page over `repeats` requests, one at a time: latency, not queueing."""
    return load_test(base, paths=paths, requests=len(paths) * repeats, connections=1)
