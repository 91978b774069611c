"""Role phrases: matched with their country and synonyms, and kept apart from names in the registry.

The sentences are written for the tests; invented names stand for people the registry lacks.
"""

import shutil

import pytest

from conftest import SEEDS
from test_cli import edit, run
from test_extract import extract
from test_extract_real_prose import speakers
from whosaid.roles import is_generic_role, role_fits
from whosaid.speakers import index_registry


@pytest.mark.parametrize("phrase, role, country, fits", [
    ("the US president", "President of the United States", "United States", True),
    ("the American president", "President of the United States", "United States", True),
    ("the US president", "President of Ukraine", "Ukraine", False),
    ("the Ukrainian president", "President of Ukraine", "Ukraine", True),
    ("the Russian leader", "President of Russia", "Russia", True),
    ("the British prime minister", "Prime Minister", "United Kingdom", True),
    ("the British prime minister", "Prime Minister of Ireland", "Ireland", False),
    ("the White House spokesperson", "White House Press Secretary", "United States", True),
    ("the White House spokeswoman", "White House Press Secretary", "United States", True),
    ("the defence secretary", "U.S. Secretary of Defense", "United States", True),
    ("the president", "Vice President of the United States", "United States", False),
    ("the leader", "Former President of the United States", "United States", False),
    ("the secretary", "White House Press Secretary", "United States", False),
])
def test_a_role_phrase_fits_by_role_country_and_synonym(phrase, role, country, fits):
    assert role_fits(phrase, role, country) is fits


def test_generic_roles_are_told_from_names():
    assert is_generic_role("the defense secretary") and is_generic_role("the senator")
    assert not is_generic_role("Hegseth") and not is_generic_role("the President of the United States")


@pytest.mark.parametrize("text, expected", [
    ("Donald Trump spoke with Volodymyr Zelensky on Friday.\n\n“We will see,” the US president said.",
     ["donald-trump"]),
    ("Donald Trump spoke with Volodymyr Zelensky on Friday.\n\n“We will see,” the Ukrainian president said.",
     ["volodymyr-zelensky"]),
    ("Vladimir Putin met envoys in Moscow.\n\n“Nothing is agreed,” the Russian leader said.", ["vladimir-putin"]),
    ("Karoline Leavitt took questions.\n\n“No decision yet,” the White House spokeswoman said.",
     ["karoline-leavitt"]),
    # A registry role phrase names its person when the article names nobody else with the role.
    ("“Everything is open,” the defense secretary said.", ["pete-hegseth"]),
    # It does not when the article names someone else who holds it.
    ("British Defense Secretary Jon Halvey arrived in Warsaw.\n\n“We are ready,” the defense secretary said.",
     ["jon-halvey"]),
    ("Pete Hegseth met British Defense Secretary Jon Halvey.\n\n“We are ready,” the defense secretary said.",
     [None]),
])
def test_role_phrases_name_whoever_holds_the_role_in_the_article(registry, text, expected):
    assert speakers(extract(registry, text)) == expected


def test_a_role_alias_is_read_as_a_role_and_the_build_warns(tmp_path):
    seeds = shutil.copytree(SEEDS, tmp_path / "seeds")
    edit(seeds / "people.yml", "  aliases: [Wicker, Sen. Wicker,", "  aliases: [the senator, Wicker, Sen. Wicker,")
    result = run("check", "--seeds", seeds)
    assert result.exit_code == 0, result.output
    assert "alias 'the senator' is a role, not a name" in result.output
    assert "move 'the senator' from aliases: to roles:" in result.output
    assert "people.yml" in result.output and "roger-wicker" in result.output
    registry = index_registry({"roger-wicker": {"name": "Roger Wicker", "kind": "person", "role": "U.S. Senator",
                                                "aliases": ["the senator"]}})
    text = "Senator Dana Whitlock spoke after the vote.\n\n“We lost,” the senator said."
    assert speakers(extract(registry, text)) == ["dana-whitlock"]
