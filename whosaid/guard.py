"""The door of the public server: an ASGI middleware in front of Datasette; pure of any database.

Datasette answers some requests a reader can type with a server error, and
lets one client's runaway queries hold every SQL thread. This middleware
turns those requests away with a plain page that says what to change, before
Datasette sees them:

- anything but GET and HEAD: the dataset is read-only (a POST to a canned
  query was a 500);
- a NUL character (%00) in the address: SQLite's full-text parser reads it as
  the end of the text ("unterminated string");
- a parameter Datasette parses without a check (`_timelimit=abc`, a
  `_through` or `__in=[` that is not JSON): each was a 500;
- a search box left empty, or holding only quotation marks: the same answer
  as no search (full-text search of nothing was "fts5: syntax error");
- ad-hoc SQL beyond a few queries at once, and beyond one at a time from one
  client: each is cut at the time limit anyway, but a dozen clients looping
  them took every thread, and the table pages waited 20 s. The site's own
  chart queries (`known_sql`) are not ad hoc: a dashboard sends two at once,
  and they wait their turn as pages do.

It also lets only a few pages be worked on at once, and queues the rest in
order of arrival. Datasette works on every request it has at the same time, a
step per query, so under load a page that needs fourteen queries (the quotes
table with its facets and labels) waited in line fourteen times, and took
five times as long as a page that needs three: p99 over 1 s over 16
connections. In a short queue every page waits about as long as any other.
A page gives up its place as its answer starts, so a long CSV export does not
hold one while it streams, and one client holds at most two places, so its
own slow pages cannot keep everyone else's waiting.
"""

import asyncio
import collections
import html
import json
import urllib.parse

READ_METHODS = {"GET", "HEAD"}


class RequestGuard:
    """Wrap `app`; `sql_at_once` ad-hoc queries may run together, `sql_per_client` from one client address,
    and `pages_at_once` other requests."""

    def __init__(self, app, sql_at_once=2, sql_per_client=1, pages_at_once=4, pages_per_client=2,
                 known_sql=frozenset()):
        self.app = app
        self.known_sql = known_sql
        self.sql_at_once = sql_at_once
        self.sql_per_client = sql_per_client
        self.running = collections.Counter()   # client address -> ad-hoc queries in flight
        self.running_total = 0
        self.pages_at_once = pages_at_once
        self.pages_per_client = pages_per_client
        self.page_places = None   # an asyncio.Semaphore, made in the server's event loop
        self.client_places = {}   # client address -> [its semaphore, its requests that hold or await it]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["method"] not in READ_METHODS:
            return await refuse(scope, send, 405, "This dataset is read-only: its pages answer GET requests only.",
                                "Open the page's address in a browser, or send a GET request.",
                                extra_headers=[(b"allow", b"GET, HEAD")])
        query = scope.get("query_string", b"")
        if b"%00" in query.lower() or b"\x00" in query or "\x00" in scope.get("path", ""):
            return await refuse(scope, send, 400, "The address holds a NUL character (%00), which no text in this "
                                "dataset contains.", "Remove %00 from the address and try again.")
        pairs = urllib.parse.parse_qsl(query.decode("utf-8", "replace"), keep_blank_values=True)
        searched = [(key, value) for key, value in pairs if not (key.startswith("_search") and key != "_searchmode"
                                                                 and not has_search_words(value))]
        malformed = next((fix for key, value in pairs if (fix := parameter_problem(key, value))), None)
        if malformed:
            return await refuse(scope, send, 400, "A parameter of the address cannot be read.", malformed)
        if len(searched) != len(pairs):
            scope = {**scope, "query_string": urllib.parse.urlencode(searched).encode("ascii")}
        client = (scope.get("client") or ("unknown", 0))[0]
        # A table page's _where is SQL the reader writes, as slow as any query.
        if not any(key == "_where" or (key == "sql" and value not in self.known_sql) for key, value in pairs):
            return await self.page(client, scope, receive, send)
        if self.running[client] >= self.sql_per_client or self.running_total >= self.sql_at_once:
            return await refuse(scope, send, 429, "Too many SQL queries are running at once, from you or from "
                                "everyone.", "Wait a second and try again: each query is stopped after its time "
                                "limit, so a place frees up soon.", extra_headers=[(b"retry-after", b"1")])
        self.running[client] += 1
        self.running_total += 1
        try:
            return await self.app(scope, receive, send)
        finally:
            self.running_total -= 1
            self.running[client] -= 1
            if not self.running[client]:
                del self.running[client]

    async def page(self, client, scope, receive, send):
        """Answer a request that runs no ad-hoc SQL, once one of the places for pages is free, and one of
        the client's own."""
        if self.page_places is None:
            self.page_places = asyncio.Semaphore(self.pages_at_once)
        own = self.client_places.setdefault(client, [asyncio.Semaphore(self.pages_per_client), 0])
        own[1] += 1
        holding = []
        try:
            for places in (own[0], self.page_places):
                await places.acquire()
                holding.append(places)

            async def send_then_leave(message):
                if message["type"] == "http.response.start":
                    while holding:
                        holding.pop().release()
                await send(message)
            return await self.app(scope, receive, send_then_leave)
        finally:
            while holding:
                holding.pop().release()
            own[1] -= 1
            if not own[1]:
                del self.client_places[client]


def parameter_problem(key, value):
    """What to change in a parameter Datasette would answer with a 500 (it parses them without a check)."""
    if key == "_timelimit" and not value.isdigit():
        return f"Give _timelimit as a whole number of milliseconds, not {value!r}."
    if key == "_through":
        try:
            through = json.loads(value)
            if not isinstance(through, dict) or not {"table", "column", "value"} <= set(through):
                raise ValueError
        except ValueError:
            return 'Give _through as JSON: {"table": "…", "column": "…", "value": "…"}.'
    if key.endswith(("__in", "__notin")) and value.startswith("["):
        try:
            if not isinstance(json.loads(value), list):
                raise ValueError
        except ValueError:
            return f"Give {key} as a JSON list, such as [\"a\", \"b\"], or as values separated by commas."
    return None


def has_search_words(value):
    """Whether a search box holds anything to search for once quotation marks are set aside."""
    return bool(value.replace('"', " ").strip())


async def refuse(scope, send, status, problem, fix, extra_headers=()):
    """A plain error page, or JSON for a .json address, that says what is wrong and what to change."""
    if scope.get("path", "").endswith(".json"):
        body = json.dumps({"ok": False, "status": status, "error": f"{problem} {fix}"}).encode("utf-8")
        content_type = b"application/json; charset=utf-8"
    else:
        body = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Error {status}</title></head><body>"
                f"<h1>Error {status}</h1><p>{html.escape(problem)}</p><p>{html.escape(fix)}</p>"
                f"<p><a href=\"/\">Back to the start page</a></p></body></html>").encode("utf-8")
        content_type = b"text/html; charset=utf-8"
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode("ascii")), *extra_headers]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
