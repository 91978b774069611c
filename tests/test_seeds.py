"""The seed articles are byte-identical copies, and the manifest says so (in the fixture and the live folder)."""

import hashlib

import pytest

from conftest import LIVE_SEEDS, ROOT, SEEDS

SHARED_ARTICLES = ROOT.parent / "shared" / "seeds" / "articles"


def test_every_article_file_matches_its_manifest_hash(manifest):
    files = {path.stem: path for path in (SEEDS / "articles").glob("*.txt")}
    assert sorted(files) == sorted(manifest)
    for article_id, entry in manifest.items():
        assert hashlib.sha256(files[article_id].read_bytes()).hexdigest() == entry["sha256"], article_id


def test_article_copies_are_byte_identical_to_the_shared_originals():
    if not SHARED_ARTICLES.is_dir():
        pytest.skip(f"{SHARED_ARTICLES} is not beside this clone; the manifest hashes still check the copies")
    originals = sorted(SHARED_ARTICLES.glob("*.txt"))
    assert originals, "no shared articles found"
    for original in originals:
        for seeds in (SEEDS, LIVE_SEEDS):
            assert (seeds / "articles" / original.name).read_bytes() == original.read_bytes(), (seeds, original.name)
