"""Build ukraine.db, the "Who Said What: U.S. Troops in Ukraine" database, from seeds/."""

import json
import os
import signal
import tempfile
import time
from pathlib import Path

import click
import sqlite_utils
import yaml

from whosaid.build import build as build_database
from whosaid.build import check as check_seeds
from whosaid.devset import DEVSET_DIR, DevSetMissing, read_devset, read_devset_gold, read_texts, write_devset_seeds
from whosaid.evaluate import evaluate as evaluate_database
from whosaid.evaluate import evaluate_gold
from whosaid.evaluate import (format_report, format_suggestion_agreement, format_tag_agreement, suggestion_agreement,
                              tag_agreement, tag_agreement_gold)
from whosaid.problems import InputError, errors_in
from whosaid.engine import check_scheduler
from whosaid.serving import SETTINGS, datasette_command, served
from whosaid.suggestions import format_entries, open_suggestions, stance_entry

HERE = Path(__file__).resolve().parent
seeds_option = click.option("--seeds", "seeds_dir", type=click.Path(file_okay=False, path_type=Path),
                            default=HERE / "seeds", show_default="seeds/", help="Folder of curated inputs.")
workers_option = click.option("--workers", default=os.cpu_count() or 1, show_default="the number of cores",
                              type=click.IntRange(min=1), help="Processes that repair and extract articles.")
cache_option = click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=Path),
                            default=HERE / ".cache" / "prepared.sqlite", show_default=".cache/prepared.sqlite",
                            help="Cache of prepared articles, by content hash: a rebuild prepares only what changed.")
no_cache_option = click.option("--no-cache", is_flag=True, help="Prepare every article again; read and write no cache.")
scheduler_option = click.option(
    "--scheduler", help="Run the map and resolve steps on Dask: local:N starts N local workers; an address "
                        "(tcp://host:8786) uses a running `dask scheduler`. Needs pip install -e '.[dask]'.")
db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                         default=HERE / "ukraine.db", show_default="ukraine.db", help="Database file to write.")


@click.group(invoke_without_command=True)
@click.pass_context
def cli(context):
    """Build the Who Said What database from seeds/. With no command, runs `build`."""
    # SIGTERM (a `kill`, a stopped container) cleans up as Ctrl-C does: the temporary database is
    # deleted and the worker pool shut down by the same `finally` blocks.
    signal.signal(signal.SIGTERM, stop_on_signal)
    if context.invoked_subcommand is None:
        context.invoke(build)


@cli.command()
@seeds_option
@db_option
@workers_option
@scheduler_option
@cache_option
@no_cache_option
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the seconds and memory of each phase of the build to this JSON file.")
@click.option("--full", is_flag=True,
              help="Build everything again, instead of applying only the articles and stances that changed "
                   "since the database at --db was built.")
def build(seeds_dir, db_path, workers, scheduler, cache_path, no_cache, profile_path, full):
    """Build the database from the seeds; on bad input, change nothing."""
    usable(scheduler)
    try:
        report = build_database(seeds_dir, db_path, workers=workers, cache_path=None if no_cache else cache_path,
                                scheduler=scheduler, full=full)
    except InputError as error:
        fail(error.problems, f"Nothing was written; {db_path} is as it was.")
    report_warnings(report.problems)
    how = f" ({report.plan.summary()})" if report.plan else ""
    click.echo(f"Built {db_path}{how}: {summary(report)}")
    report_unregistered(report)
    if profile_path:
        profile_path.write_text(json.dumps(report.phases.rows(), indent=2), encoding="utf-8")


@cli.command()
@seeds_option
@workers_option
@scheduler_option
@cache_option
@no_cache_option
def check(seeds_dir, workers, scheduler, cache_path, no_cache):
    """Check the seeds and report every problem, without writing a database."""
    usable(scheduler)
    try:
        report = check_seeds(seeds_dir, workers=workers, cache_path=None if no_cache else cache_path,
                             scheduler=scheduler)
    except InputError as error:
        fail(error.problems, "Fix them and run the check again.")
    report_warnings(report.problems)
    click.echo(f"The seeds are valid: {summary(report)}")
    report_unregistered(report)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@seeds_option
