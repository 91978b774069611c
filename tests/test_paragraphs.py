"""Paragraph kinds, decided by general rules (the seeds are checked in test_database.py)."""

import pytest

from whosaid.paragraphs import classify_paragraph, split_paragraphs

ARTICLE = """Minister Says Peace Talks Are ‘Close’ After Long Night

Reuters Photo/Jane Doe
The minister said on Monday that talks were “close.”
RELATED: FIVE THINGS TO KNOW ABOUT THE TALKS

  “We are nearly there,” she told reporters.
Sign up for our morning newsletter
🚨 BREAKING: Talks are close! https://t.co/abc123
Read more about the war here.
"""


def test_split_keeps_offsets_into_the_text():
    paragraphs = split_paragraphs(ARTICLE)
    assert [paragraph["n"] for paragraph in paragraphs] == list(range(1, 9))
    for paragraph in paragraphs:
        assert ARTICLE[paragraph["start"]:paragraph["end"]] == paragraph["text"]
    assert paragraphs[4]["text"].startswith("“We are")  # leading spaces are not part of it


def test_kinds_of_an_unseen_article():
    kinds = [(paragraph["kind"], paragraph["text"][:12]) for paragraph in split_paragraphs(ARTICLE)]
    assert kinds == [
        ("headline", "Minister Say"),
        ("caption", "Reuters Phot"),
        ("prose", "The minister"),
        ("boilerplate", "RELATED: FIV"),
        ("prose", "“We are near"),
        ("boilerplate", "Sign up for "),
        ("social_post", "🚨 BREAKING: "),
        ("boilerplate", "Read more ab"),
    ]


def test_a_first_line_that_is_a_sentence_is_prose():
    assert classify_paragraph("Defense Secretary Pete Hegseth told reporters on Friday that it was unlikely.",
                              is_first=True) == "prose"


def test_the_manifest_headline_is_recognised_even_when_it_reads_like_a_sentence():
    line = "Trump rules out U.S. ground troops for Ukraine."
    assert classify_paragraph(line, is_first=True, headline="Trump rules out U.S. ground troops for Ukraine") == "headline"
    assert classify_paragraph(line, is_first=True) == "prose"


def test_a_headline_is_only_ever_the_first_paragraph():
    assert classify_paragraph("Minister Says Peace Talks Are Close After Long Night") == "prose"


@pytest.mark.parametrize("text, kind", [
    ("Zelensky posted a photo by his press office showing the damaged hospital in Kharkiv.", "prose"),
    ("A video by the Ukrainian defense ministry showed troops near the front.", "prose"),
    ("REUTERS/Evelyn Hockstein", "caption"),
    ("SAUL LOEB/AFP via Getty Images", "caption"),
    ("Photo by Jane Doe", "caption"),
    ("President Trump speaks in the Oval Office. (AP Photo/Evan Vucci)", "caption"),
    ("THE WAR IN UKRAINE WOULD NEVER HAVE HAPPENED IF I WERE PRESIDENT!", "prose"),
    ("“NO AMERICAN TROOPS WILL GO TO UKRAINE,” TRUMP WROTE", "prose"),
    ("FORMER US AMBASSADOR TO NATO PREDICTS IMMINENT CEASEFIRE IN UKRAINE", "boilerplate"),
    ("By Jane Doe, Associated Press", "boilerplate"),
    ("By Tuesday, the talks had collapsed.", "prose"),
    ("More from Vance’s interview with the Journal suggests a harder line.", "prose"),
    ("More from Fox News", "boilerplate"),
    ("— Donald J. Trump (@realDonaldTrump) February 14, 2025", "social_post"),
])
def test_kinds_are_decided_by_form_not_by_a_word(text, kind):
    assert classify_paragraph(text) == kind


def test_a_byline_first_is_not_a_headline():
    assert classify_paragraph("By Jane Doe, Associated Press", is_first=True) == "boilerplate"


# Wire copy sent by e-mail arrives broken at a fixed width, with no blank lines: written for the tests.
HARD_WRAPPED = """By Ana Ruiz
VIGO, March 3 Fishing crews along the northern coast want
the quota talks in Brussels to finish before the season opens,
the head of the regional trawler association Pablo Serrat said.
Serrat said at a harbour meeting on Tuesday that
the boats could not wait for another round of talks.
"Every week without a quota keeps our boats tied up
at the quay," Serrat said.
"The ministers know the dates and they keep missing
them," he added.
"""


def test_hard_wrapped_lines_are_joined_into_their_paragraphs():
    paragraphs = split_paragraphs(HARD_WRAPPED)
    assert [paragraph["text"].split("\n")[0] for paragraph in paragraphs] == [
        "By Ana Ruiz", "VIGO, March 3 Fishing crews along the northern coast want",
        "Serrat said at a harbour meeting on Tuesday that", "\"Every week without a quota keeps our boats tied up",
        "\"The ministers know the dates and they keep missing"]
    for paragraph in paragraphs:
        assert HARD_WRAPPED[paragraph["start"]:paragraph["end"]] == paragraph["text"]


def test_a_text_of_short_finished_lines_is_not_rewrapped():
    text = "\n".join(f"Line {n} is a short sentence." for n in range(12))
    assert len(split_paragraphs(text)) == 12


def test_a_date_stamp_run_into_the_first_line_is_a_paragraph_of_its_own():
    text = " date 2024-02-25 Minister Says Talks Are ‘Close’\n\nThe minister said on Sunday that talks were “close.”\n"
    paragraphs = split_paragraphs(text)
    assert [(paragraph["kind"], paragraph["text"]) for paragraph in paragraphs] == [
        ("boilerplate", "date 2024-02-25"), ("headline", "Minister Says Talks Are ‘Close’"),
        ("prose", "The minister said on Sunday that talks were “close.”")]
    for paragraph in paragraphs:
        assert text[paragraph["start"]:paragraph["end"]] == paragraph["text"]
