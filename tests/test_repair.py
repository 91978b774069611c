"""Text repairs: ftfy for ordinary mojibake, context rules for the lossy "â" damage."""

import re
import unicodedata

import ftfy
import pytest
from ftfy.badness import BADNESS_RE

from conftest import SEEDS
from whosaid.repair import ENCODING_ONLY, MAY_NEED_FTFY, repair_text, restore_lost_punctuation

DAMAGED = SEEDS / "articles" / "002_3055c024dfb4192d.txt"
# A text of our own in the seeds' styles: nested quotes, runs of marks, plural
# possessives, contractions, dashes between words and quotes closing after ? and .
OUR_OWN = (
    "Senator Jane Roe’s office said the allies’ plan was “dead on arrival.”\n"
    "“We won’t send troops—not now, not ever,” Roe said. “I’ve said so, and I’ll say it again.”\n"
    "“Calling it a ‘peace dividend’—or a ‘reset’—won’t change the facts,” she added.\n"
    "Asked whether talks could start, the minister said: “Why not?”\n"
    "The ministry’s statement—issued late—called the plan “premature.”\n"
)


def damage(text, code_page="latin-1"):
    """Do to `text` what was done to seed 002: each E2 xx xx character becomes the code page's letter for E2."""
    marker = b"\xe2".decode(code_page)
    return "".join(marker if character.encode("utf-8")[:1] == b"\xe2" else character for character in text)


def quote_marks_pair_up(paragraph):
    """True when every opening quote in `paragraph` is closed in order, and nothing closes unopened."""
    open_quotes = []
    for index, character in enumerate(paragraph):
        before = paragraph[index - 1] if index else " "
        after = paragraph[index + 1] if index + 1 < len(paragraph) else " "
        if character in "“‘":
            open_quotes.append(character)
        elif character in "”\"":
            if not open_quotes or open_quotes.pop() != "“":
                return False
        elif character == "’":
            is_apostrophe = before.isalpha() and (after.isalpha() or not open_quotes or open_quotes[-1] != "‘")
            if is_apostrophe:
                continue
            if not open_quotes or open_quotes.pop() != "‘":
                return False
    return not open_quotes


def test_seed_002_is_fully_repaired():
    raw = DAMAGED.read_text(encoding="utf-8")
    text, repairs = repair_text(raw)
    assert raw.count("â") == 44
    assert "â" not in text
    assert len(repairs) == 44
    assert all(repair["rule"].startswith("lost punctuation") for repair in repairs)
    for repair in repairs:
        assert text[repair["start"]:repair["end"]] == repair["repaired"]
        assert raw[repair["start"]:repair["end"]] == repair["original"] == "â"


def test_every_quote_in_seed_002_pairs_up():
    text, _ = repair_text(DAMAGED.read_text(encoding="utf-8"))
    unpaired = [paragraph for paragraph in text.split("\n") if not quote_marks_pair_up(paragraph)]
    assert unpaired == []
    assert "using the ‘fog of war’—or in this case, the ‘fog of negotiations’—to maintain" in text
    assert "Ukraine—a move" in text and "adversaries—and allies—off" in text
    assert "I’m not going to" in text and "won’t do,”" in text


def test_the_rules_restore_another_text_damaged_the_same_way():
    restored, repairs = restore_lost_punctuation(damage(OUR_OWN))
    assert restored == OUR_OWN
    assert len(repairs) == damage(OUR_OWN).count("â")


@pytest.mark.parametrize("code_page", ["cp874", "cp1251", "cp1253", "cp1255", "cp1257", "iso8859_5", "koi8_r",
                                       "cp437", "cp850"])
def test_the_same_damage_through_another_code_page_is_repaired_the_same_way(code_page):
    # Thai "โ", Cyrillic "в" or "т", Greek "β", Hebrew "ג" or "ā" stand where "â" stood.
    damaged = damage(OUR_OWN, code_page)
    assert damaged != damage(OUR_OWN)
    restored, repairs = repair_text(damaged)
    assert restored == OUR_OWN
    assert {repair["original"] for repair in repairs} == {b"\xe2".decode(code_page)}


def test_a_text_in_another_script_keeps_its_letters():
    for text in ("Москва в среду заявила, что в Киеве всё решено.\n", "Η Αθήνα είπε ότι β φάση ξεκινά.\n",
                 "Their ‘plan’ was Russiaтs, he said.\n",
                 # Mostly Cyrillic: "т" before "s" is a letter, not an apostrophe lost from an English text.
                 "Москва и Киев: Russiaтs план, сказал он.\n"):
        assert repair_text(text) == (text, [])