@click.option("--url", help="The article's address (instead of the page's canonical address).")
@click.option("--outlet", help="The outlet's name (instead of the page's site name).")
@click.option("--published", help="The publication day, YYYY-MM-DD (instead of the page's date).")
@click.option("--headline", help="The headline (instead of the page's title); a .txt file needs it.")
@click.option("--allow-duplicate", is_flag=True, help="Add a near copy of an article, marked as its copy.")
@click.option("--people-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Append the new speakers' people.yml entries to this file instead of printing them.")
@cache_option
def add(paths, seeds_dir, url, outlet, published, headline, allow_duplicate, people_file, cache_path):
    """Add saved web pages (.html, .htm) or texts (.txt), or folders of them, to the seeds.

    Writes each text to seeds/articles/ and its entry to seeds/articles.yml, together or not at all.
    """
    # Imported here: trafilatura and lxml add 16 MB to every build's main process otherwise.
    from whosaid.adding import Given, add_articles, people_entries
    given = Given(url=url, outlet=outlet, published=published, headline=headline)
    try:
        added, problems = add_articles(paths, seeds_dir, given, allow_duplicate=allow_duplicate)
    except InputError as error:
        fail(error.problems, f"Nothing was added; {seeds_dir / 'articles.yml'} is as it was.")
    report_warnings(problems)
    for article in added:
        unknown = f" ({' and '.join(article.unknown)} unknown: give --outlet / --url, or edit the entry)" \
            if article.unknown else ""
        copy = f", a copy of {article.entry['copy_of']}" if article.entry.get("copy_of") else ""
        click.echo(f"added {article.source} as articles/{article.stem}.txt{copy}{unknown}")
    try:
        report = check_seeds(seeds_dir, cache_path=cache_path)
    except InputError as error:
        fail(error.problems, "The articles were added, but the seeds have errors: fix them before building.")
    entries = people_entries(report.unregistered, [article.stem for article in added])
    if entries and people_file:
        with people_file.open("a", encoding="utf-8") as out:
            out.write(entries)
        click.echo(f"The new speakers' entries were appended to {people_file}: check them, then move them to "
                   "seeds/people.yml.")
    elif entries:
        click.echo("Speakers the registry lacks; check these entries and paste them into seeds/people.yml:")
        click.echo(entries.rstrip())


@cli.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              default=HERE / "ukraine.db", show_default="ukraine.db", help="Database to measure.")
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=HERE / "tests" / "gold" / "seeds.yml", show_default="tests/gold/seeds.yml",
              help="Hand-made annotation: article id -> quotes with text, speaker, said_on, precision.")
@click.option("--dev", type=click.Choice(["tuned", "held-out", "all"]),
              help="Instead: build the real-article development set (eval/real/) and measure that part of it.")
@click.option("--texts", "texts_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEVSET_DIR / "texts", show_default="eval/real/texts/",
              help="With --dev: the folder of the development set's restored texts.")
@click.option("--tags", is_flag=True, help="Instead: how the issue tags of --db agree with the coded stances.")
@click.option("--suggestions", is_flag=True, help="Instead: how the stance suggestions of --db agree with the coded "
                                                  "stances.")
@seeds_option
def evaluate(db_path, gold_path, dev, texts_dir, tags, suggestions, seeds_dir):
    """Measure quotes against a gold annotation: recall, precision, speakers, dates.

    With --dev, the development set's texts are built with the registry of
    --seeds into a temporary database first, and each part is reported.
    """
    if tags or suggestions:
        if not db_path.is_file():
            raise click.UsageError(f"{db_path} does not exist: build it first (make build), or give --db.")
        click.echo(format_tag_agreement(tag_agreement(db_path)) if tags
                   else format_suggestion_agreement(suggestion_agreement(db_path)))
        return
    if not dev:
        if not db_path.is_file():
            raise click.UsageError(f"{db_path} does not exist: build it first (make build), or give --db.")
        click.echo(format_report(evaluate_database(db_path, gold_path)))
        return
    articles = read_devset(which=dev)
    try:
        texts = read_texts(articles, texts_dir)
    except DevSetMissing as error:
        raise SystemExit(str(error))
    with tempfile.TemporaryDirectory() as folder:
        devset_seeds = write_devset_seeds(articles, texts, seeds_dir, Path(folder) / "seeds")
        devset_db = Path(folder) / "devset.db"
        try:
            build_database(devset_seeds, devset_db)
        except InputError as error:
            fail(error.problems, "The development set could not be built.")
        for held_out, label in ((False, "tuned part"), (True, "held-out part")):
            chosen = [article for article in articles if article.held_out == held_out]
            if chosen:
                click.echo(f"== {label}: {', '.join(sorted({article.part for article in chosen}))}")
                gold = read_devset_gold(chosen, texts)
                click.echo(format_report(evaluate_gold(devset_db, gold)))
                annotated, figures = tag_agreement_gold(devset_db, gold)
                if annotated:
                    click.echo(f"issue tags, on the {annotated} quotes whose issues are annotated "
                               "(eval/real/issues/):")
                    click.echo(format_tag_agreement(figures))


