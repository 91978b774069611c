"""The Datasette plugin that makes the public server safe to leave open (registered in pyproject.toml).

- Every connection Datasette opens gets a length limit and the process a heap
  limit: `select randomblob(1e9)` was one C call that never reached the time
  limit, returned 1.33 GB after 30 s, and six at once took 12 GB.
- The RequestGuard (whosaid/guard.py) stands in front of every request.
- Errors a reader causes with an address are 400 pages that say what to change,
  not 500s.
- The schema of the immutable database is read once, not on every request
  (whosaid/schema.py): under load the database page waited seconds for it.
- A quote's page and an article's get what their templates (templates/row-ukraine-*.html)
  show: the words in their paragraph, speaker, article, date, citation
  (whosaid/quote_page.py); the text with its quotes, evidence and repairs marked
  (whosaid/article_page.py); a person's positions, reversals, clashes and quotes
  (whosaid/person_page.py); an issue's scale, positions and clashes (whosaid/issue_page.py).
"""

import itertools
import re
import sqlite3
import threading
import weakref

import markupsafe
from datasette import hookimpl
# The module, not its function: a hook implementation imported by name would register twice.
from datasette import handle_exception as datasette_errors
from datasette.utils import tilde_encode, urlsafe_components
from datasette.views.base import DatasetteError

from .cell_hooks import without_markdown_cells
from .charts import page_chart
from .guard import RequestGuard
from . import article_page, issue_page, person_page, quote_page
from .schema import ask_every_schema_question, remember_schema
from .articles import MAX_ARTICLE_BYTES

# The longest string or blob any SQL may make or read: room for the longest article the build accepts,
# repaired (a repair can lengthen the text a little) and with its row's other columns.
LENGTH_LIMIT = 2 * MAX_ARTICLE_BYTES
# What SQLite may allocate in all, for every connection of the server: page caches of a few MB each,
# sorts that spill to temporary files beyond the cache, and one value of up to LENGTH_LIMIT per query.
HEAP_LIMIT = 128 * 2**20
# printf('%.*c', 999999999, 'x') writes a character a billion times in one C call: the length limit makes
# the result NULL but not the loop shorter (9.6 s), and the time limit is checked only between calls.
PRINTF_WIDTH_LIMIT = 10_000
# The text and blobs one query may return, in characters and bytes: Datasette holds a result in memory and
# encodes it again as JSON or HTML, so 80 rows of randomblob(9e6) took the server to 4 GB. A page of
# 1,000 quotes is about 1 MB; an export of every row streams page by page, a query per page.
RESULT_LIMIT = 50_000_000
PRINTF_SPEC = re.compile(r"%[-+ #0!,]*(\*|[0-9]+)?(?:\.(\*|[0-9]+))?[a-zA-Z%]")


@hookimpl
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, LENGTH_LIMIT)
    conn.execute(f"PRAGMA hard_heap_limit = {HEAP_LIMIT}")
    for name in ("printf", "format"):
        conn.create_function(name, -1, bounded_printf, deterministic=True)
    conn.row_factory = bounded_row


_returned = threading.local()   # per SQL thread: cursor -> characters and bytes it has returned


def bounded_row(cursor, row):
    """sqlite3.Row, as Datasette asks for, counting what the cursor returns against RESULT_LIMIT."""
    size = sum(len(value) for value in row if isinstance(value, (str, bytes)))
    if size:
        returned = getattr(_returned, "sizes", None)
        if returned is None:
            returned = _returned.sizes = weakref.WeakKeyDictionary()
        total = returned.get(cursor, 0) + size
        if total > RESULT_LIMIT:
            # An OperationalError, so Datasette shows it as a 400 page with this message.
            raise sqlite3.OperationalError(
                f"the rows of this query hold over {RESULT_LIMIT:,} characters, more than one query may return: "
                "ask for fewer rows (limit), or shorter values (substr, length)")
        returned[cursor] = total
    return sqlite3.Row(cursor, row)


_builtin = threading.local()


def bounded_printf(template=None, *arguments):
    """SQLite's own printf, refusing a width or precision over PRINTF_WIDTH_LIMIT."""
    if isinstance(template, str):
        consumed = iter(arguments)
        for match in PRINTF_SPEC.finditer(template):
            for size in match.groups():
                if size == "*":
                    size = next(consumed, 0)
                    size = abs(size) if isinstance(size, int) else 0
                elif size is None or match.group(0) == "%%":
                    continue
                if int(size) > PRINTF_WIDTH_LIMIT:
                    raise ValueError(f"printf widths are limited to {PRINTF_WIDTH_LIMIT:,}")
            if match.group(0)[-1] != "%":
                next(consumed, None)
    if not hasattr(_builtin, "connection"):
        # A connection of its own in each thread, where printf is still SQLite's.
        _builtin.connection = sqlite3.connect(":memory:", check_same_thread=False)
    placeholders = ", ".join("?" * (1 + len(arguments)))
    return _builtin.connection.execute(f"select printf({placeholders})", (template, *arguments)).fetchone()[0]


