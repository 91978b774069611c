"""The map step and the archive-wide resolve step on a Dask cluster (`build --scheduler local:N`) write the
database a local build writes."""

import hashlib
import importlib.util
import shutil

import pytest
import sqlite_utils
from click.testing import CliRunner

from build_db import cli
from conftest import SEEDS
from whosaid import engine
from whosaid.bench.corpus import write_corpus
from whosaid.build import build
from whosaid.resolve import ArchiveNames, WaitingQuote, in_waiting_order, resolve_part


def dump(db_path):
    return list(sqlite_utils.Database(db_path).iterdump())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The five seed articles, 70 synthetic ones and two of a person introduced in one and named by surname
    alone in the other (so the resolve step has work), in one seeds folder."""
    folder = write_corpus(SEEDS, tmp_path_factory.mktemp("dask") / "corpus", 70)
    for path in (SEEDS / "articles").iterdir():
        shutil.copy(path, folder / "articles" / path.name)
    with (folder / "articles.yml").open("a", encoding="utf-8") as manifest:
        manifest.write((SEEDS / "articles.yml").read_text(encoding="utf-8"))
        # One article introduces a person the registry lacks; a later one names her by surname alone.
        for article_id, text in (
                ("900_introduces", "Deputy Foreign Minister Ilse Brandvold spoke in Oslo on Monday.\n\n"
                                   "“We will not send soldiers,” Brandvold said.\n"),
                ("901_surname_only", "“The talks must include Kyiv,” Brandvold said on Tuesday.\n")):
            data = text.encode("utf-8")
            (folder / "articles" / f"{article_id}.txt").write_bytes(data)
            manifest.write(f"{article_id}:\n  outlet: Test Wire\n  headline: A test article\n"
                           f"  published: 2025-03-05\n  url: null\n  sha256: {hashlib.sha256(data).hexdigest()}\n")
    return folder


def test_a_build_on_a_local_dask_cluster_is_the_local_build(corpus, tmp_path):
    assert importlib.util.find_spec("distributed"), "make test installs the dask extra: run make install"
    local = build(corpus, tmp_path / "local.db", workers=2)
    on_dask = build(corpus, tmp_path / "dask.db", scheduler="local:2")
    assert local.counts == on_dask.counts and local.counts["articles"] == 77
    assert dump(tmp_path / "dask.db") == dump(tmp_path / "local.db")
    db = sqlite_utils.Database(tmp_path / "dask.db")
    # The reduction ran on the cluster and decided some speakers.
    assert db.execute("SELECT count(*) FROM quotes WHERE attribution = 'archive_surname'").fetchone()[0] > 0
    assert db["stance_suggestions"].count > 0 and db["quote_issues"].count > 0


def test_the_cli_builds_on_dask_and_refuses_a_scheduler_it_cannot_use(tmp_path, monkeypatch):
    result = CliRunner().invoke(cli, ["build", "--seeds", str(SEEDS), "--db", str(tmp_path / "d.db"),
                                      "--scheduler", "local:2", "--no-cache"])
    assert result.exit_code == 0, result.output
    build(SEEDS, tmp_path / "l.db")
    assert dump(tmp_path / "d.db") == dump(tmp_path / "l.db")
    for scheduler, message in (("local:0", "at least one worker"), ("somewhere", "neither local:N nor")):
        refused = CliRunner().invoke(cli, ["build", "--seeds", str(SEEDS), "--db", str(tmp_path / "x.db"),
                                           "--scheduler", scheduler])
        assert refused.exit_code == 2 and message in refused.output
        assert not (tmp_path / "x.db").exists()
    monkeypatch.setattr(engine.importlib.util, "find_spec", lambda name: None)
    missing = CliRunner().invoke(cli, ["check", "--seeds", str(SEEDS), "--scheduler", "local:2"])
    assert missing.exit_code == 2 and "pip install -e '.[dask]'" in missing.output


def test_the_archive_split_by_surname_resolves_as_the_whole():
    def person(name):
        return {"id": name.lower().replace(" ", "-"), "name": name, "kind": "person"}

    archive = ArchiveNames(registered={"Vance"})
    archive.by_surname = {"Keller": {"anna-keller": person("Anna Keller")},
                          "Toth": {"ida-toth": person("Ida Toth"), "ian-toth": person("Ian Toth")},
                          "Okafor": {"bo-okafor": person("Bo Okafor")}}
    archive.waiting = [WaitingQuote(f"q{n}", "a", surname, "words", "direct")
                       for n, surname in enumerate(["Okafor", "Toth", "Keller", "Vance", "Keller", "Nobody"])]
    whole = archive.resolutions()
    assert [found.quote_id for found in whole] == ["q0", "q2", "q4"]
    for n in (1, 2, 3, 7):
        parts = archive.partitions(n)
        assert len(parts) == n and sum(len(part.waiting) for part in parts) == len(archive.waiting)
        assert in_waiting_order(archive, [found for part in parts for found in resolve_part(part)]) == whole