@cli.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              default=HERE / "ukraine.db", show_default="ukraine.db", help="Built database to read.")
@seeds_option
@click.option("--article", help="Only this article's suggestions (an articles.yml id).")
@click.option("--person", help="Only this person's (a people id).")
@click.option("--issue", help="Only this issue's (an issues.yml slug).")
def suggest(db_path, seeds_dir, article, person, issue):
    """Print stances.yml entries for the stance suggestions no curated stance covers, to review and paste.

    The suggestions are read from a built database (make build first): each entry cites the exact words,
    its article, and the cue it was suggested from.
    """
    if not db_path.is_file():
        raise click.UsageError(f"{db_path} does not exist: build it first (make build), or give --db.")
    stances_path = seeds_dir / "stances.yml"
    db = sqlite_utils.Database(db_path)
    taken = {row[0] for row in db.execute("select id from stances")}
    if stances_path.is_file():
        taken |= set((yaml.safe_load(stances_path.read_text(encoding="utf-8")) or {}).keys())
    found = [stance_entry(row, taken) for row in open_suggestions(db, article=article, person=person, issue=issue)]
    entries = [entry for entry in found if entry is not None]
    if not entries:
        click.echo("No open suggestions" + (" for these filters." if article or person or issue else "."), err=True)
        return
    click.echo(f"# {len(entries)} suggested stance(s), machine-read from cue words: check each against the article "
               f"and seeds/CODEBOOK.md, fix the position, then paste into {stances_path}.", err=True)
    if len(entries) < len(found):
        click.echo(f"# {len(found) - len(entries)} more cannot cite words of the text (a headline's quote).", err=True)
    click.echo(format_entries(entries), nl=False)


@cli.command()
@click.option("--db", "db_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=HERE / "ukraine.db", show_default="ukraine.db", help="Database to serve.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True)
def serve(db_path, host, port):
    """Serve the database read-only with Datasette, as published (settings in whosaid/serving.py)."""
    click.echo(f"Serving {db_path} on http://{host}:{port}/ ({', '.join(f'{k}={v}' for k, v in SETTINGS.items())})")
    click.echo(f"Open http://{host}:{port}/ in a browser. Press Ctrl+C to stop; run `make test` in another terminal.")
    command = datasette_command(db_path, host=host, port=port)
    os.execv(command[0], command)


@cli.command()
@db_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=HERE / "docs",
              show_default="docs/", help="Folder for the PNG files.")
def screenshots(db_path, out_dir):
    """Screenshot the pages the README shows (an issue, a person, a quote, an article, the troops chart)."""
    from whosaid.screenshots import take
    for path in take(db_path, out_dir):
        click.echo(f"wrote {path}")


@cli.command()
@click.option("--sizes", default="1000,10000,50000", show_default=True,
              help="Comma-separated corpus sizes to build, e.g. 1000,10000 (0 for none).")
@click.option("--repeats", default=20, show_default=True,
              help="Requests per page when timing every page of the largest corpus.")
@click.option("--requests", default=2000, show_default=True, help="Requests in the load test of the seeds.")
@click.option("--connections", default=16, show_default=True, help="Concurrent connections in the load test.")
@click.option("--engine-size", default=10000, show_default=True,
              help="Articles in the build timed with local processes against a Dask LocalCluster (0 for none).")
@workers_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=HERE / "bench",
              show_default="bench/", help="Folder for the JSON figures.")