@hookimpl
def startup(datasette):
    without_markdown_cells()

    async def read_the_schemas():
        for database in list(datasette.databases.values()):
            if remember_schema(database):
                await ask_every_schema_question(database)
        await datasette.refresh_schemas()   # Datasette's own record of them, made on the first request otherwise
    return read_the_schemas


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["tilde_encode"] = tilde_encode   # a row's id as Datasette writes it in a row's address


# Date columns and the column beside them that says how precise they are.
DATE_PRECISIONS = {"said_on": "said_on_precision", "from_date": "from_precision", "to_date": "to_precision",
                   "said_on_a": "precision_a", "said_on_b": "precision_b"}   # the last two: compare_people


@hookimpl
def render_cell(row, value, column):
    # A date the text gives only as a month, a year or "on or before" publication must not read as a day.
    precision = DATE_PRECISIONS.get(column)
    if precision is None or not isinstance(value, str):
        return None
    try:
        shown = quote_page.date_at_precision(value, row[precision])
    except (KeyError, IndexError):
        return None   # a query's result without the precision column: the date as stored
    return shown and markupsafe.Markup('<span title="stored as {}">{}</span>').format(value, shown)


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    # The row pages with a template of their own get what it shows.
    if view_name != "row" or table not in ("quotes", "articles", "people", "issues") or request is None:
        return {}

    async def the_page():
        (row_id,) = urlsafe_components(request.url_vars["pks"])
        db = datasette.get_database(database)
        if table == "articles":
            return {"article_page": await article_page.load(db, row_id)}
        if table == "people":
            return {"person_page": await person_page.load(db, row_id),
                    "chart": page_chart(datasette, request, "person", "positions", person=row_id)}
        if table == "issues":
            return {"issue_page": await issue_page.load(db, row_id),
                    "chart": page_chart(datasette, request, "positions", "timeline", issue=row_id)}
        url = datasette.absolute_url(request, datasette.urls.row(database, table, tilde_encode(row_id)))
        return {"quote_page": await quote_page.load(db, row_id, url)}
    return the_page


@hookimpl
def asgi_wrapper(datasette):
    # One SQL thread is always left to the pages: ad-hoc queries take at most the others. Pages are worked
    # on a few at a time: one more than the threads, so that one is rendered while the others query.
    threads = datasette.setting("num_sql_threads") or 3
    return lambda app: RequestGuard(app, sql_at_once=max(1, threads - 1), sql_per_client=1,
                                    pages_at_once=threads + 1, known_sql=chart_queries(datasette))


def chart_queries(datasette):
    """Every SQL text the ready-made charts send: each chart's query with each of its optional
    `[[ ... :name ... ]]` parts kept or dropped, as datasette-dashboards fills them in."""
    from datasette_dashboards import replace_opts_in_query, sql_opt_pattern, sql_var_pattern

    queries = set()
    for dashboard in (datasette.plugin_config("datasette-dashboards") or {}).values():
        for chart in (dashboard.get("charts") or {}).values():
            query = chart.get("query")
            if not query:
                continue
            names = [match.group("var") for option in sql_opt_pattern.findall(query)
                     for match in [sql_var_pattern.search(option)] if match]
            for kept in itertools.product(("", "x"), repeat=len(names)):
                queries.add(replace_opts_in_query(query, dict(zip(names, kept))))
    return frozenset(queries)


# Errors Datasette raises as 500s that only the address caused: the start of its message -> what to change.
CLIENT_ERRORS = {
    "Cannot sort table by": "Sort by one of the columns the page shows: change or remove _sort / _sort_desc.",
    "Cannot use _sort and _sort_desc": "Give either _sort or _sort_desc, not both.",
    "Invalid _through": "Remove _through from the address, or name a table that links to this one.",
}


@hookimpl
def handle_exception(datasette, request, exception):
    if isinstance(exception, MemoryError):
        return datasette_errors.handle_exception(datasette, request, DatasetteError(
            f"This query needs more memory than the server gives all queries together ({HEAP_LIMIT // 2**20} MB). "
            "Ask for fewer rows or shorter values, or sort fewer of them.", title="Query too large", status=400))
    if not isinstance(exception, DatasetteError):
        return None
    message = str(exception.message)
    fix = next((fix for start, fix in CLIENT_ERRORS.items() if message.startswith(start)), None)
    if fix is None and exception.status == 400 and "fts5" in message and any(
            key.startswith("_search") for key in request.args):
        fix = ("The search words could not be read as a full-text query: balance the quotation marks and "
               "brackets, or remove _searchmode=raw to search for the words as typed.")
    if fix is None:
        return None
    return datasette_errors.handle_exception(datasette, request, DatasetteError(
        f"{message}. {fix}", title="Bad request", status=400))
