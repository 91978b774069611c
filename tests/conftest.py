"""Shared fixtures: the real database, built from a frozen copy of the seeds into a temporary folder.

The tests read tests/fixtures/seeds/, not the live seeds/: a curator's new article, person or stance
must not turn them red (tests/test_live_seeds.py checks the live folder).
"""

from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from whosaid.build import build
from whosaid.serving import TEMPLATES
from whosaid.seeds import read_seeds
from whosaid.speakers import index_registry

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
LIVE_SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("build") / "ukraine.db"
    build(SEEDS, path)
    return path


@pytest.fixture(scope="session")
def metadata():
    return yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def manifest():
    return yaml.safe_load((SEEDS / "articles.yml").read_text(encoding="utf-8"))


@pytest.fixture
def datasette(db_path, metadata):
    # Served as `make serve` serves it: immutable, with our metadata.
    served = Datasette(immutables=[str(db_path)], metadata=metadata, template_dir=str(TEMPLATES))
    yield served
    # Closed, not left to the garbage collector: the plugin limits SQLite's heap for the whole process
    # (whosaid/plugin.py), and the page caches of a few hundred open connections filled it.
    for database in served.databases.values():
        database.close()



@pytest.fixture(scope="session")
def registry():
    """The real people registry, indexed for the extractor."""
    return index_registry(read_seeds(SEEDS).people)