def bench(sizes, repeats, requests, connections, engine_size, workers, out_dir):
    """Benchmark: build synthetic corpora against a floor, time every page of the largest, load-test the seeds.

    Not a test: the figures depend on the machine.
    """
    from whosaid.bench.run import (engine_run, format_engines, format_load, format_phases, format_scale, load_test,
                                   page_paths, scale_run, starvation_test, time_pages, write_figures)
    metadata = yaml.safe_load((HERE / "metadata.yml").read_text(encoding="utf-8"))
    figures = {"machine": {"cores": os.cpu_count(), "workers": workers}}
    with tempfile.TemporaryDirectory() as folder:
        scale = []
        for size in (int(size) for size in sizes.split(",") if int(size) > 0):
            click.echo(f"building {size:,} synthetic articles …", err=True)
            scale.append(scale_run(HERE / "seeds", HERE / "build_db.py", size, folder, workers))
            click.echo(format_scale(scale[-1:]), err=True)
        figures["scale"] = scale
        if engine_size and check_scheduler(f"local:{workers}") is None:
            click.echo(f"building {engine_size:,} articles on local processes, then on Dask …", err=True)
            figures["engines"] = engine_run(HERE / "seeds", HERE / "build_db.py", engine_size, folder, workers)
            click.echo(format_engines(figures["engines"]))
        if scale:
            click.echo(format_scale(scale))
            largest = scale[-1]
            click.echo(format_phases(largest))
            with served(Path(largest["db_path"])) as base:
                pages = time_pages(base, page_paths(metadata, largest["db_path"]), repeats)
            figures["pages"] = {"articles": largest["articles"], **pages}
            click.echo(f"every page at {largest['articles']:,} articles, {repeats} requests each, one at a time:")
            click.echo(format_load(pages))
        db_path = Path(folder) / "ukraine.db"
        started = time.perf_counter()
        build_database(HERE / "seeds", db_path)
        figures["build_seconds"] = time.perf_counter() - started
        click.echo(f"build of the seeds: {figures['build_seconds']:.2f} s")
        with served(db_path) as base:
            figures["load"] = load_test(base, requests=requests, connections=connections)
            # Case 2 of the reliability issue: table pages while a dozen clients loop runaway SQL.
            figures["starvation"] = starvation_test(base)
    click.echo(format_load(figures["load"]))
    click.echo(format_load(figures["starvation"]))
    path = write_figures(out_dir, "bench", figures)
    click.echo(f"figures written to {path}")
    failed = figures["load"]["errors"] + figures.get("pages", {}).get("errors", 0)
    if failed:
        raise SystemExit(f"{failed} request(s) failed: {figures['load']['error_examples']} "
                         f"{figures.get('pages', {}).get('error_examples', [])}")


def usable(scheduler):
    """Stop with a usage error, before anything is read, when --scheduler cannot be used."""
    problem = check_scheduler(scheduler)
    if problem:
        raise click.UsageError(problem)


def stop_on_signal(signum, frame):
    raise KeyboardInterrupt(f"stopped by signal {signum}")


def summary(report):
    counts = report.counts
    cached = f"{report.cache_hits} prepared before, " if report.cache_hits else ""
    return (
        f"{counts['articles']} articles ({cached}{counts['repairs']} characters repaired), "
        f"{counts['paragraphs']} paragraphs, {counts['quotes']} quotes ({counts['unresolved']} unresolved), "
        f"{counts['utterances']} utterances, "
        f"{counts['people']} people (+{len(report.unregistered)} not in people.yml), "
        f"{counts['issues']} issues, {counts['stances']} stances."
    )


def report_unregistered(report):
    """Speakers the registry lacks: built with registered = 0, listed here for a curator to add."""
    if not report.unregistered:
        return
    click.echo(f"{len(report.unregistered)} speaker(s) not in people.yml (built with registered = 0); "
               "add them to seeds/people.yml:")
    for person in report.unregistered:
        role = f", {person['role']}" if person["role"] else ""
        articles = person["articles"]
        shown = ", ".join(articles[:5]) + (f" and {len(articles) - 5:,} more" if len(articles) > 5 else "")
        click.echo(f"  {person['id']}: {person['name']} ({person['kind']}{role}), named "
                   f"{' / '.join(person['aliases'])} in {shown}")


def report_warnings(problems):
    for problem in problems:
        click.echo(str(problem), err=True)


def fail(problems, consequence):
    for problem in problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(errors_in(problems))} error(s) found. {consequence}", err=True)
    raise SystemExit(1)


if __name__ == "__main__":
    cli()
