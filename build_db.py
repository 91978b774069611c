"""Build ukraine.db, the "Who Said What: U.S. Troops in Ukraine" database, from seeds/."""

from pathlib import Path

import click

from whosaid.build import build as build_database
from whosaid.build import prepare
from whosaid.problems import InputError, errors_in

HERE = Path(__file__).resolve().parent
seeds_option = click.option("--seeds", "seeds_dir", type=click.Path(file_okay=False, path_type=Path),
                            default=HERE / "seeds", show_default="seeds/", help="Folder of curated inputs.")
db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                         default=HERE / "ukraine.db", show_default="ukraine.db", help="Database file to write.")


@click.group(invoke_without_command=True)
@click.pass_context
def cli(context):
    """Build the Who Said What database from seeds/. With no command, runs `build`."""
    if context.invoked_subcommand is None:
        context.invoke(build)


@cli.command()
@seeds_option
@db_option
def build(seeds_dir, db_path):
    """Build the database from the seeds; on bad input, change nothing."""
    try:
        prepared = build_database(seeds_dir, db_path)
    except InputError as error:
        fail(error.problems, f"Nothing was written; {db_path} is as it was.")
    report_warnings(prepared.problems)
    click.echo(f"Built {db_path}: {summary(prepared)}")


@cli.command()
@seeds_option
def check(seeds_dir):
    """Check the seeds and report every problem, without writing anything."""
    try:
        prepared = prepare(seeds_dir)
    except InputError as error:
        fail(error.problems, "Fix them and run the check again.")
    report_warnings(prepared.problems)
    click.echo(f"The seeds are valid: {summary(prepared)}")


def summary(prepared):
    articles = prepared.articles
    return (
        f"{len(articles)} articles ({sum(article['repairs'] for article in articles)} characters repaired), "
        f"{sum(len(article['paragraphs']) for article in articles)} paragraphs, "
        f"{len(prepared.seeds.people)} people, {len(prepared.seeds.issues)} issues."
    )


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
