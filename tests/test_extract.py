"""The extraction rules, one convention at a time, on sentences written for the tests.

The registry is the real seeds/people.yml; the sentences are not from the seed
articles, so these tests show the rules carry over to text they were not written for.
"""

import datetime

import pytest

from whosaid.dates import find_time_expressions, resolve_time
from whosaid.extract import extract_quotes
from whosaid.paragraphs import split_paragraphs
from whosaid.quotes import find_quote_spans, split_sentences

FRIDAY = datetime.date(2025, 2, 14)


def extract(registry, text, headline="A headline with no quotes in it", published="2025-02-14"):
    article = {"id": "test", "headline": headline, "published": published, "text": text,
               "paragraphs": split_paragraphs(text, headline=headline)}
    return extract_quotes(article, registry)


def quoted(text, social=False):
    return [text[span["start"]:span["end"]] for span in find_quote_spans(text, social=social)]


# -- quote marks -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("He said “we will not” and left.", ["we will not"]),
    ('He said "we will not" and left.', ["we will not"]),
    ("“Most likely, it is a provocation,\" he said.", ["Most likely, it is a provocation,"]),
    ("“It is Ukraine’s choice and we won’t decide it,” she said.", ["It is Ukraine’s choice and we won’t decide it,"]),
    ("“One sentence. Then another one.” he said.", ["One sentence. Then another one."]),
    ("“He called it ‘a fog of war,’ and left,” she said.", ["He called it ‘a fog of war,’ and left,", "a fog of war,"]),
    ("Minister Says Troops Are ‘Not On The Table’ For Now", ["Not On The Table"]),
    ("The ’90s were different, O’Rourke’s allies’ aides said.", []),
    ("‘We won’t send a single soldier,’ he told the BBC.", ["We won’t send a single soldier,"]),
    ("“This quote goes on into the next paragraph.", ["This quote goes on into the next paragraph."]),
])
def test_quote_marks_pair_up_and_apostrophes_do_not(text, expected):
    assert quoted(text) == expected


def test_titles_in_quotes_are_not_anyones_words(registry):
    text = ("“We will not send troops,” Hegseth told Fox News’ ‘Sunday Morning Futures’ on Sunday.\n"
            "Wicker, appearing on CBS’s “Face the Nation,” called it “a rookie mistake.”")
    quotes = extract(registry, text)["quotes"]
    assert [q["text"] for q in quotes] == ["We will not send troops,", "a rookie mistake."]


def test_a_social_post_quote_with_no_opening_mark_starts_after_the_colon():
    post = "The Kremlin: no foreign troops will be tolerated in Ukraine” https://t.co/abc"
    assert quoted(post, social=True) == ["no foreign troops will be tolerated in Ukraine"]
    assert quoted(post, social=False) == []


def test_sentences_do_not_break_inside_quotes_or_after_abbreviations():
    text = "“We will see. It is early,” Sen. Wicker told the U.S. Senate. “Nobody knows.”"
    spans = find_quote_spans(text)
    assert [text[start:end] for start, end in split_sentences(text, spans)] == [
        "“We will see. It is early,” Sen. Wicker told the U.S. Senate.", "“Nobody knows.”"]


# -- who said it -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, speaker, attribution, cue", [
    ("“We are ready,” Rubio said.", "marco-rubio", "quote_then_speaker", "said"),
    ("“We are ready,” said Rubio.", "marco-rubio", "quote_then_speaker", "said"),
    ("Rubio said, “We are ready.”", "marco-rubio", "speaker_then_quote", "said"),
    ("Rubio said that Europe was “ready to lead.”", "marco-rubio", "speaker_then_quote", "said"),
    ("Rubio told reporters on Monday that talks were “moving fast.”", "marco-rubio", "speaker_then_quote", "told"),
    ("Rubio added that he would “never rule anything out.”", "marco-rubio", "speaker_then_quote", "added"),
    ("Talks were “moving fast,” according to Rubio.", "marco-rubio", "according_to", "according to"),
    ("Rubio wrote in a post on X, “We stand with Ukraine.”", "marco-rubio", "speaker_then_quote", "wrote"),
    ("Rubio met Tusk and held that “peace is close.”", "marco-rubio", "clause_subject", "held"),
    ("Rubio walked it back, saying “We want peace.”", "marco-rubio", "clause_subject", "saying"),
    ("The Kremlin: “Nothing has been agreed.”", "kremlin", "colon", ":"),
    ("The Journal reported, “Talks begin on Monday.”", "the-wall-street-journal", "speaker_then_quote", "reported"),
    ("“Everything is open,” the defense secretary said.", "pete-hegseth", "role_noun", "said"),
    ("Peskov was asked twice. “Nothing is agreed,” the Kremlin spokesman told reporters.", "dmitry-peskov",
     "role_noun", "told"),
    ("Hegseth and Rubio spoke. “Nothing is agreed,” the secretary said.", None, "unresolved", "said"),
    ("Kaja Kallas, the EU’s top diplomat, said the plan was “a trap.”", "kaja-kallas", "speaker_then_quote", "said"),
    ("Trump, who said in 2024 that the war “would never have happened,” spoke.", "donald-trump",
     "speaker_then_quote", "said"),
])
def test_news_conventions_name_the_speaker(registry, text, speaker, attribution, cue):
    [quote] = extract(registry, text)["quotes"]
    assert (quote["speaker_id"], quote["attribution"], quote["cue"]) == (speaker, attribution, cue)


