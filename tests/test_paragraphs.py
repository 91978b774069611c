"""Paragraph kinds, decided by general rules (the seeds are checked in test_database.py)."""

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
