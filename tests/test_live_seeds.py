"""The live seeds/ folder: whatever a curator has added, it must check without errors.

Every other test reads the frozen copy in tests/fixtures/seeds/, so this is
the one assertion about the live folder, and it holds for any valid one.
"""

from conftest import LIVE_SEEDS

from whosaid.build import check
from whosaid.problems import errors_in


def test_the_live_seeds_check_without_errors():
    report = check(LIVE_SEEDS)
    assert errors_in(report.problems) == []
    assert report.counts["articles"] >= 1