def test_a_pronoun_goes_to_the_nearest_earlier_subject_it_can_stand_for(registry):
    text = ("Kaja Kallas met Pete Hegseth in Brussels.\n"
            "Hegseth spoke first. “We are listening,” he said.\n"
            "“Europe will decide,” she said.")
    quotes = extract(registry, text)["quotes"]
    assert [(q["speaker_id"], q["attribution"]) for q in quotes] == [
        ("pete-hegseth", "pronoun"), ("kaja-kallas", "pronoun")]


def test_a_quote_with_no_attribution_continues_the_previous_speaker(registry):
    text = ("“We are not there yet,” Rubio said.\n"
            "“But we are close.”")
    quotes = extract(registry, text)["quotes"]
    assert [(q["speaker_id"], q["attribution"]) for q in quotes] == [
        ("marco-rubio", "quote_then_speaker"), ("marco-rubio", "continuation")]


def test_nothing_continues_an_unresolved_quote(registry):
    text = "“We are not there yet,” Rubio said. “Maybe,” an aide said. “Or maybe not.”"
    quotes = extract(registry, text)["quotes"]
    assert [q["speaker_id"] for q in quotes] == ["marco-rubio", None, None]
    assert [q["attribution"] for q in quotes][1:] == ["unnamed_source", "unresolved"]


def test_a_nested_quote_belongs_to_who_the_outer_quote_says_said_it(registry):
    text = "The Journal reported, “Vance said troops remained ‘on the table,’ unlike Hegseth.”"
    outer, nested = extract(registry, text)["quotes"]
    assert (outer["speaker_id"], nested["speaker_id"], nested["kind"]) == ("the-wall-street-journal", "jd-vance",
                                                                             "nested")
    assert nested["nested_in"] == outer["id"] and nested["attribution"] == "nested_inner"


def test_a_nested_quote_credited_to_someone_the_rules_cannot_name_stays_unresolved(registry):
    text = "“As the boss likes to say, ‘Everything is on the table,’ and that is that,” Vance said."
    outer, nested = extract(registry, text)["quotes"]
    assert outer["speaker_id"] == "jd-vance"
    assert (nested["speaker_id"], nested["attribution"]) == (None, "unresolved")


def test_a_pronoun_does_not_jump_back_past_someone_unnamed(registry):
    text = ("Rubio spoke on Monday.\n"
            "Ukraine’s top commander, Oleksandr Syrskyi, warned of an offensive. “Every meter counts,” he added.\n"
            "A senior commander said the line held. “We are ready,” he said.\n"
            "Major Ivanenko said it held too. “We are ready,” he said.")
    quotes = extract(registry, text)["quotes"]
    assert [q["speaker_id"] for q in quotes] == ["oleksandr-syrskyi", None, None]
    # "Major Ivanenko", named by title and surname only, waits for the archive to say who he is.
    assert [q.get("pending_name") for q in quotes] == [None, None, "Ivanenko"]


@pytest.mark.parametrize("text", [
    "“We will not,” officials said.",
    "“We will not,” an aide to the minister said.",
    "The so-called “coalition of the willing” met on Monday.",
    "“We will not,” Lara Trump said.",
])
def test_when_the_rules_cannot_decide_the_speaker_stays_empty(registry, text):
    quotes = extract(registry, text)["quotes"]
    assert [q["speaker_id"] for q in quotes] in ([None], ["lara-trump"])
    assert all(q["speaker_id"] != "donald-trump" for q in quotes)


def test_someone_missing_from_the_registry_gets_an_unregistered_row_not_someone_elses(registry):
    text = ("Sweden’s Defense Minister Pål Jonson met Hegseth on Wednesday.\n"
            "“We need to know who has our back,” Jonson said.\n"
            "“We will not send anyone blind,” said Dutch Prime Minister Dick Schoof.")
    result = extract(registry, text)
    assert [q["speaker_id"] for q in result["quotes"]] == ["pal-jonson", "dick-schoof"]
    people = {person["id"]: person for person in result["new_people"]}
    assert people["pal-jonson"]["name"] == "Pål Jonson"
    assert people["pal-jonson"]["role"] == "Defense Minister" and people["pal-jonson"]["country"] == "Sweden"
    assert people["dick-schoof"]["role"] == "Dutch Prime Minister"


