"""The public server under attack: queries that would eat its memory, and errors a reader can cause.

Each test sends what once took the server down or answered 500, to a real `datasette serve` with the
plugin (whosaid/plugin.py) as `make serve` runs it, and fails if the protection is removed.
"""

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from whosaid.serving import served


@pytest.fixture(scope="module")
def server(db_path):
    with served(db_path) as base:
        yield base


def get(base, path, method="GET"):
    request = urllib.request.Request(base + path, method=method, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def peak_memory_mb(pid):
    """The server's peak resident memory so far (VmHWM)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM in /proc")


def sql(query):
    return "/ukraine.json?sql=" + urllib.parse.quote(query)


@pytest.mark.parametrize("query, message", [
    ("select randomblob(1e9)", "too big"),                                     # one C call, 1.33 GB after 30 s
    ("select length(printf('%.*c', 999999999, 'x'))", "raised exception"),      # 9.6 s in one C call
    ("select randomblob(9e6) from quotes", "more than one query may return"),  # 720 MB of JSON, 4 GB peak
])
def test_a_query_cannot_take_the_servers_memory(db_path, query, message):
    # A server of its own, so the peak is this query's.
    with served(db_path) as base:
        started = time.monotonic()
        status, body = get(base, sql(query))
        took = time.monotonic() - started
        assert status == 400 and message in json.loads(body)["error"], body[-300:]
        assert took < 3, took
        assert peak_memory_mb(base.pid) < 400
        assert get(base, "/ukraine/quotes.json?_size=1")[0] == 200


def test_a_query_that_needs_too_much_memory_is_a_400_not_a_500(server):
    status, body = get(server, sql("select hex(randomblob(4e6)) from quotes order by 1"))
    assert status == 400 and "more memory" in json.loads(body)["error"], body[-300:]


def test_printf_still_formats(server):
    status, body = get(server, sql("select printf('%05.1f|%-3s|%.*c|%%', 2.5, 'a', 3, 'x') as v"))
    assert status == 200 and json.loads(body)["rows"] == [["002.5|a  |xxx|%"]]


@pytest.mark.parametrize("path, says", [
    ("/ukraine/people?_sort=nonexistent", "Sort by one of the columns"),
    ("/ukraine/quotes.json?_sort_desc=nonexistent", "Sort by one of the columns"),
    ("/ukraine/stance_timeline?_sort=nonexistent", "Sort by one of the columns"),
    ("/ukraine/people?_sort=id&_sort_desc=id", "not both"),
    ("/ukraine/quotes?_search=troops%00", "Remove %00"),
    ("/ukraine/articles.json?_search=%00", "Remove %00"),
    ("/ukraine/search_quotes?q=troops%00", "Remove %00"),
    ("/ukraine/quotes?_search=NEAR(&_searchmode=raw", "balance the quotation marks"),
    ("/ukraine/quotes.json?_timelimit=abc", "whole number of milliseconds"),
    ("/ukraine.json?sql=select+1&_timelimit=abc", "whole number of milliseconds"),
    ("/ukraine/quotes.json?_through=%7B%7D", "Give _through as JSON"),
    ("/ukraine/quotes?_through=zz", "Give _through as JSON"),
    ("/ukraine/quotes.json?speaker_id__in=%5B", "as a JSON list"),
])
def test_errors_a_reader_can_cause_are_400_pages_that_say_what_to_change(server, path, says):
    status, body = get(server, path)
    assert status == 400, (path, status, body[:300])
    assert says in body


@pytest.mark.parametrize("path", ["/ukraine/search_quotes?q=troops", "/ukraine/people.json", "/ukraine/quotes"])
def test_a_post_is_refused_as_the_site_is_read_only(server, path):
    status, body = get(server, path, method="POST")
    assert status == 405 and "read-only" in body, body[:300]


@pytest.mark.parametrize("table", ["articles", "quotes"])
@pytest.mark.parametrize("typed", ["%22", "", "%22%22%20%22", "%20"])
def test_a_search_of_nothing_but_quotation_marks_is_no_search(server, table, typed):
    status, body = get(server, f"/ukraine/{table}.json?_search={typed}&_shape=array&_size=max")
    assert status == 200, body[:300]
    status, everything = get(server, f"/ukraine/{table}.json?_shape=array&_size=max")
    assert json.loads(body) == json.loads(everything)


def test_one_client_runs_one_ad_hoc_query_at_a_time_and_pages_keep_answering(server):
    runaway = ("with recursive forever(n) as (select 1 union all select n + 1 from forever) "
               "select count(*) from forever")
    statuses = []
    threads = [threading.Thread(target=lambda: statuses.append(get(server, sql(runaway))[0])) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    assert get(server, "/ukraine/people.json")[0] == 200
    assert time.monotonic() - started < 1
    for thread in threads:
        thread.join()
    # One ran until its time limit (400 "interrupted"); the others were turned away at once.
    assert sorted(statuses) == [400, 429, 429, 429]
