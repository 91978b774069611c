"""Datasette's questions about an immutable database's schema, each asked of SQLite once.

Datasette asks them on every request: the front page and the database page
asked about 175 each (every table's columns, primary keys and full-text table,
and its name's spelling for the permission check), each a round trip to an SQL
thread. Under load every round trip waits in the threads' queue, so the pages
that ask most were the slowest by far: p99 2.4 s over 16 connections, against
60 ms alone. The database is served immutable (`-i`), so the answers cannot
change while the server runs; they are kept, and a copy is returned, since
Datasette edits some of the lists it is given.
"""

import asyncio
import copy
import functools
import re

# Database methods whose answer depends only on the schema (and the metadata, fixed at startup).
SCHEMA_QUESTIONS = (
    "table_names", "view_names", "table_exists", "table_columns", "table_column_details", "primary_keys",
    "fts_table", "label_column_for_table", "foreign_keys_for_table", "get_all_foreign_keys",
    "hidden_table_names", "get_table_definition", "get_view_definition", "attached_databases",
)

# SQL that Datasette itself sends about the schema, by its exact text: each permission check of a table
# asks for its name's spelling (Datasette 0.65.5, app.py), and every request for the schema's version.
SPELLING_SQL = "select name from sqlite_master where type in ('table', 'view') and name = ? collate nocase"
SCHEMA_SQL = {SPELLING_SQL, "PRAGMA schema_version"}


def remember_schema(database):
    """Answer `database`'s schema questions from memory after the first time; only if it is immutable.

    True when they will be remembered."""
    if database.is_mutable or database.is_memory:
        return False
    for name in SCHEMA_QUESTIONS:
        setattr(database, name, remembered(getattr(database, name)))
    database.execute = remembered_schema_sql(database.execute)
    return True


async def ask_every_schema_question(database):
    """Ask the questions once, as Datasette asks them, so that no reader's request waits for the answers:
    the first requests after a start, all at once, each asked them (p99 2.1 s for the front page)."""
    for question in ("table_names", "view_names", "hidden_table_names", "get_all_foreign_keys",
                     "attached_databases"):
        await getattr(database, question)()
    for table in await database.table_names():
        for question in ("table_exists", "table_columns", "table_column_details", "primary_keys", "fts_table",
                         "foreign_keys_for_table", "label_column_for_table"):
            await getattr(database, question)(table)
    for name in await database.table_names() + await database.view_names():
        # A page asks of a name both whether it is a table and whether it is a view.
        await database.get_table_definition(name)
        await database.get_view_definition(name)
        await database.execute(SPELLING_SQL, (name,))
    await database.execute("PRAGMA schema_version")
    await database.table_counts()   # from the inspect file when there is one, else counted once, now


# Answers kept per question: the schema's names take a few hundred. A reader can ask about names that do
# not exist (/ukraine/anything), and those must not fill the memory: past this, they are asked each time.
REMEMBERED_AT_MOST = 5_000


def remembered(question, copied=True):
    answers = {}

    @functools.wraps(question)
    async def ask(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if key not in answers:
            if len(answers) >= REMEMBERED_AT_MOST:
                answer = await question(*args, **kwargs)
                return fresh_copy(answer) if copied else answer
            # The question itself is kept, so the requests that arrive while it is being answered (the
            # first dozen at once, under load) wait for that answer rather than each asking again.
            answers[key] = asyncio.ensure_future(question(*args, **kwargs))
        try:
            answer = await asyncio.shield(answers[key])
        except Exception:
            answers.pop(key, None)   # a failure is not remembered: the next request asks again
            raise
        return fresh_copy(answer) if copied else answer
    ask.answers = answers
    return ask


def remembered_schema_sql(execute):
    """`execute`, answering the SQL in SCHEMA_SQL, and the counts and facets of table pages (COUNTS), from
    memory after the first time, and the rest as it would.

    The answers are Results of sqlite3.Row, which cannot be copied and are only read. A count or facet of
    an immutable database cannot change while it is served: at 50,000 articles the count of a search
    took 110-160 ms and each facet of the quotes table 45-80 ms, every time the page was asked for."""
    answer = remembered(execute, copied=False)

    @functools.wraps(execute)
    async def execute_or_remember(sql, params=None, *args, **kwargs):
        if sql in SCHEMA_SQL or COUNTS.match(sql):
            return await answer(sql, hashable(params), *args, **kwargs)
        return await execute(sql, params, *args, **kwargs)
    execute_or_remember.answers = answer.answers
    return execute_or_remember


# The SQL a table page sends to count its rows and its facets' values (Datasette 0.65.5, views/table.py and
# facets.py), by its opening words: answers of a few numbers, or of a facet's 30 values.
COUNTS = re.compile(r"\s*select count\(\*\) from |\s*select \S+ as value, count\(\*\) as count from \(")


class HashableParams(dict):
    """Query parameters that can be part of a key: Datasette passes them as a dict."""

    def __hash__(self):
        return hash(tuple(sorted((key, repr(value)) for key, value in self.items())))


def hashable(params):
    if isinstance(params, dict):
        return HashableParams(params)
    return tuple(params) if isinstance(params, list) else params


def fresh_copy(answer):
    """A copy of `answer` that its caller may change: cheap for the common strings and lists of strings
    (a deep copy of every answer took 5 ms of a 100 ms table page)."""
    if answer is None or isinstance(answer, (str, int)):
        return answer
    if isinstance(answer, list) and all(isinstance(item, (str, tuple)) for item in answer):
        return list(answer)   # names, or namedtuples of names and numbers: nothing inside can change
    return copy.deepcopy(answer)