@pytest.mark.parametrize("clean", [
    "Russia’s—and China’s—leaders met.",
    "“We can’t—we won’t—do it.”",
    "They said they “won’t”.",
    "“The allies’ view is clear,” he said.",
    "“This decision is the Europeans’.”",
    "“We need peace—‘real peace’—now,” he said.",
    "He called it “a disaster”—a word he rarely uses.",
    "“I was going to—” he said, stopping.",
    "He said the “talks” were over.",
    "Beto O’Rourke and Al D’Amato spoke.",
    "The fund holds €50 billion for Kyiv.",
    "Back in the ’90s, it was different.",
    "The vote was 3–2 in the committee.",
    "The 2014’s borders and the U.S.’s position.",
])
def test_the_rules_read_each_mark_from_its_context(clean):
    assert restore_lost_punctuation(damage(clean))[0] == clean


# What the damage makes unknowable: a spaced dash or ellipsis comes back as an
# em dash, and a quote opening at the top level comes back double.
UNKNOWABLE = {("…", "—"), ("–", "—"), ("‘", "“"), ("’", "”")}


def test_the_rules_restore_the_other_seeds_damaged_the_same_way():
    for path in sorted((SEEDS / "articles").glob("*.txt")):
        if path == DAMAGED:
            continue
        original = path.read_text(encoding="utf-8")
        restored = repair_text(damage(original))[0]
        assert len(restored) == len(original)
        differences = {(a, b) for a, b in zip(original, restored) if a != b}
        assert differences <= UNKNOWABLE, path.name
    original = (SEEDS / "articles" / "004_2e21b0443b55ba82.txt").read_text(encoding="utf-8")
    assert damage(original) != original and repair_text(damage(original))[0] == original


def test_clean_articles_are_left_alone():
    for path in sorted((SEEDS / "articles").glob("*.txt")):
        if path == DAMAGED:
            continue
        raw = path.read_text(encoding="utf-8")
        assert repair_text(raw) == (raw, []), path.name


def test_a_real_a_circumflex_is_kept_when_the_punctuation_survived():
    text = "The “château” talks—held in Geneva—ended."
    assert repair_text(text) == (text, [])


def test_ordinary_mojibake_is_fixed_by_ftfy_and_located():
    text, repairs = repair_text("Ukraineâ€™s allies â€œwill notâ€\x9d wait.")
    assert text == "Ukraine’s allies “will not” wait."
    assert [text[repair["start"]:repair["end"]] for repair in repairs] == ["’", "“", "”"]
    assert all(repair["rule"].startswith("ftfy") for repair in repairs)


def test_text_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Dovilė Šakalienė said “no.”")
    text, repairs = repair_text(decomposed)
    assert text == unicodedata.normalize("NFC", decomposed)
    assert len(repairs) == len(re.findall("[ėŠ]", text))


def test_a_very_long_paragraph_is_repaired_without_recursion():
    # An article pasted without line breaks is one paragraph with thousands of marks.
    one_line = DAMAGED.read_text(encoding="utf-8").replace("\n", " ") * 50
    text, repairs = repair_text(one_line)
    assert len(repairs) == one_line.count("â") == 2200
    assert "â" not in text


def test_ftfy_cannot_change_a_line_that_skips_it():
    # repair_text skips ftfy for a line without a MAY_NEED_FTFY character. Each
    # branch of ftfy's mojibake pattern must need a character that is not one of those.
    skipped = {chr(code) for code in range(0x110000) if not MAY_NEED_FTFY.match(chr(code))}
    parsed = re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    [(operator, (_, branches))] = parsed.data
    assert operator is re._constants.BRANCH
    for branch in branches:
        needed = [characters_of(item) for item in branch.data]
        assert any(characters and not characters & skipped for characters in needed), branch
    for character in skipped:
        assert ftfy.fix_text(character, ENCODING_ONLY) == character
        assert unicodedata.is_normalized("NFC", character) and unicodedata.combining(character) == 0


def characters_of(item):
    """The characters one item of a parsed pattern matches, if it is a literal or a plain class; else None."""
    operator, argument = item
    if operator is re._constants.LITERAL:
        return {chr(argument)}
    if operator is not re._constants.IN:
        return None
    characters = set()
    for member, value in argument:
        if member is re._constants.LITERAL:
            characters.add(chr(value))
        elif member is re._constants.RANGE:
            characters.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None  # a negated class or a category such as \w: no bound on what it matches
    return characters
