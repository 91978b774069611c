"""Records staged on disk read back as the same records, in the file's order, whichever way the file was read."""

import pytest

from whosaid.seeds import StanceEntry, read_records
from whosaid.staging import StagedRecords

ENTRY = "  person: {person}\n  issue: us-troops-in-ukraine\n  position: rules_out\n  article: {article}\n" \
        "  evidence: We will not send troops\n  said_on: 2025-02-14\n"


def stances_file(tmp_path, records, duplicate=False):
    text = "".join(f"{stance_id}:\n" + ENTRY.format(person=person, article=article)
                   for stance_id, person, article in records)
    if duplicate:   # the fast reading gives up at a duplicate key, and the full reading starts again
        stance_id, person, article = records[0]
        text += f"{stance_id}:\n" + ENTRY.format(person="someone-else", article=article)
    path = tmp_path / "stances.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("duplicate", [False, True])
def test_staged_stances_are_the_records_a_dict_gets(tmp_path, duplicate):
    path = stances_file(tmp_path, [("b-1", "jd-vance", "a2"), ("a-1", "pete-hegseth", "a1"),
                                   ("c-1", "jd-vance", "a2")], duplicate)
    in_memory_problems, staged_problems = [], []
    in_memory, _, _ = read_records(path, StanceEntry, in_memory_problems)
    staged = StagedRecords(group_by="article")
    try:
        read_records(path, StanceEntry, staged_problems, into=staged)
        assert list(staged.items()) == list(in_memory.items())
        assert len(staged) == 3 and list(staged) == ["b-1", "a-1", "c-1"]
        assert [stance_id for stance_id, _ in staged.grouped("a2")] == ["b-1", "c-1"]
        assert staged.get("a-1") == in_memory["a-1"] and staged.get("missing") is None
        assert staged.get("b-1")["said_on"].isoformat() == "2025-02-14"
        assert staged_problems == in_memory_problems and bool(staged_problems) == duplicate
        staged.discard(["b-1"])
        assert [stance_id for stance_id, _ in staged.grouped("a2")] == ["c-1"]
    finally:
        staged.close()