def test_headline_quotes_go_to_the_headline_subject(registry):
    headline = "Hegseth pulls back: “Everything is on the table”"
    [quote] = extract(registry, "Hegseth spoke on Thursday.", headline=headline)["quotes"]
    assert (quote["source"], quote["kind"], quote["speaker_id"]) == ("headline", "headline", "pete-hegseth")
    assert headline[quote["start"]:quote["end"]] == "Everything is on the table"
    assert quote["paragraph_id"] is None


# -- when it was said --------------------------------------------------------------------------

@pytest.mark.parametrize("words, anchor, expected", [
    ("on Friday", FRIDAY, ("2025-02-14", "day")),
    ("Wednesday", FRIDAY, ("2025-02-12", "day")),
    ("early Friday", FRIDAY, ("2025-02-14", "day")),
    ("last Friday", FRIDAY, ("2025-02-07", "day")),
    ("a day earlier", datetime.date(2025, 2, 13), ("2025-02-12", "day")),
    ("24 hours later", datetime.date(2025, 2, 12), ("2025-02-13", "day")),
    ("yesterday", FRIDAY, ("2025-02-13", "day")),
    ("earlier this week", FRIDAY, ("2025-02-10", "week")),
    ("last week", FRIDAY, ("2025-02-03", "week")),
    ("in January 2024", FRIDAY, ("2024-01-01", "month")),
    ("in 2022", FRIDAY, ("2022-01-01", "year")),
    ("on Feb. 11", FRIDAY, ("2025-02-11", "day")),
    ("December 3", FRIDAY, ("2024-12-03", "day")),
])
def test_time_expressions_resolve_against_the_publication_date(words, anchor, expected):
    [expression] = [e for e in find_time_expressions(words) if e["kind"] != "later"]
    date, precision = resolve_time(expression, FRIDAY, anchor)
    assert (date.isoformat(), precision) == expected


@pytest.mark.parametrize("words, published, expected", [
    ("on March 12", datetime.date(2025, 3, 12), "2025-03-12"),   # the publication day itself
    ("on March 12", datetime.date(2025, 3, 11), "2024-03-12"),   # not yet this year: last year's
    ("12 March", datetime.date(2025, 12, 1), "2025-03-12"),
    ("on Feb. 29", datetime.date(2024, 3, 1), "2024-02-29"),     # a leap day in a leap year
    ("on Feb. 29", datetime.date(2025, 6, 1), "2024-02-29"),     # the last leap day before publication
    ("on March 12, 2023", datetime.date(2025, 3, 11), "2023-03-12"),
])
def test_a_day_without_a_year_is_the_last_such_day_up_to_publication(words, published, expected):
    # One reading of the words serves every publication date; the year is worked out from it.
    [expression] = find_time_expressions(words)
    date, precision = resolve_time(expression, published, published)
    assert (date.isoformat(), precision) == (expected, "day")


def test_a_time_after_publication_is_not_a_date():
    [expression] = find_time_expressions("a day later")
    assert resolve_time(expression, FRIDAY, FRIDAY) is None


def test_said_on_comes_from_the_attribution_not_the_quoted_words(registry):
    text = ("Hegseth said on Wednesday that Ukraine would not join NATO.\n"
            "In a press conference 24 hours later, Hegseth declined to repeat it. “Everything is open on Monday,” "
            "he said.\n"
            "Rubio, who said in March 2024 that the war was “lost,” told reporters on Thursday that it was “not lost.”\n"
            "“It is early days,” Kallas said.")
    quotes = extract(registry, text)["quotes"]
    assert [(q["said_on"], q["said_on_precision"], q["said_on_basis"]) for q in quotes] == [
        ("2025-02-13", "day", "24 hours later"),
        ("2024-03-01", "month", "in March 2024"),
        ("2025-02-13", "day", "on Thursday"),
        ("2025-02-14", "published", None),
    ]


def test_a_time_word_in_another_clause_does_not_date_the_quote(registry):
    text = ("Hegseth spoke on Sunday. Hegseth said a review that held up shipments last week was “routine.”\n"
            "“It was a mistake,” said Wicker, appearing the same morning on television.\n"
            "Leavitt told reporters the day before that the policy had “not changed.”")
    quotes = extract(registry, text, published="2025-07-11")["quotes"]
    assert [(q["said_on"], q["said_on_basis"]) for q in quotes] == [
        ("2025-07-06", "on Sunday"), ("2025-07-06", "the same morning"), ("2025-07-05", "the day before")]


def test_a_pronoun_after_an_unregistered_speaker_is_not_pinned_on_a_registered_one(registry):
    text = ("Sweden’s Defense Minister Pål Jonson met Pete Hegseth in Brussels on Wednesday.\n"
            "Jonson spoke first. “We need to know who has our back,” he said.")
    [quote] = extract(registry, text)["quotes"]
    assert (quote["speaker_id"], quote["attribution"]) == ("pal-jonson", "pronoun")
